"""The municipality's answers to submissions: given, corrected openly, or given more time.
Permission checks stay in the views."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.history import log_event, move_to, require_move
from portal.outbox import notify
from portal.validators import field_error
from portal.workdays import add_months, working_days_between

from .. import outbox
from ..boilerplate import refuse_boilerplate
from ..models import Answer, Submission
from ..models.submissions import AnswerStatus
from .consultations import request_feedback_report


def _answer_figures(submission, day):
    consultation = submission.consultation
    return {
        "answered_on": day,
        "working_days_to_answer": working_days_between(consultation.closes_on, day),
        "answered_late": day > (submission.extended_until or consultation.response_due_on),
    }


@transaction.atomic
def answer_submissions(
    *,
    actor,
    submissions: Iterable[Submission],
    status: str,
    explanation: str,
    quiet: bool = False,
) -> Answer:
    """Answer one submission, or a group of similar ones together: one answer, shown on each.

    The explanation must say something (``boilerplate``); every submission gets its own
    history row and its submitter an email (``quiet``: none, for the demo's past answers).
    """
    submissions = list(submissions)
    if not submissions:
        raise ValidationError(_("Choose at least one submission to answer."), code="none")
    consultation = submissions[0].consultation
    if any(s.consultation_id != consultation.pk for s in submissions):
        raise ValidationError(_("Answer submissions of one consultation at a time."))
    if status not in AnswerStatus.values:
        raise field_error("status", _("Choose the answer."), "required")
    refuse_boilerplate(explanation)
    for submission in submissions:
        require_move(
            submission,
            Submission.Status.ANSWERED,
            _("This submission already has an answer; correct it instead."),
        )
    answer = Answer.objects.create(
        consultation=consultation, status=status, explanation=explanation, answered_by=actor
    )
    today = timezone.localdate()
    for submission in submissions:
        submission.consultation = consultation
        change = move_to(
            submission,
            Submission.Status.ANSWERED,
            actor=actor,
            fields={"answer": answer, **_answer_figures(submission, today)},
            event="answer_given",
            data={"answer": status, "together": len(submissions)},
        )
        if quiet:
            continue
        notify(
            outbox.ANSWER_GIVEN,
            occasion=change.pk,
            municipality=consultation.municipality,
            ids={"submission": submission.pk},
        )
    return answer


def apply_correction(*, answer_pk, status: str, explanation: str, reason: str):
    """Correct a published answer (a consultation's or a council recommendation's) in the
    caller's transaction: the reason is required, the earlier text stays on the row.
    Returns the answer and ``{"old", "new", "earlier"}`` for the caller's history row."""
    if not (reason or "").strip():
        raise field_error(
            "reason",
            _("Say why the answer is corrected: it is shown with the answer."),
            "reason_required",
        )
    if status not in AnswerStatus.values:
        raise field_error("status", _("Choose the answer."), "required")
    refuse_boilerplate(explanation)
    answer = Answer.objects.select_for_update().get(pk=answer_pk)
    old = {"old": answer.status, "new": status, "earlier": answer.explanation}
    answer.earlier_status, answer.earlier_explanation = answer.status, answer.explanation
    answer.status, answer.explanation = status, explanation
    answer.corrected_at, answer.correction_reason = timezone.now(), reason.strip()
    answer.save()
    return answer, old


@transaction.atomic
def correct_answer(*, actor, answer: Answer, status: str, explanation: str, reason: str) -> Answer:
    """Correct a published answer openly: the reason, the date and the earlier answer stay."""
    answer, old = apply_correction(
        answer_pk=answer.pk, status=status, explanation=explanation, reason=reason
    )
    for submission in answer.submissions.all():
        change = log_event(
            submission,
            "answer_corrected",
            actor=actor,
            reason=reason.strip(),
            # The text before this correction: every correction keeps the one it replaced.
            data=old,
        )
        notify(
            outbox.ANSWER_GIVEN,
            occasion=change.pk,
            municipality=answer.consultation.municipality,
            ids={"submission": submission.pk},
        )
    if answer.consultation.is_completed:
        request_feedback_report(actor=actor, consultation=answer.consultation)
    return answer


@transaction.atomic
def extend_answer(
    *, actor, submission: Submission, until: datetime.date, reason: str
) -> Submission:
    """Give one answer more time, up to one month after the close, saying why (the submitter
    sees the reason)."""
    if submission.is_answered:
        raise ValidationError(_("This submission already has an answer."), code="answered")
    if not (reason or "").strip():
        raise field_error(
            "reason",
            _("Say why the answer takes longer: the submitter sees it."),
            "reason_required",
        )
    consultation = submission.consultation
    latest = add_months(consultation.closes_on, 1)
    if until is None or until <= consultation.response_due_on or until > latest:
        raise field_error(
            "until",
            _("Choose a date after %(due)s and no later than %(latest)s.")
            % {
                "due": formats.date_format(consultation.response_due_on, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(latest, "SHORT_DATE_FORMAT"),
            },
            "too_late",
        )
    submission.extended_until, submission.extension_reason = until, reason
    submission.save(update_fields=["extended_until", "extension_reason"])
    change = log_event(
        submission, "answer_extended", actor=actor, reason=reason, data={"until": str(until)}
    )
    notify(
        outbox.ANSWER_EXTENDED,
        occasion=change.pk,
        municipality=consultation.municipality,
        ids={"submission": submission.pk},
    )
    return submission
