"""A community's activity record: events, joint opinions and reopened years."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.validators import single_line

from ..querysets import ActivityQuerySet
from .community import Community, ParticipationForm


class ActivityEntry(models.Model):
    """What events and joint opinions share: who recorded them and whether they were removed.

    Removal is soft: a removed entry leaves public pages and counts (``recorded()``) but the
    row, who removed it, when and why stay as evidence for staff.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removal_reason = models.TextField(_("why it was removed"), blank=True)
    # Every correction adds one: a form opened on an older version is refused (issue 16).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ActivityQuerySet.as_manager()

    # The field whose year places the entry in a year's record.
    date_field = ""

    class Meta:
        abstract = True

    @property
    def record_date(self):
        return getattr(self, self.date_field)

    @property
    def is_removed(self):
        return self.removed_at is not None


class Event(ActivityEntry):
    """An event of the community's activity record; subsidy tiers are checked against these.

    An event dated after today is planned: it takes its attendance once it happened.
    """

    class Kind(models.TextChoices):
        FORUM = "forum", _("residents' forum")
        TRADITION = "tradition", _("neighbourhood tradition")
        COOPERATION = "cooperation", _("cooperation event")
        TRAINING = "training", _("training")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, validators=[single_line])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    attendance = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    participation_forms = models.JSONField(_("forms of participation"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    step_free_venue = models.BooleanField(_("step-free venue"), default=False)

    date_field = "date"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    def get_participation_forms_display(self):
        labels = dict(ParticipationForm.choices)
        return [labels.get(value, value) for value in self.participation_forms]

    @property
    def is_planned(self):
        return self.date > timezone.localdate()


class JointOpinion(ActivityEntry):
    """A joint opinion the community sent to the municipality."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="joint_opinions"
    )
    title = models.CharField(_("subject"), max_length=200, validators=[single_line])
    sent_on = models.DateField(_("sent on"))
    addressee = models.CharField(_("sent to"), max_length=200, validators=[single_line])
    summary = models.TextField(_("summary of the opinion"))

    date_field = "sent_on"

    class Meta:
        verbose_name = _("joint opinion")
        verbose_name_plural = _("joint opinions")
        ordering = ["-sent_on", "-pk"]

    def __str__(self):
        return self.title


class ActivityYearReopening(models.Model):
    """Staff reopen a locked year of one community's record until a date, saying why."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="year_reopenings"
    )
    year = models.PositiveSmallIntegerField(_("year of the record"))
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reopened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    reason = models.TextField(_("reason"))
    until = models.DateField(_("open until"))

    class Meta:
        verbose_name = _("reopened year of an activity record")
        verbose_name_plural = _("reopened years of activity records")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["community", "until"])]

    def __str__(self):
        return f"{self.community} {self.year} → {self.until}"
