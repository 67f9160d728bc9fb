"""Keep what pages read from other rows current when a community or a membership changes:
``Territory.community_count`` (see ``communities.counts``) and the cached content of the
municipality's pages (``portal.page_cache``).

Signals rather than calls in the services, because the admin, the demo and the tests write
communities too, and a count or a page that drifts would mislead every reader.
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from portal.history import status_moved
from portal.page_cache import content_changed

from . import counts
from .key_changes import CommunityChangeRequest
from .models import Community, Membership


def _community_changed(community):
    counts.recount_community(community)
    content_changed(community.municipality_id)


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
    content_changed(instance.municipality_id)
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
    content_changed(instance.municipality_id)


def _changed_for(community_id):
    municipality_id = (
        Community.objects.filter(pk=community_id).values_list("municipality_id", flat=True).first()
    )
    if municipality_id is not None:
        content_changed(municipality_id)


@receiver([post_save, post_delete], sender=Membership)
@receiver(status_moved, sender=Membership)
def _membership_changed(sender, instance, raw=False, **kwargs):
    """Member counts show on the registry's cards."""
    if not raw:
        _changed_for(instance.community_id)


@receiver([post_save, post_delete], sender=CommunityChangeRequest)
@receiver(status_moved, sender=CommunityChangeRequest)
def _key_change_changed(sender, instance, raw=False, **kwargs):
    """Waiting changes of key facts are listed in the (cached) verification queue."""
    if not raw:
        _changed_for(instance.community_id)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def _account_deleted(sender, instance, **kwargs):
    """Whoever deletes an account (the person, or an administrator in the admin), its
    memberships and join requests end first: a membership kept without its person is never
    counted as an active one (``communities.people.end_memberships``)."""
    from .people import end_memberships

    end_memberships(instance)
