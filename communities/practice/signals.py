"""Published stories, offers to share experience and agreements show on cached pages (the
home page, territory pages, the community page, the national view): any change renders
the municipality's pages again (``portal.page_cache``)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.history import status_moved
from portal.page_cache import content_changed

from .agreements import Agreement
from .stories import ExperienceOffer, Story, StoryPhoto


def _changed(municipality_id):
    if municipality_id is not None:
        content_changed(municipality_id)


def _story_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _changed(instance.municipality_id)


def _part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _changed(instance.story.municipality_id if hasattr(instance, "story") else None)


def _offer_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _changed(instance.community.municipality_id)


def _tags_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Story):
        _changed(instance.municipality_id)


def connect():
    for signal in (post_save, post_delete, status_moved):
        signal.connect(_story_changed, sender=Story, dispatch_uid=f"practice-story-{signal!r}")
        signal.connect(
            _story_changed, sender=Agreement, dispatch_uid=f"practice-agreement-{signal!r}"
        )
    for signal in (post_save, post_delete):
        signal.connect(_part_changed, sender=StoryPhoto, dispatch_uid=f"practice-photo-{signal!r}")
        signal.connect(
            _offer_changed, sender=ExperienceOffer, dispatch_uid=f"practice-offer-{signal!r}"
        )
    m2m_changed.connect(
        _tags_changed, sender=Story.neighbourhoods.through, dispatch_uid="practice-story-tags"
    )
