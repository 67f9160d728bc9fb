"""The grants' Celery tasks: thin wrappers around services."""

from celery import shared_task


@shared_task(ignore_result=True)
def make_protocol(round_id):
    """Render a round's results protocol (PDF) and keep it on the round."""
    from .protocol import build_protocol

    build_protocol(round_id)
