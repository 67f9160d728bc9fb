"""Every write that means something for a consultation. Permission checks stay in the views."""

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from communities.models import Community, Membership
from communities.roles import community_roles
from communities.services.activity import record_joint_opinion
from portal.history import log_event, move_to, record_start, require_move
from portal.models import Municipality, Territory
from portal.outbox import notify
from portal.validators import field_error
from portal.workdays import add_months, working_days_between

from . import outbox
from .boilerplate import refuse_boilerplate
from .models import (
    Answer,
    AnswerStatus,
    Consultation,
    ConsultationDocument,
    NeighbourhoodFollow,
    Submission,
    minimum_days,
)

Status = Consultation.Status
RESERVED_SLUGS = {"new", "mine", "overdue", "following", "events", "calendar"}


class ConsultationDetails(TypedDict, total=False):
    """What staff fill in about a consultation (the open/edit form)."""

    title: str
    kind: str
    description: str
    easy_summary: str
    neighbourhoods: Iterable[Territory]
    opens_on: datetime.date
    closes_on: datetime.date
    short_period_reason: str
    responsible: object
    remote_participation: str
    venue: str
    meeting_at: datetime.datetime | None
    venue_step_free: bool


def _unique_slug(municipality, title):
    base = slugify(title)[:200] or "apspriesana"
    taken = Consultation.objects.of(municipality)
    slug, n = base, 2
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def check_period(*, municipality, kind, opens_on, closes_on, short_period_reason=""):
    """Refuse a close before the opening, and a period shorter than the kind's minimum
    without a stated reason (it is recorded and shown on the consultation's page)."""
    if not (opens_on and closes_on):
        return
    if closes_on < opens_on:
        raise field_error(
            "closes_on", _("The consultation closes after it opens."), "closes_before"
        )
    minimum = minimum_days(municipality, kind)
    days = (closes_on - opens_on).days + 1
    if days < minimum and not (short_period_reason or "").strip():
        raise field_error(
            "short_period_reason",
            ngettext(
                "A consultation of this kind is open at least %(minimum)d day; this one "
                "is open %(days)d. Give the reason for the shorter period: it is shown to "
                "residents.",
                "A consultation of this kind is open at least %(minimum)d days; this one "
                "is open %(days)d. Give the reason for the shorter period: it is shown to "
                "residents.",
                minimum,
            )
            % {"minimum": minimum, "days": days},
            "period_too_short",
        )


def _write(consultation, details):
    neighbourhoods = details.pop("neighbourhoods", None)
    for name, value in details.items():
        if name not in ConsultationDetails.__annotations__:
            raise TypeError(f"A consultation has no detail {name!r}.")
        setattr(consultation, name, value)
    check_period(
        municipality=consultation.municipality,
        kind=consultation.kind,
        opens_on=consultation.opens_on,
        closes_on=consultation.closes_on,
        short_period_reason=consultation.short_period_reason,
    )
    if consultation.period_days >= minimum_days(consultation.municipality, consultation.kind):
        consultation.short_period_reason = ""
    consultation.save()
    if neighbourhoods is not None:
        consultation.neighbourhoods.set(neighbourhoods)


@transaction.atomic
def create_consultation(
    *, actor, municipality: Municipality, **details: Unpack[ConsultationDetails]
) -> Consultation:
    """Save a new consultation as a draft; nobody outside the staff sees it yet."""
    consultation = Consultation(
        municipality=municipality,
        slug=_unique_slug(municipality, details.get("title", "")),
        created_by=actor,
        status=Status.DRAFT,
    )
    details.setdefault("responsible", actor)
    _write(consultation, dict(details))
    record_start(consultation, actor=actor)
    return consultation


@transaction.atomic
def update_consultation(
    *, actor, consultation: Consultation, **details: Unpack[ConsultationDetails]
) -> Consultation:
    """Change a consultation before it is completed; a published one's changes are recorded."""
    if consultation.is_completed:
        raise ValidationError(_("A completed consultation is not changed."), code="completed")
    before = {name: str(getattr(consultation, name)) for name in _TRACKED}
    _write(consultation, dict(details))
    changed = [
        [name, before[name], str(getattr(consultation, name))]
        for name in _TRACKED
        if before[name] != str(getattr(consultation, name))
    ]
    if changed and consultation.is_published:
        log_event(consultation, "fields_changed", actor=actor, data={"fields": changed})
    return consultation


_TRACKED = ("title", "kind", "opens_on", "closes_on", "short_period_reason")


@transaction.atomic
def add_document(*, actor, consultation: Consultation, title: str, file) -> ConsultationDocument:
    if consultation.is_completed:
        raise ValidationError(_("A completed consultation is not changed."), code="completed")
    return ConsultationDocument.objects.create(consultation=consultation, title=title, file=file)


def affected_territory_ids(consultation):
    """The affected territories and everything inside them, as a subquery."""
    areas = list(consultation.neighbourhoods.all())
    if not areas:
        return Territory.objects.none().values("pk")
    inside = Q()
    for area in areas:
        inside |= Q(path__startswith=area.path)
    return Territory.objects.of(consultation.municipality).filter(inside).values("pk")


