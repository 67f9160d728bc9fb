"""Every write about councils: setting one up, seats and terms, nominations, meetings,
comments, recommendations and the municipality's answers to them.

Services take keyword data and the acting person first; views, the demo and tests call them.
Permission checks stay in the views (``councils.rules``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from communities.models import Community, Membership
from consultations.boilerplate import refuse_boilerplate
from consultations.models import Answer
from consultations.models.submissions import AnswerStatus
from consultations.services.answers import apply_correction
from portal.dates import short_date
from portal.history import log_event, move_to, record_start, require_move
from portal.outbox.reminders import days_before
from portal.validators import field_error
from portal.workdays import add_working_days

from . import outbox
from .models import (
    AgendaItem,
    Attendance,
    Council,
    Meeting,
    Nomination,
    NominationPeriod,
    Recommendation,
    ReviewComment,
    Seat,
    Term,
)
from .roles import forget_council_seats

SETTINGS = (
    "remit",
    "quorum",
    "term_years",
    "min_candidate_age",
    "notice_working_days",
    "tie_rule",
)


def _unique_slug(municipality, name):
    base = slugify(name)[:200] or "padome"
    slug, number = base, 1
    while Council.objects.of(municipality).filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


# Councils, seats, terms ------------------------------------------------------------------


@transaction.atomic
def create_council(
    *,
    actor,
    municipality,
    kind: str,
    name: str,
    remit: str,
    seats: int,
    community_seats: int = 0,
    territory=None,
    bylaws=None,
    **settings,
) -> Council:
    """A council with ``seats`` seats, the first ``community_seats`` reserved for communities.

    A residents' council serves a territory of the municipality; its members are elected.
    """
    if kind == Council.Kind.RESIDENTS and territory is None:
        raise field_error("territory", _("Choose the territory the council serves."), "required")
    if territory is not None and territory.municipality_id != municipality.pk:
        raise field_error("territory", _("Choose a territory of this municipality."), "foreign")
    if seats < 1 or community_seats > seats:
        raise field_error(
            "community_seats",
            _("A council has at least one seat, and no more community seats than seats."),
            "seats",
        )
    council = Council(
        municipality=municipality,
        kind=kind,
        name=name,
        slug=_unique_slug(municipality, name),
        territory=territory,
        remit=remit,
        **{key: value for key, value in settings.items() if key in SETTINGS},
    )
    if bylaws:
        council.bylaws = bylaws
    council.full_clean()
    council.save()
    Seat.objects.bulk_create(
        Seat(council=council, number=number, for_community=number <= community_seats)
        for number in range(1, seats + 1)
    )
    record_start(council, actor=actor)
    return council


@transaction.atomic
def update_council(*, actor, council: Council, bylaws=None, **settings) -> Council:
    """Change a council's own settings: remit, quorum, term, minimum age, notice, bylaws."""
    for key, value in settings.items():
        if key in SETTINGS:
            setattr(council, key, value)
    if bylaws:
        council.bylaws = bylaws
    council.full_clean()
    council.save()
    return council


def term_end(council: Council, starts_on: datetime.date) -> datetime.date:
    """The last day of a term that starts on ``starts_on``."""
    try:
        end = starts_on.replace(year=starts_on.year + council.term_years)
    except ValueError:  # 29 February
        end = starts_on.replace(year=starts_on.year + council.term_years, day=28)
    return end - datetime.timedelta(days=1)


@transaction.atomic
def fill_seat(
    *, actor, seat: Seat, member, community=None, starts_on: datetime.date, ends_on=None
) -> Term:
    """Give ``member`` a term on ``seat``; the seat must be vacant on the first day."""
    council = seat.council
    ends_on = ends_on or term_end(council, starts_on)
    if seat.terms.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise ValidationError(_("This seat is held by someone else then."), code="taken")
    if (
        Term.objects.filter(seat__council=council, member=member)
        .filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
        .exists()
    ):
        raise ValidationError(_("This person already holds a seat on the council."), code="twice")
    term = Term.objects.create(
        seat=seat, member=member, community=community, starts_on=starts_on, ends_on=ends_on
    )
    log_event(
        council,
        "seat_filled",
        actor=actor,
        data={
            "member": member.full_name or member.email,
            "seat": seat.number,
            "starts": starts_on.isoformat(),
            "ends": ends_on.isoformat(),
        },
    )
    forget_council_seats(member)
    return term


