"""Submissions and the municipality's answer to each (feedback tracking).

Submissions and answers are kept apart so that similar submissions can share one answer and
each still shows it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

from ..querysets import SubmissionQuerySet
from .consultations import Consultation, ConsultationDocument

# What a submission may carry.
ATTACHMENT = DocumentValidator(types=("pdf", "png", "jpg"))


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
