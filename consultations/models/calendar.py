"""The municipality's calendar of participation events: resident forums, NGO days,
experience-exchange events. Staff keep it; the participation index and its iCalendar feed
show it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Territory, municipality_key
from portal.querysets import InMunicipalityQuerySet
from portal.validators import single_line


class Audience(models.TextChoices):
    RESIDENTS = "residents", _("residents")
    COMMUNITIES = "communities", _("communities")
    NGOS = "ngos", _("associations and NGOs")


class MunicipalEventQuerySet(InMunicipalityQuerySet):
    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(
            models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)
        )


class MunicipalEvent(models.Model):
    class Kind(models.TextChoices):
        FORUM = "forum", _("resident forum")
        NGO_DAY = "ngo_day", _("NGO day")
        EXCHANGE = "exchange", _("experience-exchange event")
        OTHER = "other", _("other event")

    municipality = municipality_key("municipal_events")
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    audience = models.CharField(
        _("for whom"), max_length=20, choices=Audience.choices, default=Audience.RESIDENTS
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True, validators=[single_line])
    venue_step_free = models.BooleanField(_("the venue is step-free"), default=False)
    how_to_take_part = models.TextField(
        _("how to take part"), blank=True, help_text=_("Registration, remote link, contact.")
    )
    neighbourhoods = models.ManyToManyField(
        Territory,
        verbose_name=_("neighbourhoods"),
        related_name="municipal_events",
        blank=True,
        help_text=_("None: the whole municipality."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MunicipalEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipal event")
        verbose_name_plural = _("municipal events")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title
