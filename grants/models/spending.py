"""What an awarded annual subsidy was spent on: the community's leaders and board report it
(lines and documents), staff accept it or return it with a reason. The accepted total becomes
the award's ``spent_amount``, which a tier's ``previous_tier`` + ``min_spent_percent``
condition reads."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

from .rounds import MONEY
from .subsidies import SubsidyAward

SPENDING_DOCUMENT = DocumentValidator(types=("pdf", "png", "jpg"))


class SpendingReportQuerySet(models.QuerySet):
    def of(self, municipality):
        return self.filter(award__community__municipality=municipality)


class SpendingReport(LifecycleMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned for corrections")

    lifecycle = Lifecycle(
        {
            Status.DRAFT: {Status.SUBMITTED: "submit"},
            Status.SUBMITTED: {Status.ACCEPTED: "accept", Status.RETURNED: "return"},
            Status.RETURNED: {Status.SUBMITTED: "submit again"},
        },
        start={Status.DRAFT: "start"},
        history="changes",
    )
    # The leaders change lines and documents only in these.
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    award = models.OneToOneField(
        SubsidyAward, on_delete=models.CASCADE, related_name="spending_report"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = SpendingReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("subsidy spending report")
        verbose_name_plural = _("subsidy spending reports")
        ordering = ["award", "pk"]

    def __str__(self):
        return str(self.award)

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES


class SpendingReportChange(StatusChange):
    subject_field = "report"
    report = models.ForeignKey(SpendingReport, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("subsidy spending report: history")
        verbose_name_plural = _("subsidy spending reports: history")


class SpendingLine(models.Model):
    report = models.ForeignKey(SpendingReport, on_delete=models.CASCADE, related_name="lines")
    what = models.CharField(
        pgettext_lazy("spending", "what was bought or paid"),
        max_length=200,
        validators=[single_line],
    )
    amount = models.DecimalField(_("amount (EUR)"), validators=[MinValueValidator(0)], **MONEY)

    class Meta:
        verbose_name = _("spending line")
        verbose_name_plural = _("spending lines")
        ordering = ["report", "pk"]

    def __str__(self):
        return self.what


class SpendingDocumentQuerySet(models.QuerySet):
    def of(self, municipality):
        return self.filter(report__award__community__municipality=municipality)


class SpendingDocument(models.Model):
    report = models.ForeignKey(SpendingReport, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    file = models.FileField(
        _("file"), upload_to=generated_upload_path, validators=[SPENDING_DOCUMENT]
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = SpendingDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("spending document")
        verbose_name_plural = _("spending documents")
        ordering = ["report", "pk"]

    def __str__(self):
        return self.title
