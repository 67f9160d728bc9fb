"""Cached public pages follow the rounds' moves (``portal.page_cache``)."""

from django.dispatch import receiver

from portal.history import status_moved
from portal.page_cache import content_changed

from .models import Round


@receiver(status_moved, sender=Round)
def _round_moved(sender, instance, **kwargs):
    content_changed(instance.municipality_id)
