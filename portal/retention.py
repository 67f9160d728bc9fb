"""Retention (issue 25, item 6): what the portal keeps only for a while, purged once a day by
``portal.tasks.purge_old_data`` (Celery beat) or ``manage.py purge_old_data``.

- an outbox row's body (its ``context``: the ids, links and codes of the message) and its
  last error: ``PORTAL_OUTBOX_BODY_RETENTION_DAYS`` (30);
- the delivery log's rows (recipient, kind, status, times):
  ``PORTAL_DELIVERY_LOG_RETENTION_DAYS`` (365);
- a security event's client address and the login name of a failed sign-in:
  ``PORTAL_SECURITY_IP_RETENTION_DAYS`` (90);
- security events: ``PORTAL_SECURITY_EVENT_RETENTION_DAYS`` (365);
- sessions that expired (``SESSION_COOKIE_AGE``): at the next run.

Messages still waiting or being sent are never touched; a delivered message's row is counted
from when it was written. Signing out deletes the session row at once (Django's ``flush``).
"""

import datetime
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Notification, SecurityEvent

FINISHED = [
    Notification.Status.SENT,
    Notification.Status.FAILED,
    Notification.Status.CANCELLED,
]


def _before(now, days):
    return now - datetime.timedelta(days=days)


@transaction.atomic
def purge(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Purge what is older than its retention period; how many rows each step touched."""
    now = now or timezone.now()
    finished = Notification.objects.filter(status__in=FINISHED)
    counts = {
        "delivery_log_rows_deleted": finished.filter(
            created_at__lt=_before(now, settings.PORTAL_DELIVERY_LOG_RETENTION_DAYS)
        ).delete()[0],
        "message_bodies_emptied": finished.filter(
            created_at__lt=_before(now, settings.PORTAL_OUTBOX_BODY_RETENTION_DAYS)
        )
        .exclude(context={}, last_error="")
        .update(context={}, last_error=""),
        "security_events_deleted": SecurityEvent.objects.filter(
            at__lt=_before(now, settings.PORTAL_SECURITY_EVENT_RETENTION_DAYS)
        ).delete()[0],
    }
    old_events = SecurityEvent.objects.filter(
        at__lt=_before(now, settings.PORTAL_SECURITY_IP_RETENTION_DAYS)
    )
    counts["security_addresses_emptied"] = old_events.filter(client_ip__isnull=False).update(
        client_ip=None
    )
    counts["security_logins_emptied"] = (
        old_events.filter(data__has_key="login").exclude(data__login="").update(data={"login": ""})
    )
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
    return counts
