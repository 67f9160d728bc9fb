"""Consultations, their submissions and the municipality's answer to each (feedback tracking).

A consultation belongs to a municipality; documents, submissions and answers are scoped
through it. Submissions and answers are kept apart so that similar submissions can share
one answer and each still shows it.
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

from . import history_events  # noqa: F401 - declares the events
from .querysets import ConsultationQuerySet, SubmissionQuerySet

# What a submission may carry, and a consultation's documents.
ATTACHMENT = DocumentValidator(types=("pdf", "png", "jpg"))
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


class AnswerStatus(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("answer", "accepted")
    PARTLY = "partly", _("partly accepted")
    NOT_ACCEPTED = "not_accepted", _("not accepted")
    PROVIDED = "provided", _("already provided for")
    OUTSIDE = "outside", _("outside the municipality's competence")


class Answer(models.Model):
    """The municipality's answer: one per submission, or one shared by a group of similar ones.

    Once published it is corrected only openly: the date, the reason and the earlier text
    stay on the page.
    """

    # Empty for an answer to something else than a submission (a council's recommendation).
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    status = models.CharField(_("answer"), max_length=20, choices=AnswerStatus.choices)
    explanation = models.TextField(
        _("explanation"),
        help_text=_("What changes because of the submission, or why nothing changes."),
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)
    corrected_at = models.DateTimeField(_("corrected"), null=True, blank=True)
    correction_reason = models.TextField(_("why it was corrected"), blank=True)
    earlier_status = models.CharField(
        _("earlier answer"), max_length=20, choices=AnswerStatus.choices, blank=True
    )
    earlier_explanation = models.TextField(_("earlier explanation"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["pk"]

    def __str__(self):
        return self.get_status_display()


class Submission(LifecycleMixin, models.Model):
    """An opinion: a resident's own, or a community's joint opinion (``community`` set)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("waiting for an answer")
        ANSWERED = "answered", _("answered")

    lifecycle = Lifecycle(
        {Status.RECEIVED: {Status.ANSWERED: "answer"}},
        start={Status.RECEIVED: "submit"},
        history="changes",
    )

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="submissions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultation_submissions",
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("on behalf of the community"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultation_submissions",
    )
    text = models.TextField(_("opinion"))
    document = models.ForeignKey(
        ConsultationDocument,
        verbose_name=_("about the document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    section = models.CharField(
        _("section or page"), max_length=200, blank=True, validators=[single_line]
    )
    attachment = models.FileField(
        _("attachment"), upload_to=generated_upload_path, blank=True, validators=[ATTACHMENT]
    )
    show_name = models.BooleanField(_("show my name on the public feedback page"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
    )
    answer = models.ForeignKey(
        Answer,
        verbose_name=_("answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    extended_until = models.DateField(_("answer extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("why the answer takes longer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    working_days_to_answer = models.PositiveSmallIntegerField(null=True, blank=True)
    answered_late = models.BooleanField(default=False)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["submitted_at", "pk"]
        indexes = [models.Index(fields=["consultation", "status"], name="submission_status")]

    def __str__(self):
        return f"{self.consultation} #{self.pk}"

    def get_absolute_url(self):
        return reverse(
            "consultations:submission-detail",
            kwargs={"slug": self.consultation.slug, "pk": self.pk},
        )

    @property
    def is_joint(self):
        return self.community_id is not None

    @property
    def is_answered(self):
        return self.status == self.Status.ANSWERED

    @property
    def due_on(self):
        return self.extended_until or self.consultation.response_due_on

    @property
    def is_overdue(self):
        due = self.due_on
        return not self.is_answered and due is not None and timezone.localdate() > due

    def public_author(self):
        """The name the public feedback page shows: the community's, or the person's only if
        they agreed; otherwise nothing personal."""
        if self.community_id:
            return self.community.name
        if self.show_name and self.author_id:
            return self.author.full_name or None
        return None


class SubmissionChange(StatusChange):
    """Who answered, extended or corrected the answer of a submission, and when."""

    subject_field = "submission"
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("submission change")
        verbose_name_plural = _("submission changes")


class NeighbourhoodFollow(models.Model):
    """A resident follows a neighbourhood: invited to its consultations, told of its events."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_territories"
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("neighbourhood"),
        on_delete=models.CASCADE,
        related_name="followers",
    )
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("followed neighbourhood")
        verbose_name_plural = _("followed neighbourhoods")
        constraints = [models.UniqueConstraint(fields=["user", "territory"], name="follow_once")]

    def __str__(self):
        return f"{self.user} → {self.territory}"


from .events import Audience, MunicipalEvent  # noqa: E402, F401 - models of the app
from .problems import ProblemReport, ProblemReportChange  # noqa: E402, F401
