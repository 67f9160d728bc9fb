"""Nominations to a council's seats: a period open for them, a community's nomination of
one of its members, the member's consent, and the staff's appointment."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange

from .councils import Council, Term


class NominationPeriod(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="nomination_periods"
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    note = models.TextField(_("what the council looks for"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("nomination period")
        verbose_name_plural = _("nomination periods")
        ordering = ["-closes_on", "-pk"]

    def __str__(self):
        return f"{self.council} {self.opens_on}–{self.closes_on}"

    @property
    def is_open(self):
        return self.opens_on <= timezone.localdate() <= self.closes_on


class Nomination(LifecycleMixin, models.Model):
    """A community nominates one of its members; the member consents; staff appoint."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("waiting for the member's consent")
        CONSENTED = "consented", _("the member consents")
        APPOINTED = "appointed", _("appointed")
        DECLINED = "declined", pgettext_lazy("nomination status", "declined")

    lifecycle = Lifecycle(
        {
            Status.PROPOSED: {Status.CONSENTED: "consent", Status.DECLINED: "decline"},
            Status.CONSENTED: {Status.APPOINTED: "appoint", Status.DECLINED: "decline"},
        },
        start={Status.PROPOSED: "nominate"},
        history="changes",
    )

    period = models.ForeignKey(
        NominationPeriod, on_delete=models.CASCADE, related_name="nominations"
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="council_nominations",
    )
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominee"),
        on_delete=models.PROTECT,
        related_name="council_nominations",
    )
    motivation = models.TextField(_("why this member"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    term = models.OneToOneField(
        Term, null=True, blank=True, on_delete=models.SET_NULL, related_name="nomination"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "community", "nominee"], name="nomination_once"
            )
        ]

    def __str__(self):
        return f"{self.nominee} ({self.community})"


class NominationChange(StatusChange):
    subject_field = "nomination"
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("nomination change")
        verbose_name_plural = _("nomination changes")