@transaction.atomic
def end_term(*, actor, term: Term, ends_on: datetime.date, reason: str) -> Term:
    """End a term early (resigned, moved away): the seat is vacant from the next day."""
    if not (reason or "").strip():
        raise field_error("reason", _("Say why the term ends early."), "reason_required")
    if ends_on < term.starts_on or ends_on > term.ends_on:
        raise field_error("ends_on", _("Choose a day within the term."), "outside")
    term.ends_on, term.ended_reason = ends_on, reason
    term.save(update_fields=["ends_on", "ended_reason"])
    council = term.seat.council
    log_event(
        council,
        "term_ended",
        actor=actor,
        reason=reason,
        data={
            "member": term.member.full_name or term.member.email,
            "seat": term.seat.number,
            "ends": ends_on.isoformat(),
        },
    )
    forget_council_seats(term.member)
    return term


def sitting_terms(council: Council, day=None):
    return (
        Term.objects.sitting(day)
        .filter(seat__council=council)
        .select_related("member", "community", "seat")
        .order_by("seat__number")
    )


def vacant_seats(council: Council, day=None):
    day = day or timezone.localdate()
    held = Term.objects.sitting(day).filter(seat__council=council).values("seat_id")
    return council.seats.exclude(pk__in=held)


# Nominations -----------------------------------------------------------------------------


@transaction.atomic
def open_nominations(
    *, actor, council: Council, opens_on: datetime.date, closes_on: datetime.date, note=""
) -> NominationPeriod:
    if closes_on < opens_on:
        raise field_error("closes_on", _("The period ends after it starts."), "order")
    period = NominationPeriod.objects.create(
        council=council, opens_on=opens_on, closes_on=closes_on, note=note, opened_by=actor
    )
    log_event(
        council,
        "nomination_period_opened",
        actor=actor,
        data={"opens": opens_on.isoformat(), "closes": closes_on.isoformat()},
    )
    return period


@transaction.atomic
def nominate(
    *, actor, period: NominationPeriod, community: Community, nominee, motivation: str
) -> Nomination:
    """A verified community nominates one of its members; the member then gives consent."""
    if not period.is_open:
        raise ValidationError(_("Nominations are not open."), code="closed")
    if community.status not in Community.WORKING_STATUSES:
        raise ValidationError(_("Only verified communities nominate members."), code="unverified")
    if community.municipality_id != period.council.municipality_id:
        raise ValidationError(_("Choose a community of this municipality."), code="foreign")
    if not Membership.objects.filter(
        community=community, user=nominee, status=Membership.Status.ACTIVE
    ).exists():
        raise field_error("nominee", _("Nominate a member of the community."), "not_member")
    if Nomination.objects.filter(period=period, community=community, nominee=nominee).exists():
        raise field_error("nominee", _("This member is already nominated."), "twice")
    nomination = Nomination.objects.create(
        period=period, community=community, nominee=nominee, motivation=motivation
    )
    outbox.tell_nominee(nomination, record_start(nomination, actor=actor))
    return nomination


@transaction.atomic
def consent_to_nomination(*, actor, nomination: Nomination) -> Nomination:
    """The nominee, and only they, consents to stand."""
    if actor.pk != nomination.nominee_id:
        raise ValidationError(_("Only the nominee can give consent."), code="not_nominee")
    move_to(
        nomination,
        Nomination.Status.CONSENTED,
        actor=actor,
        fields={"consented_at": timezone.now()},
    )
    return nomination


@transaction.atomic
def decline_nomination(*, actor, nomination: Nomination, by_staff: bool = False) -> Nomination:
    """The nominee declines to stand, or staff decline a nomination (the view checks who)."""
    if not by_staff and actor.pk != nomination.nominee_id:
        raise ValidationError(_("Only the nominee can decline."), code="not_nominee")
    change = move_to(nomination, Nomination.Status.DECLINED, actor=actor)
    if actor is None or actor.pk != nomination.nominee_id:
        outbox.tell_nominee(nomination, change)
    return nomination


@transaction.atomic
def appoint(*, actor, nomination: Nomination, starts_on=None) -> Term:
    """Staff appoint a consenting nominee to a vacant seat (a community seat first)."""
    require_move(
        nomination,
        Nomination.Status.APPOINTED,
        _("Only a nominee who consented can be appointed."),
    )
    council = nomination.period.council
    starts_on = starts_on or timezone.localdate()
    vacant = vacant_seats(council, starts_on).order_by("-for_community", "number").first()
    if vacant is None:
        raise ValidationError(_("The council has no vacant seat."), code="full")
    term = fill_seat(
        actor=actor,
        seat=vacant,
        member=nomination.nominee,
        community=nomination.community,
        starts_on=starts_on,
    )
    change = move_to(nomination, Nomination.Status.APPOINTED, actor=actor, fields={"term": term})
    outbox.tell_nominee(nomination, change)
    return term


