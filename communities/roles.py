"""A user's roles in communities, loaded once per request and kept on the user object."""

from .models import Membership

_CACHE_ATTR = "_community_roles_cache"


def community_roles(user):
    """Return ``{community_id: role}`` of the user's active memberships (one query)."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = dict(
            Membership.objects.active().filter(user=user).values_list("community_id", "role")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def pending_community_ids(user):
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.pending().filter(user=user).values_list("community_id", flat=True))


def forget_community_roles(user):
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
