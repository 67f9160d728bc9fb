"""Keep ``Territory.community_count`` current (see ``communities.counts``).

Signals rather than calls in the services, because the admin, the demo and the tests write
communities too, and a count that drifts would mislead every territory page.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from portal.history import status_moved

from . import counts
from .models import Community


@receiver(post_save, sender=Community)
def _community_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        counts.recount_community(instance)


@receiver(status_moved, sender=Community)
def _community_moved(sender, instance, **kwargs):
    counts.recount_community(instance)


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
