"""Delivering the outbox: claim a row, render it in the recipient's language, send, mark.

A row is claimed with a conditional update (pending and due → sending), so two workers, or
one task queued twice, never send it twice. A mail server that does not answer puts the row
back to pending with a growing pause; after ``PORTAL_OUTBOX_MAX_ATTEMPTS`` it is failed and
staff may resend it. A worker that died while sending leaves its row in "sending": the
periodic task puts it back after ``PORTAL_OUTBOX_STUCK_MINUTES``.
"""

import datetime
import logging
from contextlib import contextmanager
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import get_urlconf, set_urlconf
from django.utils import timezone, translation

from ..models import Notification, NotificationOptOut
from ..notifications import render_templated_mail
from .kinds import get_kind
from .tokens import unsubscribe_url

logger = logging.getLogger(__name__)
Status = Notification.Status


def backoff(attempts: int) -> datetime.timedelta:
    """The pause before the next attempt: 30 s, 1 min, 2 min, … at most an hour.

    ``PORTAL_OUTBOX_RETRY_SECONDS`` is the first pause (30 s).
    """
    first = settings.PORTAL_OUTBOX_RETRY_SECONDS
    return datetime.timedelta(seconds=min(first * 2 ** max(attempts - 1, 0), 3600))


def _retry_later(pk, pause):
    """Queue the next attempt after ``pause`` (with a worker; beat's ``deliver_due`` too)."""
    from ..notifications import enqueue_on_commit

    if deliver_notification.app.conf.task_always_eager:
        return  # no worker: the periodic task (or ``deliver_messages``) tries again
    enqueue_on_commit(deliver_notification, pk, countdown=pause.total_seconds())


@contextmanager
def _default_urls():
    """Reverse with the municipality URLs, also when a national-host request runs this."""
    previous = get_urlconf()
    set_urlconf(None)
    try:
        yield
    finally:
        set_urlconf(previous)


def claim(pk: int) -> bool:
    now = timezone.now()
    claimed = (
        Notification.objects.due(now)
        .filter(pk=pk)
        .update(status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    return claimed == 1


def _finish(notification, status, *, error="", **fields):
    Notification.objects.filter(pk=notification.pk, status=Status.SENDING).update(
        status=status, last_error=error[:2000], **fields
    )
    return status


def build_message(notification):
    """The email of an outbox row, rendered in its recipient's language."""
    kind = get_kind(notification.kind)
    user, municipality = notification.user, notification.municipality
    language = (user.language if user else notification.language) or settings.LANGUAGE_CODE
    with translation.override(language), _default_urls():
        if kind.render:
            return kind.render(notification)
        footer, headers = "", {}
        if not kind.required and user is not None:
            url = unsubscribe_url(municipality, user.pk, kind.code)
            footer = render_to_string(
                "portal/emails/unsubscribe_footer.txt", {"kind": kind, "url": url}
            )
            headers = {
                "List-Unsubscribe": f"<{url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        message = render_templated_mail(
            user,
            kind.template,
            kind.context(**notification.context),
            municipality=municipality,
            to=notification.email,
            footer=footer,
        )
        message.extra_headers.update(headers)
        return message


def deliver(pk: int):
    """Send one outbox row if it is due and nobody else has it; return its new status."""
    if not claim(pk):
        return None
    notification = Notification.objects.select_related("user", "municipality").get(pk=pk)
    kind_code = notification.kind
    try:
        kind = get_kind(kind_code)
    except KeyError:
        return _finish(notification, Status.FAILED, error=f"unknown kind {kind_code!r}")
    opted_out = NotificationOptOut.objects.filter(user_id=notification.user_id, kind=kind_code)
    if not kind.required and notification.user_id and opted_out.exists():
        return _finish(notification, Status.CANCELLED)
    try:
        message = build_message(notification)
    except Exception as exc:  # noqa: BLE001 - a deleted object or a broken template: no retry
        logger.exception("Could not render message %s (%s)", pk, kind_code)
        return _finish(notification, Status.FAILED, error=f"{type(exc).__name__}: {exc}")
    try:
        message.send()
    except (SMTPException, OSError) as exc:
        error = f"{type(exc).__name__}: {exc}"
        logger.warning("Could not send message %s (%s): %s", pk, kind_code, error)
        if notification.attempts >= settings.PORTAL_OUTBOX_MAX_ATTEMPTS:
            logger.error(
                "Message %s (%s) failed after %s attempts", pk, kind_code, notification.attempts
            )
            return _finish(notification, Status.FAILED, error=error)
        pause = backoff(notification.attempts)
        status = _finish(
            notification, Status.PENDING, error=error, next_attempt_at=timezone.now() + pause
        )
        _retry_later(pk, pause)
        return status
    except Exception as exc:  # noqa: BLE001 - e.g. a header the backend refuses: no retry
        logger.exception("Could not send message %s (%s)", pk, kind_code)
        return _finish(notification, Status.FAILED, error=f"{type(exc).__name__}: {exc}")
    extra = {"context": {}} if kind.secret else {}
    return _finish(notification, Status.SENT, sent_at=timezone.now(), **extra)


def release_stuck(now=None) -> int:
    """Put rows back to pending whose worker died while sending them."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(minutes=float(settings.PORTAL_OUTBOX_STUCK_MINUTES))
    return Notification.objects.filter(status=Status.SENDING, claimed_at__lt=limit).update(
        status=Status.PENDING, next_attempt_at=now
    )


def deliver_due(limit: int = 500) -> int:
    """Send what is waiting: the periodic task's work. Returns how many were sent."""
    release_stuck()
    ids = list(
        Notification.objects.due()
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(deliver(pk) == Status.SENT for pk in ids)


# The Celery tasks of delivery, beside the work they do (their names are the ones beat's
# schedule and queued messages use; ``portal.tasks`` lists every task of the kit).
@shared_task(name="portal.tasks.deliver_notification", ignore_result=True)
def deliver_notification(notification_id):
    """Send one outbox row (queued when it is written); a no-op if someone else has it."""
    return deliver(notification_id)


@shared_task(name="portal.tasks.deliver_due", ignore_result=True)
def deliver_due_task():
    """Periodic (Celery beat): send what waits, retry what failed, free rows stuck sending."""
    return deliver_due()
