"""Email to people in their own language, rendered from templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path):
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def send_templated_mail(user, template, context):
    """Render ``<template>_subject.txt`` and ``<template>.txt`` in the user's language and send.

    ``context`` may hold lazy values (URLs, model rows); they are rendered inside the
    user's language, so reversed URLs carry the right /lv/ or /en/ prefix.
    """
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, **context}
        context = {key: value() if callable(value) else value for key, value in context.items()}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.send()
    return message
