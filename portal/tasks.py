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


@shared_task(bind=True, ignore_result=True)
def render_report(self, report_id):
    """Render one report (queued when it is asked for); a no-op if someone else has it."""
    from .reports import render

    return render(report_id, worker=self.request.hostname or "")


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
