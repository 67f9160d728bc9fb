"""Thin Celery wrappers around the councils' services."""

from celery import shared_task

from portal.notifications import enqueue_on_commit


@shared_task(ignore_result=True)
def render_minutes(meeting_id):
    """Render a meeting's minutes as a PDF and keep it with the meeting."""
    from .reports import store_minutes

    return store_minutes(meeting_id)


def enqueue_minutes_pdf(meeting):
    enqueue_on_commit(render_minutes, meeting.pk)
