"""A registration is submitted (the staff who verify it are told), and verified or returned
(its leaders and board are told)."""

from django.utils.translation import gettext_lazy as _

from portal.outbox import Kind, register

from ..models import Community, CommunityStatusChange, Membership
from .base import _active_users, _community_url, _page_url, _staff_for_the_registration

REGISTRATION_SUBMITTED = "community-submitted"
VERIFICATION_RESULT = "community-verification-result"


# A registration is submitted: the contact persons of its neighbourhoods ----------------


def _submitted_context(community):
    community = Community.objects.select_related("municipality").get(pk=community)
    return {"community": community, "url": _community_url("community-review", community)}


register(
    Kind(
        code=REGISTRATION_SUBMITTED,
        label=_("A community registration waits for verification"),
        audience=_(
            "contact persons of its neighbourhoods who are staff; otherwise the municipality's "
            "staff"
        ),
        template="communities/emails/registration_submitted",
        recipients=_staff_for_the_registration,
        context=_submitted_context,
    )
)


# A registration is verified or returned: its leaders and board ------------------------


def _leaders_and_board(change):
    community_id = CommunityStatusChange.objects.values_list("community_id", flat=True).get(
        pk=change
    )
    memberships = Membership.objects.active().filter(
        community_id=community_id, role__in=Membership.ADMIN_ROLES
    )
    return _active_users(memberships.values_list("user_id", flat=True))


def _verification_context(change):
    change = CommunityStatusChange.objects.select_related("community__municipality").get(pk=change)
    community = change.community
    return {
        "community": community,
        "change": change,
        "verified": change.to_status == Community.Status.VERIFIED,
        "url": _page_url(community),
        "edit_url": _community_url("community-edit", community),
    }


register(
    Kind(
        code=VERIFICATION_RESULT,
        label=_("Your community's registration is verified or returned"),
        audience=_("leaders and board of the community"),
        template="communities/emails/verification_result",
        recipients=_leaders_and_board,
        context=_verification_context,
    )
)
