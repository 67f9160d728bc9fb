from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.utils import translation


def _request_municipality():
    return getattr(allauth_context.request, "municipality", None)


class AccountAdapter(DefaultAccountAdapter):
    """allauth's emails go through the outbox, in the recipient's language, from the host's
    municipality: a mail server that is down delays them and fails no page."""

    def pre_authenticate(self, request, **credentials):
        """allauth refuses a login whose failures hit the limit: that is a lockout event."""
        from django.core.exceptions import ValidationError

        from portal.security_log import record_lockout

        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            record_lockout(request, credentials)
            raise

    def send_mail(self, template_prefix, email, context):
        from portal.hosts import municipality_url, on_own_host
        from portal.messages import ACCOUNT_KINDS, ACCOUNT_NOTICE, account_context
        from portal.models import User
        from portal.outbox import notify_address

        # allauth builds its links (activate_url, password_reset_url, signup_url) and names
        # the site from the request's Host header; the email uses the municipality's
        # configured address instead (portal.hosts), whatever host or port was asked for.
        municipality = _request_municipality()
        context = {
            name: on_own_host(value, municipality)
            if name.endswith("_url") and isinstance(value, str)
            else value
            for name, value in context.items()
        }
        host = urlsplit(municipality_url(municipality)).netloc
        site = SimpleNamespace(name=host, domain=host)
        user = context.get("user")
        if not isinstance(user, User) or user.pk is None:
            user = None
        notify_address(
            ACCOUNT_KINDS.get(template_prefix, ACCOUNT_NOTICE),
            email=email,
            user=user,
            municipality=municipality,
            language=getattr(user, "language", None) or translation.get_language(),
            context=account_context(template_prefix, context, site),
        )

    def get_from_email(self):
        municipality = _request_municipality()
        return municipality.from_email if municipality else settings.DEFAULT_FROM_EMAIL


class MFAAdapter(DefaultMFAAdapter):
    """Authenticator apps name the municipality on whose host the person enrolled."""

    def get_totp_issuer(self):
        issuer = super().get_totp_issuer()
        municipality = _request_municipality()
        return f"{issuer} ({municipality.name})" if municipality else issuer
