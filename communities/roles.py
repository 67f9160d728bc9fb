"""A user's roles in communities, loaded once per request and kept on the user object."""

from .models import Membership

_CACHE_ATTR = "_community_memberships_cache"


def _memberships(user):
    """``{community_id: (role, status)}`` of the user's active and pending memberships."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        rows = Membership.objects.filter(
            user=user, status__in=(Membership.Status.ACTIVE, Membership.Status.PENDING)
        ).values_list("community_id", "role", "status")
        cached = {community_id: (role, status) for community_id, role, status in rows}
        setattr(user, _CACHE_ATTR, cached)
    return cached


def community_roles(user):
    """Return ``{community_id: role}`` of the user's active memberships (one query a request)."""
    return {
        community_id: role
        for community_id, (role, status) in _memberships(user).items()
        if status == Membership.Status.ACTIVE
    }


def pending_community_ids(user):
    return {
        community_id
        for community_id, (_role, status) in _memberships(user).items()
        if status == Membership.Status.PENDING
    }


def forget_community_roles(user):
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
