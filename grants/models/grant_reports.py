"""Reports of awarded projects: progress and final, due by the dates staff set with the round,
filed line by line against the approved budget with receipts, photos and documents, accepted or
returned."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

from .applications import Application, BudgetLine
from .rounds import MONEY

REPORT_FILE = DocumentValidator(types=("pdf", "png", "jpg"))
MAX_REPORT_FILES = 20


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
    # The sum of the report's lines (``lines``), written with them when the report is filed.
    spent_amount = models.DecimalField(
        _("spent of the grant (EUR)"), null=True, blank=True, **MONEY
    )
    spending_note = models.TextField(_("spending against the budget"), blank=True)
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


class ReportLine(models.Model):
    """What was spent against one line of the approved budget, and why it differs."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    budget_line = models.ForeignKey(
        BudgetLine, on_delete=models.CASCADE, related_name="report_lines"
    )
    spent = models.DecimalField(_("spent (EUR)"), **MONEY)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("report line")
        verbose_name_plural = _("report lines")
        ordering = ["report", "budget_line"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "budget_line"], name="one_report_line_per_budget_line"
            ),
            models.CheckConstraint(
                condition=models.Q(spent__gte=0), name="report_line_spent_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.budget_line.description}: {self.spent}"


class ReportFileQuerySet(models.QuerySet):
    def of(self, municipality):
        return self.filter(report__application__round__municipality=municipality)


class ReportFile(models.Model):
    """A receipt, a photo or a document of a report; downloaded through a protected view."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("receipt or invoice")
        PHOTO = "photo", pgettext_lazy("report file", "photo")
        DOCUMENT = "document", pgettext_lazy("report file", "other document")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    file = models.FileField(_("file"), upload_to=generated_upload_path, validators=[REPORT_FILE])
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = ReportFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["report", "pk"]

    def __str__(self):
        return self.title
