"""Someone asks to join a community (its leaders are told), and the request is decided (the
applicant is told)."""

from django.utils.translation import gettext_lazy as _

from portal.outbox import Kind, register

from ..models import Membership
from .base import _active_users, _community_url, _page_url

MEMBERSHIP_REQUESTED = "membership-requested"
MEMBERSHIP_DECIDED = "membership-decided"


# Someone asks to join: the leaders -----------------------------------------------------


def _leaders_of_the_membership(membership):
    community_id = Membership.objects.values_list("community_id", flat=True).get(pk=membership)
    memberships = Membership.objects.active().filter(
        community_id=community_id, role=Membership.Role.LEADER
    )
    return _active_users(memberships.values_list("user_id", flat=True))


def _requested_context(membership):
    membership = Membership.objects.select_related("community__municipality", "user").get(
        pk=membership
    )
    return {"membership": membership, "url": _community_url("member-list", membership.community)}


register(
    Kind(
        code=MEMBERSHIP_REQUESTED,
        label=_("Someone asks to join your community"),
        audience=_("leaders of the community"),
        template="communities/emails/membership_requested",
        recipients=_leaders_of_the_membership,
        context=_requested_context,
    )
)


# A request to join is decided: the applicant ------------------------------------------


def _applicant(membership, accepted):
    return _active_users(Membership.objects.filter(pk=membership).values_list("user_id", flat=True))


def _decided_context(membership, accepted):
    membership = Membership.objects.select_related("community__municipality", "user").get(
        pk=membership
    )
    return {
        "membership": membership,
        "accepted": accepted,
        "url": _page_url(membership.community),
    }


register(
    Kind(
        code=MEMBERSHIP_DECIDED,
        label=_("Your request to join a community is decided"),
        audience=_("the person who asked to join"),
        template="communities/emails/membership_decided",
        recipients=_applicant,
        context=_decided_context,
    )
)
