"""The outbox's Celery tasks: thin wrappers around ``portal.outbox``."""

from celery import shared_task


@shared_task(ignore_result=True)
def deliver_notification(notification_id):
    """Send one outbox row (queued when it is written); a no-op if someone else has it."""
    from .outbox.delivery import deliver

    return deliver(notification_id)


@shared_task(ignore_result=True)
def deliver_due():
    """Periodic (Celery beat): send what waits, retry what failed, free rows stuck sending."""
    from .outbox.delivery import deliver_due as run

    return run()


@shared_task(ignore_result=True)
def send_reminders():
    """Periodic (Celery beat): one reminder sweep over every deadline the apps declare."""
    from .outbox.reminders import sweep

    return sweep()
