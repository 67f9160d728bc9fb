"""A verified community asks to change its key facts (the staff who verify it are told), and
a change is returned (the community's leaders and board are told)."""

from django.utils.translation import gettext_lazy as _

from portal.outbox import Kind, register

from ..models import ChangeRequestStatusChange, Community, Membership
from .base import _active_users, _community_url, _page_url, _staff_for_the_registration

KEY_CHANGE_RETURNED = "community-key-change-returned"
KEY_CHANGE_REQUESTED = "community-key-change-requested"


# A verified community asks to change key facts: the staff who verify it -----------------


def _key_change_request_context(community):
    community = Community.objects.select_related("municipality").get(pk=community)
    return {"community": community, "url": _community_url("key-change-review", community)}


register(
    Kind(
        code=KEY_CHANGE_REQUESTED,
        label=_("A verified community asks to change its key facts"),
        audience=_(
            "contact persons of its neighbourhoods who are staff; otherwise the municipality's "
            "staff"
        ),
        template="communities/emails/key_change_requested",
        recipients=_staff_for_the_registration,
        context=_key_change_request_context,
    )
)


# A change of key facts is returned: the community's leaders and board -----------------


def _leaders_of_the_change(change):
    community_id = ChangeRequestStatusChange.objects.values_list(
        "change_request__community_id", flat=True
    ).get(pk=change)
    memberships = Membership.objects.active().filter(
        community_id=community_id, role__in=Membership.ADMIN_ROLES
    )
    return _active_users(memberships.values_list("user_id", flat=True))


def _key_change_context(change):
    change = ChangeRequestStatusChange.objects.select_related(
        "change_request__community__municipality"
    ).get(pk=change)
    community = change.change_request.community
    return {
        "community": community,
        "change": change,
        "rows": change.change_request.comparison,
        "url": _page_url(community),
        "edit_url": _community_url("community-edit", community),
    }


register(
    Kind(
        code=KEY_CHANGE_RETURNED,
        label=_("The municipality returned a change of your community's key facts"),
        audience=_("leaders and board of the community"),
        template="communities/emails/key_change_returned",
        recipients=_leaders_of_the_change,
        context=_key_change_context,
    )
)
