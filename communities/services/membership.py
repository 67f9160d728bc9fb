"""Members of a community: asking to join, the leaders' decisions, leaving, roles."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.history import log_event, move_to, record_start, require_move
from portal.outbox import notify

from ..models import Community, Membership
from ..outbox.membership import MEMBERSHIP_DECIDED, MEMBERSHIP_REQUESTED
from ..roles import forget_community_roles

# A declined request to join is not repeated for this long (issue 16: no spam of leaders).
DECLINED_REQUEST_WAIT = datetime.timedelta(days=30)


def may_ask_again_on(user, community: Community) -> datetime.date | None:
    """The day from which ``user`` may ask to join again after the leaders declined, or None
    when nothing holds them back."""
    declined = (
        Membership.objects.filter(community=community, user=user, status=Membership.Status.DECLINED)
        .values_list("decided_at", flat=True)
        .first()
    )
    if declined is None:
        return None
    day = timezone.localdate(declined + DECLINED_REQUEST_WAIT)
    return day if day > timezone.localdate() else None


def declined_request_message(day: datetime.date) -> str:
    return _("The leaders declined your request to join. You can ask again from %(date)s.") % {
        "date": formats.date_format(day, "SHORT_DATE_FORMAT")
    }


@transaction.atomic
def request_membership(*, actor, community: Community, message: str = "") -> Membership:
    if community.status not in Community.WORKING_STATUSES:
        raise ValidationError(
            _("This community does not take new members now."), code="wrong_status"
        )
    day = may_ask_again_on(actor, community)
    if day is not None:
        raise ValidationError(declined_request_message(day), code="declined_recently")
    membership, created = Membership.objects.get_or_create(
        community=community, user=actor, defaults={"message": message}
    )
    if created:
        change = record_start(membership, actor=actor)
    else:
        require_move(
            membership,
            Membership.Status.PENDING,
            _("You are already a member or have already asked to join."),
            code="duplicate",
        )
        change = move_to(
            membership,
            Membership.Status.PENDING,
            actor=actor,
            fields={"message": message, "decided_by": None, "decided_at": None},
        )
    notify(
        MEMBERSHIP_REQUESTED,
        occasion=change.pk,
        municipality=community.municipality,
        ids={"membership": membership.pk},
    )
    return membership


@transaction.atomic
def decide_membership(*, actor, membership: Membership, accept: bool) -> Membership:
    to_status = Membership.Status.ACTIVE if accept else Membership.Status.DECLINED
    require_move(membership, to_status, _("This request has already been decided."), code="decided")
    change = move_to(
        membership,
        to_status,
        actor=actor,
        fields={"decided_by": actor, "decided_at": timezone.now()},
    )
    forget_community_roles(membership.user)
    notify(
        MEMBERSHIP_DECIDED,
        occasion=change.pk,
        municipality=membership.community.municipality,
        ids={"membership": membership.pk, "accepted": accept},
    )
    return membership


@transaction.atomic
def withdraw_membership_request(*, actor, membership: Membership) -> Membership:
    """The person who asked to join takes the request back before the leaders decide."""
    require_move(
        membership,
        Membership.Status.WITHDRAWN,
        _("This request has already been decided."),
        code="decided",
    )
    move_to(membership, Membership.Status.WITHDRAWN, actor=actor)
    forget_community_roles(membership.user)
    return membership


def _refuse_losing_the_last_leader(membership):
    if membership.role != Membership.Role.LEADER:
        return
    leaders = membership.community.memberships.active().filter(role=Membership.Role.LEADER)
    if leaders.count() <= 1:
        raise ValidationError(
            _("A community needs at least one leader. Name another leader first."),
            code="last_leader",
        )


@transaction.atomic
def leave_community(*, actor, membership: Membership) -> Membership:
    """A member leaves; the history keeps that they were a member."""
    require_move(
        membership,
        Membership.Status.LEFT,
        _("You are not a member of this community."),
        code="inactive",
    )
    _refuse_losing_the_last_leader(membership)
    move_to(membership, Membership.Status.LEFT, actor=actor)
    forget_community_roles(membership.user)
    return membership


@transaction.atomic
def remove_member(*, actor, membership: Membership, reason: str) -> Membership:
    """A leader ends someone's membership, saying why."""
    require_move(
        membership,
        Membership.Status.LEFT,
        _("Only an active member can be removed."),
        code="inactive",
    )
    if not reason.strip():
        raise ValidationError(_("Say why the member is removed."), code="reason_required")
    _refuse_losing_the_last_leader(membership)
    move_to(
        membership,
        Membership.Status.LEFT,
        actor=actor,
        reason=reason.strip(),
        event="member_removed",
    )
    forget_community_roles(membership.user)
    return membership


@transaction.atomic
def change_member_role(*, actor, membership: Membership, role: str) -> Membership:
    if not membership.is_active:
        raise ValidationError(_("Only an active member can be given a role."), code="inactive")
    if role not in Membership.Role.values:
        raise ValidationError(_("Choose a role from the list."), code="role")
    if role != Membership.Role.LEADER:
        _refuse_losing_the_last_leader(membership)
    old_role = membership.role
    if old_role == role:
        return membership
    membership.role = role
    membership.save(update_fields=["role"])
    log_event(membership, "role_changed", actor=actor, data={"old": old_role, "new": role})
    forget_community_roles(membership.user)
    return membership