# Meetings --------------------------------------------------------------------------------


def latest_notice_date(meeting: Meeting) -> datetime.date:
    """The last day the meeting may be announced without a reason: the council's notice in
    working days before the meeting's day (Latvian public holidays skipped)."""
    day = timezone.localtime(meeting.starts_at).date()
    return days_before(day, meeting.council.notice_working_days)


def is_late(meeting: Meeting, today=None) -> bool:
    return (today or timezone.localdate()) > latest_notice_date(meeting)


@transaction.atomic
def schedule_meeting(
    *, actor, council: Council, starts_at: datetime.datetime, place: str, items=()
) -> Meeting:
    """A draft meeting with its agenda: ``items`` are dicts of title, description,
    consultation."""
    meeting = Meeting.objects.create(council=council, starts_at=starts_at, place=place)
    record_start(meeting, actor=actor)
    for item in items:
        add_agenda_item(actor=actor, meeting=meeting, **item)
    return meeting


def agenda_change_is_late(meeting: Meeting) -> bool:
    """The agenda is public and the council's notice before the meeting has begun."""
    return meeting.status == Meeting.Status.PUBLISHED and is_late(meeting)


def late_change_reason(meeting: Meeting, late_reason: str = "") -> str:
    """The reason a change of an announced agenda needs later than the council's notice
    (the 3-working-day rule), refused without one; ``""`` when none is needed."""
    if not agenda_change_is_late(meeting):
        return ""
    reason = (late_reason or "").strip()
    if not reason:
        days = meeting.council.notice_working_days
        raise field_error(
            "late_reason",
            ngettext(
                "The agenda is public and the meeting is less than %(days)s working day away "
                "(the notice ended on %(date)s). Say why the agenda changes: the reason is "
                "shown with the item.",
                "The agenda is public and the meeting is less than %(days)s working days away "
                "(the notice ended on %(date)s). Say why the agenda changes: the reason is "
                "shown with the item.",
                days,
            )
            % {"days": days, "date": short_date(latest_notice_date(meeting))},
            "late",
        )
    return reason


def _agenda_checks(meeting: Meeting, consultation):
    if meeting.status == Meeting.Status.MINUTED:
        raise ValidationError(_("The minutes are published; the agenda is closed."), code="minuted")
    if consultation is not None and consultation.municipality_id != meeting.council.municipality_id:
        raise field_error("consultation", _("Choose a consultation of this municipality."), "x")


@transaction.atomic
def add_agenda_item(
    *, actor, meeting: Meeting, title: str, description="", consultation=None, late_reason=""
) -> AgendaItem:
    """An item on the agenda. Once the agenda is public, later than the council's notice
    before the meeting, only with a reason, shown with the item."""
    _agenda_checks(meeting, consultation)
    reason = late_change_reason(meeting, late_reason)
    number = meeting.items.count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=number,
        title=title,
        description=description,
        consultation=consultation,
        late_change="added" if reason else "",
        late_at=timezone.now() if reason else None,
        late_reason=reason,
    )
    if meeting.status != Meeting.Status.DRAFT:
        log_event(meeting, "agenda_item_added", actor=actor, reason=reason, data={"item": number})
    return item


@transaction.atomic
def change_agenda_item(
    *, actor, item: AgendaItem, title: str, description="", consultation=None, late_reason=""
) -> AgendaItem:
    """Change an item's title, description or consultation: the same rule as adding one."""
    meeting = item.meeting
    _agenda_checks(meeting, consultation)
    reason = late_change_reason(meeting, late_reason)
    item.title, item.description, item.consultation = title, description, consultation
    fields = ["title", "description", "consultation"]
    if reason:
        item.late_change, item.late_at, item.late_reason = "changed", timezone.now(), reason
        fields += ["late_change", "late_at", "late_reason"]
    item.save(update_fields=fields)
    if meeting.status != Meeting.Status.DRAFT:
        log_event(
            meeting, "agenda_item_changed", actor=actor, reason=reason, data={"item": item.number}
        )
    return item


