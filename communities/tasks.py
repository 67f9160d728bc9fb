"""The communities app's Celery tasks: thin wrappers around services."""

from celery import shared_task


@shared_task(ignore_result=True)
def expire_agreements():
    """Periodic (Celery beat): signed agreements past their end date become expired."""
    from .services.agreements import expire_agreements as run

    return run()
