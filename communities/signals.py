"""Keep what pages read from other rows current when a community or a membership changes:
``Territory.community_count`` and ``Municipality.working_community_count`` (see
``communities.counts``) — also when a territory moves or is deleted — and end an account's
memberships before it is deleted.

Signals rather than calls in the services, because the admin, the demo and the tests write
communities too, and a count or a page that drifts would mislead every reader.
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from portal.history import status_moved
from portal.models import Territory
from portal.models.territories import territory_moved

from . import counts
from .models import Community


def _community_changed(community):
    counts.recount_community(community)


@receiver(post_save, sender=Community)
def _community_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _community_changed(instance)


@receiver(status_moved, sender=Community)
def _community_moved(sender, instance, **kwargs):
    _community_changed(instance)


@receiver(m2m_changed, sender=Community.neighbourhoods.through)
def _neighbourhoods_changed(sender, instance, action, pk_set, reverse=False, **kwargs):
    if action == "pre_clear":
        instance._cleared_neighbourhoods = list(
            sender.objects.filter(
                **({"territory": instance} if reverse else {"community": instance})
            ).values_list("community_id" if reverse else "territory_id", flat=True)
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # territory.communities.add(...): the territory itself changed
        counts.recount([instance.pk])
        return
    changed = set(pk_set or ()) | set(getattr(instance, "_cleared_neighbourhoods", ()))
    counts.recount(changed)


@receiver(pre_delete, sender=Community)
def _community_deleting(sender, instance, **kwargs):
    instance._former_neighbourhoods = list(instance.neighbourhoods.values_list("pk", flat=True))


@receiver(post_delete, sender=Community)
def _community_deleted(sender, instance, **kwargs):
    counts.recount(getattr(instance, "_former_neighbourhoods", []))
    counts.recount_working(instance.municipality_id)


@receiver(territory_moved, sender=Territory)
def _territory_moved(sender, instance, old_path, new_path, **kwargs):
    """Everything above it before and after the move counts its communities again (what is
    inside it moved with it, so its own count stays)."""
    counts.recount_along(old_path, new_path, leave_out=[instance.pk])


@receiver(post_delete, sender=Territory)
def _territory_deleted(sender, instance, **kwargs):
    """The communities that covered it no longer count above it (the rows saying which
    neighbourhoods a community covers went with it)."""
    counts.recount_along(instance.path, leave_out=[instance.pk])


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def _account_deleted(sender, instance, **kwargs):
    """Whoever deletes an account (the person, or an administrator in the admin), its
    memberships and join requests end first: a membership kept without its person is never
    counted as an active one (``communities.people.end_memberships``)."""
    from .people import end_memberships

    end_memberships(instance)
