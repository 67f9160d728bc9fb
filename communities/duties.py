"""Separation of duties: staff do not decide about a community they are involved in."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Membership


def is_involved(user, community) -> bool:
    """Read from the database, not the per-request cache: services decide on fresh rows."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        user=user,
        community_id=community.pk,
        status__in=(Membership.Status.ACTIVE, Membership.Status.PENDING),
    ).exists()


def own_community_message():
    return _(
        "You belong to this community or have asked to join it, so someone else of the "
        "municipality must decide about it."
    )


def refuse_own_community(actor, community) -> None:
    """Refuse a staff decision about a community its maker leads, belongs to or asked to join."""
    if is_involved(actor, community):
        raise ValidationError(own_community_message(), code="own_community")
