"""Reports of awarded projects: progress and final, due by dates, accepted or returned."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange
from portal.uploads import DocumentValidator, generated_upload_path

from .models_applications import Application
from .models_rounds import MONEY

PHOTO = DocumentValidator(types=("png", "jpg"))


class ReportQuerySet(models.QuerySet):
    def of(self, municipality):
        return self.filter(application__round__municipality=municipality)


class Report(LifecycleMixin, models.Model):
    class Kind(models.TextChoices):
        PROGRESS = "progress", _("progress report")
        FINAL = "final", _("final report")

    class Status(models.TextChoices):
        DUE = "due", _("due")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned for corrections")

    lifecycle = Lifecycle(
        {
            Status.DUE: {Status.SUBMITTED: "file"},
            Status.SUBMITTED: {Status.ACCEPTED: "accept", Status.RETURNED: "return"},
            Status.RETURNED: {Status.SUBMITTED: "file again"},
        },
        start={Status.DUE: "award"},
        history="status_changes",
    )

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DUE
    )
    narrative = models.TextField(_("what was done"), blank=True)
    spent_amount = models.DecimalField(
        _("spent of the grant (EUR)"), null=True, blank=True, **MONEY
    )
    spending_note = models.TextField(_("spending against the budget"), blank=True)
    photo = models.FileField(
        _("photo"), upload_to=generated_upload_path, blank=True, validators=[PHOTO]
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["application", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_report_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.application}"

    @property
    def is_overdue(self):
        return self.status in (self.Status.DUE, self.Status.RETURNED) and (
            self.due_on < timezone.localdate()
        )

    @property
    def can_be_filed(self):
        return self.can_move_to(self.Status.SUBMITTED)


class ReportStatusChange(StatusChange):
    subject_field = "report"
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("report status change")
        verbose_name_plural = _("report status changes")
