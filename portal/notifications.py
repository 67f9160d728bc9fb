"""Email to people in their own language, rendered from templates, from their municipality.

The outbox (``portal.outbox``) decides when a message goes out; this module renders it.
"""

import logging

from celery.exceptions import Retry
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from kombu.exceptions import OperationalError

from .validators import one_line

logger = logging.getLogger(__name__)


def absolute_url(municipality, path):
    """``path`` on the municipality's primary host: the address links in emails use."""
    return municipality.url(path)


def site_url(municipality, path):
    """``path`` on the municipality's primary host, or on the national host without one."""
    if municipality is not None:
        return municipality.url(path)
    host = (settings.PORTAL_NATIONAL_HOSTS or ["localhost"])[0]
    port = settings.PORTAL_SITE_PORT
    return f"{settings.PORTAL_SITE_SCHEME}://{host}{f':{port}' if port else ''}{path}"


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


def enqueue_on_commit(task, *args):
    """Queue ``task`` once the current transaction commits.

    What the person did is already saved then; if the broker cannot be reached, the failure
    is logged for the operators instead of turning the person's successful action into an
    error page (the outbox's periodic task picks the work up later).
    """

    def dispatch():
        try:
            task.delay(*args)
        except (OperationalError, OSError, Retry):
            logger.exception("Could not queue %s%r", task.name, args)

    transaction.on_commit(dispatch)
