"""A user's roles in communities, loaded once per request through ``portal.roles``."""

from portal.roles import forget, per_request
from portal.shapes import shape

from .models import Membership

_KIND = "community_memberships"


@shape
def _memberships_of(user_id):
    return (
        Membership.objects.filter(
            user=user_id, status__in=(Membership.Status.ACTIVE, Membership.Status.PENDING)
        )
        .order_by()
        .values_list("community_id", "role", "status")
    )


def _load_memberships(user):
    rows = _memberships_of(user.pk)
    return {community_id: (role, status) for community_id, role, status in rows}


def _memberships(user):
    """``{community_id: (role, status)}`` of the user's active and pending memberships."""
    return per_request(user, _KIND, _load_memberships, empty={})


def community_roles(user):
    """Return ``{community_id: role}`` of the user's active memberships (one query a request)."""
    return {
        community_id: role
        for community_id, (role, status) in _memberships(user).items()
        if status == Membership.Status.ACTIVE
    }


def led_communities(user, municipality):
    """The verified or active communities of the municipality the person leads (a queryset;
    no query when they lead none)."""
    from .models import Community

    led = [pk for pk, role in community_roles(user).items() if role == Membership.Role.LEADER]
    if not led:
        return Community.objects.none()
    return Community.objects.of(municipality).working().filter(pk__in=led).order_by("sort_name")


def pending_community_ids(user):
    return {
        community_id
        for community_id, (_role, status) in _memberships(user).items()
        if status == Membership.Status.PENDING
    }


def forget_community_roles(user):
    forget(user, _KIND)
