"""The kit's Celery tasks: thin wrappers around the work. The two that the work itself queues
live beside it (``portal.outbox.delivery``, ``portal.reports``) and are listed here, so every
task of the kit is found in one place under its name ``portal.tasks.<name>``."""

from celery import shared_task

from .outbox.delivery import deliver_due_task as deliver_due
from .outbox.delivery import deliver_notification
from .reports import render_report

__all__ = [
    "deliver_due",
    "deliver_notification",
    "purge_old_data",
    "purge_reports",
    "render_report",
    "resume_reports",
    "send_reminders",
]


@shared_task(ignore_result=True)
def send_reminders():
    """Periodic (Celery beat): one reminder sweep over every deadline the apps declare."""
    from .outbox.reminders import sweep

    return sweep()


@shared_task(ignore_result=True)
def resume_reports():
    """Periodic (Celery beat): queue reports a dead worker left, or the broker lost."""
    from .reports import resume

    return resume()


@shared_task(ignore_result=True)
def purge_reports():
    """Periodic (Celery beat): remove reports nobody asked for in the retention period."""
    from .reports import purge

    return purge()


@shared_task(ignore_result=True)
def purge_old_data():
    """Periodic (Celery beat): purge what is past its retention period (portal.retention)."""
    from .retention import purge

    return purge()
