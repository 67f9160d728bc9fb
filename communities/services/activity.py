"""Writes of the activity record: evidence the subsidy tiers read.

Every correction and removal is in the community's history; removal is soft and needs a
reason; entries of a locked year are refused (``communities.record``). Permission checks
stay in the views.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.history import log_event

from ..duties import refuse_own_community
from ..models import ActivityYearReopening, Community, Event, JointOpinion
from ..record import PLANNED_HAS_NO_ATTENDANCE, forget_reopened_years, refuse_locked_year


def _check_entry(community, entry):
    """The invariants of an entry about to be saved: its year is open, and a planned event
    has no attendance yet."""
    field = entry.date_field
    date = entry.record_date
    refuse_locked_year(community, date.year if date else None, field=field)
    if isinstance(entry, Event) and entry.attendance is not None and date > timezone.localdate():
        raise ValidationError({"attendance": str(PLANNED_HAS_NO_ATTENDANCE)}, code="planned")


def _refuse_when_working_is_over(community):
    if community.status not in Community.WORKING_STATUSES:
        raise ValidationError(
            _("Only a verified or active community records activities."), code="wrong_status"
        )


def _new_entry(entry, *, actor, community):
    _refuse_when_working_is_over(community)
    entry.community = community
    entry.created_by = actor
    _check_entry(community, entry)
    entry.save()
    return entry


@transaction.atomic
def record_event(
    *,
    actor,
    community: Community,
    title: str,
    kind: str,
    date: datetime.date,
    place: str,
    attendance: int | None = None,
    participation_forms: list[str] = (),
    step_free_venue: bool = False,
    description: str = "",
) -> Event:
    """Add an event to the activity record; a planned one (dated after today) has no
    attendance yet."""
    event = Event(
        title=title,
        kind=kind,
        date=date,
        place=place,
        attendance=attendance,
        participation_forms=list(participation_forms),
        step_free_venue=step_free_venue,
        description=description,
    )
    return _new_entry(event, actor=actor, community=community)


@transaction.atomic
def record_joint_opinion(
    *,
    actor,
    community: Community,
    title: str,
    sent_on: datetime.date,
    addressee: str,
    summary: str,
) -> JointOpinion:
    """Add a joint opinion the community sent to the municipality."""
    opinion = JointOpinion(title=title, sent_on=sent_on, addressee=addressee, summary=summary)
    return _new_entry(opinion, actor=actor, community=community)


# What the leaders correct in an entry (the rest is who recorded or removed it).
EDITABLE_FIELDS = {
    Event: (
        "title",
        "kind",
        "date",
        "place",
        "attendance",
        "participation_forms",
        "step_free_venue",
        "description",
    ),
    JointOpinion: ("title", "sent_on", "addressee", "summary"),
}


def _entry_data(entry):
    return {"model": entry._meta.label_lower, "pk": entry.pk, "title": entry.title}


def _stored(entry):
    """The entry as the database holds it, locked for this transaction."""
    stored = type(entry).objects.select_for_update().get(pk=entry.pk)
    if stored.is_removed:
        raise ValidationError(_("This entry was removed from the activity record."), code="removed")
    return stored


STALE_ENTRY = gettext_lazy(
    "Someone else corrected this entry since you opened the form. Their changes are shown "
    "now; check them, then save yours again."
)


@transaction.atomic
def update_activity(
    *, actor, entry: Event | JointOpinion, expected_version: int | None = None, **changes
) -> Event | JointOpinion:
    """Correct an event or a joint opinion of the activity record with the fields in
    ``changes``; the community's history keeps that it was corrected, and by whom. Neither
    its old nor its new year may be locked.

    ``expected_version``: the version the person's form was opened on; when someone
    corrected the entry since, nothing is written (a ``ValidationError`` coded ``stale``).
    Only the fields in ``changes`` are written, never who recorded or removed the entry.
    """
    community = entry.community
    stored = _stored(entry)
    if expected_version is not None and stored.version != expected_version:
        raise ValidationError(str(STALE_ENTRY), code="stale")
    refuse_locked_year(community, stored.record_date.year)
    for name, value in changes.items():
        if name not in EDITABLE_FIELDS[type(entry)]:
            raise TypeError(f"{type(entry).__name__} has no field {name!r} to correct.")
        setattr(stored, name, value)
    entry = stored
    _check_entry(community, entry)
    entry.version += 1
    entry.save(update_fields=[*changes, "version"])
    log_event(community, "entry_corrected", actor=actor, data=_entry_data(entry))
    return entry


@transaction.atomic
def remove_activity(*, actor, record, reason: str):
    """Remove an event or a joint opinion (after a confirmation, with a reason). The row
    stays, marked removed, for staff; public pages and counts leave it out; the community's
    history keeps its title, who removed it, when and why."""
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why the entry is removed from the activity record.")},
            code="reason_required",
        )
    community = record.community
    stored = _stored(record)
    refuse_locked_year(community, stored.record_date.year)
    now = timezone.now()
    type(record).objects.filter(pk=record.pk).update(
        removed_at=now, removed_by=actor, removal_reason=reason.strip()
    )
    record.removed_at, record.removed_by, record.removal_reason = now, actor, reason.strip()
    log_event(
        community, "entry_removed", actor=actor, data=_entry_data(stored), reason=reason.strip()
    )
    return record


@transaction.atomic
def reopen_activity_year(
    *, actor, community: Community, year: int, until: datetime.date, reason: str
) -> ActivityYearReopening:
    """Staff reopen a locked year of one community's record until a date, saying why."""
    refuse_own_community(actor, community)
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Say why the year is reopened.")
    if until < timezone.localdate():
        errors["until"] = _("Choose today or a later date.")
    if year > timezone.localdate().year:
        errors["year"] = _("Only a past or the current year can be reopened.")
    if errors:
        raise ValidationError(errors, code="invalid")
    reopening = ActivityYearReopening.objects.create(
        community=community, year=year, until=until, reason=reason.strip(), reopened_by=actor
    )
    log_event(
        community,
        "record_year_reopened",
        actor=actor,
        data={"year": year, "until": until.isoformat()},
        reason=reason.strip(),
    )
    forget_reopened_years(community)
    return reopening
