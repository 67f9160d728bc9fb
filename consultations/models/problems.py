"""Problem reports: residents and communities are the municipality's eyes and ears.

A report names a neighbourhood, a category, what is wrong, optionally a photo and a place
(an address, or a point picked on the map). Staff route it to a colleague, answer it and
close it within the same working-day deadline as a submission; the reporter follows it.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange, Territory, municipality_key
from portal.querysets import InMunicipalityQuerySet
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

PHOTO = DocumentValidator(types=("jpg", "png"))


class ProblemReportQuerySet(InMunicipalityQuerySet):
    def public(self):
        """What the list, the map and a neighbourhood page show: every report, open or
        closed; a closed report stays public with its answer (issue 26)."""
        return self.all()

    def in_state(self, state):
        """``open``: waiting for an answer; ``closed``: answered or closed; else every one."""
        if state == "open":
            return self.waiting()
        if state == "closed":
            return self.exclude(status__in=ProblemReport.OPEN_STATUSES)
        return self

    def inside(self, territory):
        return self.filter(neighbourhood__path__startswith=territory.path)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(
            status__in=(ProblemReport.Status.RECEIVED, ProblemReport.Status.ROUTED),
            due_on__lt=today,
        )

    def waiting(self):
        """Not answered yet: what the staff's queue lists."""
        return self.filter(status__in=ProblemReport.OPEN_STATUSES)

    def aged(self, bucket, today=None):
        """Reported ``bucket`` (a key of ``AGE_BUCKETS``) days ago."""
        return self.filter(age_filter(bucket, today))


# Ages of waiting reports, in days since they were reported: the staff dashboard's chart and
# the queue's filter read these same limits. key: (first day, last day or None).
AGE_BUCKETS = {
    "0-7": (0, 7),
    "8-30": (8, 30),
    "31-90": (31, 90),
    "91-": (91, None),
}
# How a sentence names each bucket ("gaida atbildi 8–30 dienas"): the noun agrees with the
# range's last number, so a range is never put through ngettext.
AGE_LABELS = {
    "0-7": _("up to 7 days"),
    "8-30": _("8–30 days"),
    "31-90": _("31–90 days"),
    "91-": _("more than 90 days"),
}


# The filter of the list, the map and a neighbourhood page (``?state=``).
STATES = (
    ("", pgettext_lazy("problem reports", "all")),
    ("open", pgettext_lazy("problem reports", "open")),
    ("closed", _("answered or closed")),
)


def chosen_state(request):
    state = request.GET.get("state", "")
    return state if state in dict(STATES) else ""


def age_filter(bucket, today=None):
    """A ``Q`` of the reports reported ``bucket`` days ago (by the municipality's calendar)."""
    today = today or timezone.localdate()
    first, last = AGE_BUCKETS[bucket]
    q = models.Q(created_at__date__lte=today - datetime.timedelta(days=first))
    if last is not None:
        q &= models.Q(created_at__date__gte=today - datetime.timedelta(days=last))
    return q


class ProblemReport(LifecycleMixin, models.Model):
    class Category(models.TextChoices):
        ROAD = "road", _("roads and streets")
        ENVIRONMENT = "environment", _("environment")
        SAFETY = "safety", _("safety")
        VIOLATION = "violation", _("violation of rules")
        OTHER = "other", _("something else")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        ROUTED = "routed", _("being handled")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    OPEN_STATUSES = (Status.RECEIVED, Status.ROUTED)

    lifecycle = Lifecycle(
        {
            Status.RECEIVED: {Status.ROUTED: "route", Status.ANSWERED: "answer"},
            Status.ROUTED: {Status.ANSWERED: "answer"},
            Status.ANSWERED: {Status.CLOSED: "close"},
        },
        start={Status.RECEIVED: "report"},
        history="changes",
    )

    municipality = municipality_key("problem_reports")
    neighbourhood = models.ForeignKey(
        Territory,
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="problem_reports",
    )
    category = models.CharField(_("what kind of problem"), max_length=20, choices=Category.choices)
    title = models.CharField(_("in a few words"), max_length=150, validators=[single_line])
    description = models.TextField(_("what is wrong"))
    address = models.CharField(
        _("address or place"), max_length=300, blank=True, validators=[single_line]
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    photo = models.FileField(
        _("photo"), upload_to=generated_upload_path, blank=True, validators=[PHOTO]
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="problem_reports",
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("on behalf of the community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problem_reports",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_problem_reports",
    )
    answer = models.TextField(_("the municipality's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    due_on = models.DateField(_("answer due"))
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)

    objects = ProblemReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "status"], name="problem_report_status")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("problems:report-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.is_open and timezone.localdate() > self.due_on

    @property
    def has_point(self):
        return self.latitude is not None and self.longitude is not None


class ProblemReportChange(StatusChange):
    subject_field = "report"
    report = models.ForeignKey(ProblemReport, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("problem report change")
        verbose_name_plural = _("problem report changes")
