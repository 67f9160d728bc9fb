"""Consultations: their dates, documents and status history.

A consultation belongs to a municipality; documents, submissions and answers are scoped
through it (submissions and answers: ``models/submissions.py``).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange, Territory, municipality_key
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line
from portal.workdays import add_working_days

from ..querysets import ConsultationQuerySet

# A consultation's documents.
CONSULTATION_DOCUMENT = DocumentValidator(types=("pdf",))


class Consultation(LifecycleMixin, models.Model):
    class Kind(models.TextChoices):
        DECISION = "decision", _("draft decision")
        REGULATION = "regulation", _("draft binding regulations")
        PLANNING = "planning", _("development-planning document")
        INVESTMENT = "investment", _("investment plan")
        BUDGET = "budget", _("budget")
        NEEDS = "needs", _("needs assessment")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", pgettext_lazy("consultation status", "published")
        COMPLETED = "completed", _("completed")

    lifecycle = Lifecycle(
        {
            Status.DRAFT: {Status.PUBLISHED: "publish"},
            Status.PUBLISHED: {Status.COMPLETED: "complete"},
        },
        start={Status.DRAFT: "open"},
        history="status_changes",
    )

    municipality = municipality_key("consultations", on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    slug = models.SlugField(_("short name in addresses"), max_length=220)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"))
    easy_summary = models.TextField(
        _("summary in easy language"),
        blank=True,
        help_text=_("Short sentences and everyday words: what is decided and what changes."),
    )
    neighbourhoods = models.ManyToManyField(
        Territory,
        verbose_name=_("affected territories"),
        related_name="consultations",
        blank=True,
        help_text=_("A parish or town includes every neighbourhood inside it."),
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"), help_text=_("Submissions are accepted all day."))
    short_period_reason = models.TextField(
        _("why the period is shorter than the minimum"), blank=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member responsible"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultations_responsible",
    )
    remote_participation = models.TextField(_("how to take part remotely"), blank=True)
    venue = models.CharField(
        _("venue of the in-person meeting"), max_length=300, blank=True, validators=[single_line]
    )
    meeting_at = models.DateTimeField(_("time of the in-person meeting"), null=True, blank=True)
    venue_step_free = models.BooleanField(_("the venue is step-free"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    response_due_on = models.DateField(_("answers due"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-closes_on", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "status", "closes_on"], name="consultation_list")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="consultation_slug_unique_per_municipality"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.closes_on and self.municipality_id:
            self.response_due_on = add_working_days(
                self.closes_on, self.municipality.response_working_days
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("consultations:consultation-detail", kwargs={"slug": self.slug})

    @property
    def period_days(self):
        """Days open, the first and the last included."""
        return (self.closes_on - self.opens_on).days + 1

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_published(self):
        return self.status != self.Status.DRAFT

    @property
    def is_completed(self):
        return self.status == self.Status.COMPLETED

    @property
    def accepts_submissions(self):
        """Published, and today is within its dates (the server's date, not the browser's)."""
        today = timezone.localdate()
        return self.status == self.Status.PUBLISHED and self.opens_on <= today <= self.closes_on

    @property
    def has_closed(self):
        return timezone.localdate() > self.closes_on

    @property
    def not_yet_open(self):
        return timezone.localdate() < self.opens_on

    @property
    def feedback_report_due_on(self):
        """Planning documents: the summary of the feedback is due this many days after close."""
        if self.kind != self.Kind.PLANNING:
            return None
        return self.closes_on + timezone.timedelta(days=self.municipality.feedback_report_days)


def minimum_days(municipality, kind):
    """The shortest period a consultation of ``kind`` should be open (a municipality setting)."""
    if kind == Consultation.Kind.PLANNING:
        return municipality.min_planning_consultation_days
    if kind == Consultation.Kind.REGULATION:
        return municipality.min_regulation_consultation_days
    return municipality.min_consultation_days


class ConsultationChange(StatusChange):
    subject_field = "consultation"
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("consultation change")
        verbose_name_plural = _("consultation changes")


class ConsultationDocument(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    file = models.FileField(
        _("file (PDF)"), upload_to=generated_upload_path, validators=[CONSULTATION_DOCUMENT]
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["pk"]

    def __str__(self):
        return self.title