def invited_people(consultation):
    """Leaders and board of the communities covering an affected neighbourhood (at any depth
    of the tree), and the residents who follow one of those neighbourhoods."""
    territories = affected_territory_ids(consultation)
    communities = (
        Community.objects.of(consultation.municipality)
        .working()
        .filter(neighbourhoods__in=territories)
        .values("pk")
    )
    leaders = (
        Membership.objects.active()
        .filter(community__in=communities, role__in=Membership.ADMIN_ROLES)
        .values("user_id")
    )
    followers = NeighbourhoodFollow.objects.filter(territory__in=territories).values("user_id")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=leaders) | Q(pk__in=followers))
    )


@transaction.atomic
def publish_consultation(*, actor, consultation: Consultation) -> Consultation:
    """Publish a draft: it is public, and the people of the affected neighbourhoods invited."""
    require_move(consultation, Status.PUBLISHED, _("Only a draft consultation is published."))
    if not consultation.responsible_id:
        raise ValidationError(
            _("Name the staff member responsible before publishing."), code="no_responsible"
        )
    change = move_to(consultation, Status.PUBLISHED, actor=actor, stamp="published_at")
    notify(
        outbox.INVITATION,
        occasion=change.pk,
        municipality=consultation.municipality,
        ids={"consultation": consultation.pk},
        recipients=invited_people(consultation),
    )
    return consultation


# Submissions -------------------------------------------------------------------------


def _refuse_closed(consultation):
    if consultation.accepts_submissions:
        return
    if consultation.not_yet_open or consultation.is_draft:
        message = _("This consultation does not accept submissions yet.")
    else:
        message = _("This consultation closed on %(date)s; submissions are no longer accepted.") % {
            "date": formats.date_format(consultation.closes_on, "SHORT_DATE_FORMAT")
        }
    raise ValidationError(message, code="closed")


@transaction.atomic
def submit_opinion(
    *,
    actor,
    consultation: Consultation,
    text: str,
    community: Community | None = None,
    document: ConsultationDocument | None = None,
    section: str = "",
    attachment=None,
    show_name: bool = False,
) -> Submission:
    """A resident's opinion, or (``community``) the joint opinion a leader submits for it."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _refuse_closed(consultation)
    if not (text or "").strip():
        raise field_error("text", _("Write your opinion."), "required")
    if community is not None:
        if community.municipality_id != consultation.municipality_id or (
            community_roles(actor).get(community.pk) != Membership.Role.LEADER
        ):
            raise ValidationError(
                _("Only a leader submits the community's joint opinion."), code="not_leader"
            )
        if community.status not in Community.WORKING_STATUSES:
            raise ValidationError(
                _("Only a verified community submits a joint opinion."), code="not_verified"
            )
    if document is not None and document.consultation_id != consultation.pk:
        raise field_error(
            "document", _("Choose a document of this consultation."), "wrong_document"
        )
    submission = Submission.objects.create(
        consultation=consultation,
        author=actor,
        community=community,
        text=text,
        document=document,
        section=section,
        attachment=attachment or "",
        show_name=bool(show_name) and community is None,
    )
    record_start(submission, actor=actor)
    if community is not None:  # it counts in the community's activity record
        record_joint_opinion(
            actor=actor,
            community=community,
            title=consultation.title[:200],
            sent_on=timezone.localdate(),
            addressee=consultation.municipality.name,
            summary=text,
        )
    return submission


# Answers -----------------------------------------------------------------------------


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


@transaction.atomic
def complete_consultation(*, actor, consultation: Consultation) -> Consultation:
    """Close the file: only after the close date and once every submission has its answer."""
    require_move(consultation, Status.COMPLETED, _("Only a published consultation is completed."))
    if not consultation.has_closed:
        raise ValidationError(
            _("The consultation is still open; complete it after it closes."), code="still_open"
        )
    waiting = consultation.submissions.unanswered().count()
    if waiting:
        raise ValidationError(
            _(
                "%(count)d submissions have no answer yet. Every submission is answered before "
                "the consultation is completed."
            )
            % {"count": waiting},
            code="unanswered",
        )
    move_to(consultation, Status.COMPLETED, actor=actor, stamp="completed_at")
    request_feedback_report(actor=actor, consultation=consultation)
    return consultation


def request_feedback_report(*, actor, consultation):
    """Ask the kit for the feedback report now, so it is ready when the first reader opens it."""
    from .reports import request_feedback_report as ask

    return ask(actor=actor, consultation=consultation)


# Following neighbourhoods ------------------------------------------------------------


@transaction.atomic
def set_followed(*, actor, municipality: Municipality, territories: Iterable[Territory]) -> None:
    """The neighbourhoods of ``municipality`` the person follows become ``territories``."""
    wanted = {t.pk for t in territories if t.municipality_id == municipality.pk}
    mine = NeighbourhoodFollow.objects.filter(user=actor, territory__municipality=municipality)
    mine.exclude(territory_id__in=wanted).delete()
    NeighbourhoodFollow.objects.bulk_create(
        [NeighbourhoodFollow(user=actor, territory_id=pk) for pk in sorted(wanted)],
        ignore_conflicts=True,
    )
