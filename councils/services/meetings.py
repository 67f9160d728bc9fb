"""Meetings: scheduling one with its agenda, changes of the agenda (late ones with a
reason), announcing it, attendance and presence, the quorum, the members' comments, and
publishing the minutes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.dates import short_date
from portal.history import log_event, move_to, record_start
from portal.outbox.reminders import days_before
from portal.validators import field_error
from portal.workdays import add_working_days

from ..models import AgendaItem, Attendance, Council, Meeting, Recommendation, ReviewComment
from .terms import sitting_member_ids


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
    from ..reports import request_minutes

    request_minutes(actor=actor, meeting=meeting)  # the PDF, ready when the first reader opens it
    return meeting
