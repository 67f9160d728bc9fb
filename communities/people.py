"""What happens to a person's part in communities when they delete their account.

``front/accounts.py`` asks ``communities_held_by`` first (a community left without
a leader would be stranded) and calls ``forget_person`` in the transaction that deletes the
account. What must stay as the community's record stays, without the person: memberships
and join requests (ended, with no user and no message), the history they wrote, the
activity entries they recorded, the registrations they made. Drafts that only they lead are
deleted, with their files.
"""

from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext as _

from portal.history import move_to

from .models import Community, Membership
from .roles import forget_community_roles
from .services.registration import delete_draft_registration

Status = Community.Status


def _led_alone(user):
    """Communities where ``user`` is the only active leader."""
    leaders = Membership.objects.filter(
        status=Membership.Status.ACTIVE, role=Membership.Role.LEADER
    )
    return (
        Community.objects.filter(pk__in=leaders.filter(user=user).values("community_id"))
        .exclude(Exists(leaders.filter(community=OuterRef("pk")).exclude(user=user)))
        .select_related("municipality")
        .order_by("sort_name", "pk")
    )


def communities_held_by(user):
    """Registered communities (beyond a draft) that would lose their last leader."""
    return list(_led_alone(user).exclude(status=Status.DRAFT))


def drafts_deleted_with(user):
    """Draft registrations only ``user`` leads: nobody else has them, so they go too."""
    return list(_led_alone(user).filter(status=Status.DRAFT))


def refusals(user):
    """Why the account cannot be deleted yet, as sentences; empty when it can."""
    held = communities_held_by(user)
    if not held:
        return []
    return [
        _(
            "You are the only leader of %(names)s. Make another member a leader on the "
            "community's members page first (a registration that is not verified yet can "
            "also be withdrawn and deleted)."
        )
        % {"names": ", ".join(f"“{community.name}”" for community in held)}
    ]


@transaction.atomic
def end_memberships(user, *, actor=None):
    """End ``user``'s memberships and join requests (a history row each) and keep the rows
    without their message; the account's deletion then empties their user."""
    ending = {
        Membership.Status.ACTIVE: Membership.Status.LEFT,
        Membership.Status.PENDING: Membership.Status.WITHDRAWN,
    }
    for membership in Membership.objects.filter(user=user, status__in=ending):
        move_to(membership, ending[membership.status], actor=actor, event="account_deleted")
    Membership.objects.filter(user=user).update(message="")
    forget_community_roles(user)


@transaction.atomic
def forget_person(*, user, emails):
    """Take ``user`` out of every community before their account is deleted.

    ``emails``: the person's addresses; a community whose contact address is one of them
    loses its contact name, address and phone (the leaders name a new contact).
    """
    for draft in drafts_deleted_with(user):
        delete_draft_registration(actor=user, community=draft)
    end_memberships(user, actor=user)
    contact = Q()
    for email in emails:
        contact |= Q(contact_email__iexact=email)
    if emails:
        Community.objects.filter(contact).update(
            contact_name="", contact_email="", contact_phone="", version=F("version") + 1
        )
    forget_community_roles(user)
