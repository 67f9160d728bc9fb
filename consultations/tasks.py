"""Thin Celery wrappers around the consultations' services."""

from celery import shared_task


@shared_task(ignore_result=True)
def render_feedback_report(consultation_id):
    """Render the consultation's feedback report as a PDF and keep it with the consultation."""
    from .reports import store_feedback_report

    return store_feedback_report(consultation_id)
