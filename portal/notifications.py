"""Email to people in their own language, rendered from templates, sent by the worker."""

import logging
from smtplib import SMTPException

from celery.exceptions import Retry
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# Mail that could not be handed over is tried again, with growing pauses, for about an hour.
MAIL_RETRY = {
    "autoretry_for": (SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 900,
    "retry_jitter": True,
    "max_retries": 8,
}


def absolute_url(municipality, path):
    """``path`` on the municipality's primary host: the address links in emails use."""
    return municipality.url(path)


def send_templated_mail(user, template, context, *, municipality):
    """Render ``<template>_subject.txt`` and ``<template>.txt`` in the user's language and send.

    The email comes from the municipality's sender, names it, and links to its host.
    ``context`` may hold callables (for URLs): they are called inside the user's language,
    so reversed URLs carry the right /lv/ or /en/ prefix.
    """
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, "municipality": municipality, **context}
        context = {key: value() if callable(value) else value for key, value in context.items()}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    message = EmailMultiAlternatives(subject, body, municipality.from_email, [user.email])
    message.send()
    return message


def enqueue_on_commit(task, *args):
    """Queue ``task`` once the current transaction commits.

    What the person did is already saved then; if the broker (or, without a worker, the
    mail server) cannot be reached, the failure is logged for the operators instead of
    turning the person's successful action into an error page.
    """

    def dispatch():
        try:
            task.delay(*args)
        except (OperationalError, OSError, Retry):
            # Retry: without a worker the task ran here and wants to be tried again later.
            logger.exception("Could not queue %s%r", task.name, args)

    transaction.on_commit(dispatch)
