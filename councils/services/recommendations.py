"""The council's recommendations on agenda items, and the municipality's answer to each
(and its open correction)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.boilerplate import refuse_boilerplate
from consultations.models import Answer
from consultations.models.submissions import AnswerStatus
from consultations.services.answers import apply_correction
from portal.history import log_event
from portal.validators import field_error

from ..models import AgendaItem, Meeting, Recommendation
from .meetings import quorum


@transaction.atomic
def record_recommendation(
    *,
    actor,
    item: AgendaItem,
    text: str,
    voted: bool = False,
    votes_for: int = 0,
    votes_against: int = 0,
    abstentions: int = 0,
) -> Recommendation:
    """The council's recommendation on an item; a vote counts only with a quorum present."""
    if not (text or "").strip():
        raise field_error("text", _("Write the recommendation."), "required")
    meeting = item.meeting
    if meeting.status == Meeting.Status.MINUTED:
        raise ValidationError(_("The minutes are published; recommendations are closed."))
    if voted:
        counted = quorum(meeting)
        if not counted["recorded"]:
            raise field_error(
                "voted",
                _(
                    "Record who is present at the meeting first: the quorum and the votes are "
                    "counted from the members present."
                ),
                "no_presence",
            )
        votes = votes_for + votes_against + abstentions
        figures = {
            "votes": votes,
            "present": counted["present"],
            "members": counted["members"],
            "needed": counted["needed"],
        }
        if votes > counted["present"]:
            raise field_error(
                "votes_for",
                _(
                    "More votes than members present. Votes: %(votes)s; present: %(present)s; "
                    "sitting members: %(members)s."
                )
                % figures,
                "too_many",
            )
        if counted["present"] < counted["needed"]:
            raise field_error(
                "votes_for",
                _(
                    "No quorum. Present: %(present)s; sitting members: %(members)s; needed for "
                    "a decision: %(needed)s."
                )
                % figures,
                "no_quorum",
            )
    else:
        votes_for = votes_against = abstentions = 0
    recommendation, _created = Recommendation.objects.update_or_create(
        item=item,
        defaults={
            "text": text,
            "voted": voted,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "abstentions": abstentions,
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    log_event(meeting, "recommendation_recorded", actor=actor, data={"item": item.number})
    return recommendation


@transaction.atomic
def answer_recommendation(
    *, actor, recommendation: Recommendation, status: str, explanation: str
) -> Answer:
    """The municipality's answer: a ``consultations.Answer`` with a status and a real
    explanation (courtesy phrases alone are refused, as for submissions)."""
    if recommendation.answer_id:
        raise ValidationError(_("This recommendation already has an answer."), code="answered")
    meeting = recommendation.item.meeting
    if meeting.status != Meeting.Status.MINUTED:
        raise ValidationError(_("Answer once the minutes are published."), code="early")
    if status not in AnswerStatus.values:
        raise field_error("status", _("Choose the answer."), "required")
    refuse_boilerplate(explanation)
    answer = Answer.objects.create(
        consultation=None, status=status, explanation=explanation, answered_by=actor
    )
    recommendation.answer = answer
    recommendation.save(update_fields=["answer"])
    log_event(
        meeting,
        "recommendation_answered",
        actor=actor,
        data={"item": recommendation.item.number},
    )
    return answer


@transaction.atomic
def correct_recommendation_answer(
    *, actor, recommendation: Recommendation, status: str, explanation: str, reason: str
) -> Answer:
    """Correct a published answer openly: the reason and the date are shown with it, and the
    meeting's history keeps the text each correction replaced (nothing is lost by a second
    one)."""
    if not recommendation.answer_id:
        raise ValidationError(_("This recommendation has no answer to correct."), code="none")
    answer, old = apply_correction(
        answer_pk=recommendation.answer_id, status=status, explanation=explanation, reason=reason
    )
    log_event(
        recommendation.item.meeting,
        "recommendation_answer_corrected",
        actor=actor,
        reason=reason.strip(),
        data={"item": recommendation.item.number, **old},
    )
    return answer
