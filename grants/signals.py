"""Whether a person evaluates anywhere is read once at sign-in and kept (``grants.roles``)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from portal.history import status_moved

from .models import Round
from .roles import evaluates_anywhere, forget_evaluators


@receiver(status_moved, sender=Round)
def _round_moved(sender, instance, to_status=None, **kwargs):
    if to_status == Round.Status.CLOSED:  # its evaluators no longer act for the municipality
        forget_evaluators(instance.assignments.values_list("user_id", flat=True))


@receiver(user_logged_in)
def _read_evaluator_role(sender, user, **kwargs):
    evaluates_anywhere(user)
