from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.core import signing
from django.utils import translation

# A browser that signed in to an account before keeps this signed cookie (the account's
# number): its sign-in codes are not held back by the hourly cap of code emails, so a
# stranger who uses up the cap cannot lock the owner out (issue 25, item 8).
KNOWN_DEVICE_COOKIE = "portal_known_device"
_KNOWN_DEVICE_SALT = "portal.adapters.known-device"
LOGIN_CODE_TEMPLATE = "account/email/login_code"


def _request_municipality():
    return getattr(allauth_context.request, "municipality", None)


def known_device_account(request):
    """The number of the account this browser signed in to before, or None."""
    value = request.COOKIES.get(KNOWN_DEVICE_COOKIE) if request else None
    if not value:
        return None
    try:
        return signing.loads(
            value,
            salt=_KNOWN_DEVICE_SALT,
            max_age=settings.PORTAL_KNOWN_DEVICE_DAYS * 24 * 60 * 60,
        )
    except signing.BadSignature:
        return None


def may_mail_a_login_code(request, email) -> bool:
    """A sign-in code goes out unless the account already got ``login_code_email`` codes
    (ACCOUNT_RATE_LIMITS, e.g. 5 an hour) requested from browsers that never signed in to
    it; a browser that did always gets one (the limit per client address still holds)."""
    from allauth.account.utils import filter_users_by_email

    users = filter_users_by_email(email, is_active=True, prefer_verified=True)
    if not users:
        return True
    user = users[0]
    if known_device_account(request) == user.pk:
        return True
    if ratelimit.consume(request, action="login_code_email", key=str(user.pk)):
        return True
    from portal.security_log import record_lockout

    record_lockout(request, {"email": email})  # staff see who floods whom, and from where
    return False


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

    def post_login(self, request, user, **kwargs):
        """Every sign-in (password, code, after confirming an address) marks the browser as
        one the account's owner uses (``KNOWN_DEVICE_COOKIE``)."""
        response = super().post_login(request, user, **kwargs)
        response.set_cookie(
            KNOWN_DEVICE_COOKIE,
            signing.dumps(user.pk, salt=_KNOWN_DEVICE_SALT),
            max_age=settings.PORTAL_KNOWN_DEVICE_DAYS * 24 * 60 * 60,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def send_mail(self, template_prefix, email, context):
        from portal.links import municipality_url, on_own_host

        if template_prefix == LOGIN_CODE_TEMPLATE and not may_mail_a_login_code(
            allauth_context.request, email
        ):
            # Held back without a word: the page reads the same, and the owner is not
            # flooded; their own browser still gets a code.
            return
        from portal.models import User
        from portal.outbox import notify_address
        from portal.outbox.accounts import ACCOUNT_KINDS, ACCOUNT_NOTICE, account_context

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
