from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.utils import translation


def _request_municipality():
    return getattr(allauth_context.request, "municipality", None)


class AccountAdapter(DefaultAccountAdapter):
    """Send allauth's emails in the recipient's language, from the host's municipality."""

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language()
        with translation.override(language):
            return super().send_mail(template_prefix, email, context)

    def get_from_email(self):
        municipality = _request_municipality()
        return municipality.from_email if municipality else settings.DEFAULT_FROM_EMAIL


class MFAAdapter(DefaultMFAAdapter):
    """Authenticator apps name the municipality on whose host the person enrolled."""

    def get_totp_issuer(self):
        issuer = super().get_totp_issuer()
        municipality = _request_municipality()
        return f"{issuer} ({municipality.name})" if municipality else issuer
