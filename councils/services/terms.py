"""Seats and terms: filling a seat, ending a term early, who sits on a council on a day."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.history import log_event
from portal.validators import field_error

from ..models import Council, Seat, Term
from ..roles import forget_council_seats


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


def sitting_member_ids(council: Council, day=None) -> list:
    return list(
        Term.objects.sitting(day).filter(seat__council=council).values_list("member_id", flat=True)
    )
