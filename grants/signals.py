"""Cached public pages follow the rounds' moves (``portal.page_cache``)."""

from django.dispatch import receiver

from portal.history import status_moved
from portal.page_cache import content_changed

from .models import Round
from .roles import forget_evaluators


@receiver(status_moved, sender=Round)
def _round_moved(sender, instance, to_status=None, **kwargs):
    content_changed(instance.municipality_id)
    if to_status == Round.Status.CLOSED:  # its evaluators no longer act for the municipality
        forget_evaluators(instance.assignments.values_list("user_id", flat=True))
