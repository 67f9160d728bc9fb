"""The portal's own kinds of message: account emails (allauth's), all required.

``portal.adapters.AccountAdapter.send_mail`` writes them to the outbox instead of sending
inside the request, so sign-up and password reset end on their normal page when the mail
server is down; the email goes out when it is back.
"""

import datetime
from types import SimpleNamespace

from allauth.account.adapter import get_adapter
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from ..notifications import sender
from .kinds import Kind, register

# allauth's template → our kind; any other account email is an "account notice".
ACCOUNT_KINDS = {
    "account/email/email_confirmation_signup": "account-confirm-email",
    "account/email/email_confirmation": "account-confirm-email",
    "account/email/password_reset_key": "account-password-reset",
    "account/email/password_reset_code": "account-password-reset",
}
ACCOUNT_NOTICE = "account-notice"
_SKIPPED = {"request", "user", "email", "current_site"}


def account_context(template, context, site):
    """What the outbox row keeps of allauth's context: plain values only (JSON)."""
    values = {}
    for name, value in context.items():
        if name in _SKIPPED:
            continue
        if isinstance(value, datetime.datetime):
            values[name] = {"datetime": value.isoformat()}
        elif value is None or isinstance(value, (str, int, float, bool)):
            values[name] = value
    return {
        "template": template,
        "values": values,
        "site": {"name": getattr(site, "name", ""), "domain": getattr(site, "domain", "")},
    }


def render_account_mail(notification):
    """Render allauth's templates for an outbox row (inside the recipient's language)."""
    stored = notification.context
    context = {
        name: parse_datetime(value["datetime"]) if isinstance(value, dict) else value
        for name, value in stored["values"].items()
    }
    context.update(
        email=notification.email,
        user=notification.user,
        current_site=SimpleNamespace(**stored["site"]),
    )
    message = get_adapter().render_mail(stored["template"], notification.email, context)
    message.from_email = sender(notification.municipality)
    return message


for code, label in [
    ("account-confirm-email", _("Confirming your email address")),
    ("account-password-reset", _("Resetting your password")),
    (ACCOUNT_NOTICE, _("Changes to your account")),
]:
    register(
        Kind(
            code=code,
            label=label,
            audience=_("the account holder"),
            render=render_account_mail,
            required=True,
            secret=True,
        )
    )
