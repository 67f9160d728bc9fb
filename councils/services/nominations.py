"""Nominations: opening a period, a community's nomination, the nominee's consent or
refusal, and the staff's appointment to a vacant seat."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Community, Membership
from portal.history import log_event, move_to, record_start, require_move
from portal.validators import field_error

from .. import outbox
from ..models import Council, Nomination, NominationPeriod, Term
from .terms import fill_seat, vacant_seats


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
