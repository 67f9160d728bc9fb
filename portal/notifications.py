"""Email to people in their own language, rendered from templates, from their municipality.

The outbox (``portal.outbox``) decides when a message goes out; this module renders it.
"""

import logging
import threading
import time

from celery.exceptions import Retry
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from kombu.exceptions import OperationalError

from .validators import one_line

logger = logging.getLogger(__name__)

# After the broker failed once, this process does not try it again for this long: what is
# queued meanwhile waits in the outbox for the periodic ``deliver_due`` (beat, every minute).
BROKER_RETRY_SECONDS = 5.0
_broker = {"down_until": 0.0}
_broker_lock = threading.Lock()


def sender(municipality):
    """The ``From`` of an email: the municipality's sender, or the installation's."""
    return municipality.from_email if municipality is not None else settings.DEFAULT_FROM_EMAIL


def render_templated_mail(user, template, context, *, municipality, to, footer=""):
    """Render ``<template>_subject.txt`` and ``<template>.txt`` into an unsent email.

    Call it inside the recipient's language (``translation.override``). ``context`` may
    hold callables (for URLs): they are called here, so reversed URLs carry the right /lv/
    or /en/ prefix. The email comes from the municipality's sender, names it, and links to
    its host.
    """
    context = {"user": user, "municipality": municipality, **context}
    context = {key: value() if callable(value) else value for key, value in context.items()}
    subject = one_line(render_to_string(f"{template}_subject.txt", context))
    body = render_to_string(f"{template}.txt", context)
    if footer:
        body = body.rstrip("\n") + "\n\n" + footer
    return EmailMultiAlternatives(subject, body, sender(municipality), [to])


def broker_down() -> bool:
    """Whether publishing failed in the last ``BROKER_RETRY_SECONDS`` (this process)."""
    return time.monotonic() < _broker["down_until"]


def forget_broker_failure():
    with _broker_lock:
        _broker["down_until"] = 0.0


def enqueue_on_commit(task, *args, countdown=None):
    """Queue ``task`` once the current transaction commits.

    What the person did is already saved then; if the broker cannot be reached, the failure
    is logged for the operators instead of turning the person's successful action into an
    error page, and for a few seconds nothing more is tried (each try may cost a connection
    timeout): the outbox's periodic task picks the work up once the broker is back.
    Publishing never retries (``CELERY_TASK_PUBLISH_RETRY = False``) and connects with a
    short timeout, so a request never waits for Redis. ``countdown``: run it that many
    seconds later (a retry's pause).
    """

    def dispatch():
        eager = task.app.conf.task_always_eager  # no broker: nothing to wait for
        if broker_down() and not eager:
            logger.info("The broker was down a moment ago: %s%r waits", task.name, args)
            return
        try:
            if countdown is None:
                task.delay(*args)
            else:
                task.apply_async(args, countdown=countdown)
        except (OperationalError, OSError, Retry) as exc:
            if eager:
                logger.exception("Could not queue %s%r", task.name, args)
                return
            with _broker_lock:
                first = not broker_down()
                _broker["down_until"] = time.monotonic() + BROKER_RETRY_SECONDS
            if first:
                logger.exception("Could not queue %s%r", task.name, args)
            else:
                logger.warning("Could not queue %s%r: %s", task.name, args, exc)

    transaction.on_commit(dispatch)