@transaction.atomic
def publish_meeting(*, actor, meeting: Meeting, late_reason: str = "") -> Meeting:
    """Announce the time and agenda. Later than the notice asks for a reason, shown publicly."""
    if timezone.localdate() > timezone.localtime(meeting.starts_at).date():
        raise ValidationError(_("The meeting is in the past."), code="past")
    late = is_late(meeting)
    if late and not (late_reason or "").strip():
        raise field_error(
            "late_reason",
            ngettext(
                "The meeting is announced later than %(days)s working day before it (by "
                "%(date)s). Say why: the reason is shown with the meeting.",
                "The meeting is announced later than %(days)s working days before it (by "
                "%(date)s). Say why: the reason is shown with the meeting.",
                meeting.council.notice_working_days,
            )
            % {
                "days": meeting.council.notice_working_days,
                "date": short_date(latest_notice_date(meeting)),
            },
            "late",
        )
    move_to(
        meeting,
        Meeting.Status.PUBLISHED,
        actor=actor,
        stamp="published_at",
        fields={"late_reason": late_reason.strip() if late else ""},
        reason=late_reason if late else "",
    )
    return meeting


def confirm_attendance(*, actor, meeting: Meeting, attends: bool) -> Attendance:
    row, _created = Attendance.objects.update_or_create(
        meeting=meeting, member=actor, defaults={"attends": attends}
    )
    return row


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


@transaction.atomic
def record_presence(*, actor, meeting: Meeting, present) -> Meeting:
    """Staff record, on the meeting's day or after, which sitting members were present: the
    quorum and every vote are counted from it, never from numbers typed."""
    if meeting.status == Meeting.Status.DRAFT:
        raise ValidationError(_("Announce the meeting first."), code="draft")
    if meeting.status == Meeting.Status.MINUTED:
        raise ValidationError(_("The minutes are published; the presence is final."), "minuted")
    day = meeting_day(meeting)
    if timezone.localdate() < day:
        raise ValidationError(_("Record who is present on the meeting's day."), code="early")
    sitting = set(sitting_member_ids(meeting.council, day))
    chosen = {getattr(person, "pk", person) for person in present}
    if chosen - sitting:
        raise field_error("present", _("Only the council's sitting members count."), "outside")
    known = set(meeting.attendance.values_list("member_id", flat=True))
    meeting.attendance.exclude(member_id__in=sitting).update(present=None)
    meeting.attendance.filter(member_id__in=sitting).update(present=False)
    meeting.attendance.filter(member_id__in=chosen).update(present=True)
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member_id=member_id, present=member_id in chosen)
        for member_id in sitting - known
    )
    meeting.presence_recorded_at = timezone.now()
    meeting.save(update_fields=["presence_recorded_at"])
    log_event(
        meeting,
        "presence_recorded",
        actor=actor,
        data={"present": len(chosen), "sitting": len(sitting)},
    )
    return meeting


def sitting_member_ids(council: Council, day=None) -> list:
    return list(
        Term.objects.sitting(day).filter(seat__council=council).values_list("member_id", flat=True)
    )


def quorum(meeting: Meeting) -> dict:
    """Who sits on the council on the meeting's day, how many are needed for a quorum, how
    many confirmed they come, and — once staff recorded it — how many were present."""
    council = meeting.council
    sitting = sitting_member_ids(council, meeting_day(meeting))
    needed = council.quorum_needed(len(sitting))
    rows = meeting.attendance.filter(member_id__in=sitting).values_list("attends", "present")
    coming = present = 0
    for attends, was_present in rows:
        coming += attends is True
        present += was_present is True
    recorded = meeting.presence_recorded_at is not None
    return {
        "members": len(sitting),
        "needed": needed,
        "coming": coming,
        "expected": coming >= needed,
        "recorded": recorded,
        "present": present if recorded else None,
        "quorate": recorded and present >= needed,
    }


def add_comment(*, actor, item: AgendaItem, text: str, submission=None) -> ReviewComment:
    if not (text or "").strip():
        raise field_error("text", _("Write the comment."), "required")
    if submission is not None and submission.consultation_id != item.consultation_id:
        raise field_error("submission", _("Comment on a submission of this item."), "foreign")
    return ReviewComment.objects.create(item=item, submission=submission, author=actor, text=text)


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
def publish_minutes(*, actor, meeting: Meeting, minutes: str) -> Meeting:
    """Publish the minutes with the recommendations; each recommendation's answer is due
    in the municipality's working days for answers."""
    if not (minutes or "").strip():
        raise field_error("minutes", _("Write the minutes."), "required")
    move_to(
        meeting,
        Meeting.Status.MINUTED,
        actor=actor,
        stamp="minutes_published_at",
        fields={"minutes": minutes},
    )
    municipality = meeting.council.municipality
    due = add_working_days(timezone.localdate(), municipality.response_working_days)
    Recommendation.objects.filter(item__meeting=meeting, answer__isnull=True).update(
        answer_due_on=due
    )
    from .reports import request_minutes

    request_minutes(actor=actor, meeting=meeting)  # the PDF, ready when the first reader opens it
    return meeting


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
