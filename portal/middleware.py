import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .roles import needs_mfa


class StaffMFAMiddleware:
    """Staff, evaluators and administrators must enrol an authenticator app first.

    Until they do, every page but the account pages sends them to the TOTP set-up.
    """

    EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")
    ENROLLED = "portal_mfa_enrolled"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            messages.warning(
                request,
                _("Your account acts for the municipality: set up an authenticator app first."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _must_enrol(self, request):
        if not settings.PORTAL_REQUIRE_STAFF_MFA:
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not needs_mfa(user):
            return False
        if request.path.startswith(self.EXEMPT_PREFIXES):
            return False
        if request.session.get(self.ENROLLED) == user.pk:
            return False  # checked once for this session (forgotten when one is removed)
        from allauth.mfa.models import Authenticator

        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            request.session[self.ENROLLED] = user.pk
            return False
        return True


class StaffSessionMiddleware:
    """Sessions of accounts that act for a municipality (or reach the admin) are short: they
    end after ``PORTAL_STAFF_SESSION_IDLE_SECONDS`` without a request and
    ``PORTAL_STAFF_SESSION_MAX_SECONDS`` after signing in. Residents' sessions follow
    "remember me" on the sign-in form."""

    STARTED = "portal_session_started"
    TOUCHED = "portal_session_touched"
    TOUCH_EVERY = 300  # seconds: the idle clock is reset at most this often (one write)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and needs_mfa(user):
            now = int(time.time())
            session = request.session
            started = session.get(self.STARTED, now)
            if now - started > settings.PORTAL_STAFF_SESSION_MAX_SECONDS:
                logout(request)
                messages.info(request, _("For your security you were signed out: sign in again."))
                return redirect(settings.LOGIN_URL)
            if now - session.get(self.TOUCHED, 0) > self.TOUCH_EVERY:
                session[self.STARTED] = started
                session[self.TOUCHED] = now
                session.set_expiry(settings.PORTAL_STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)


def _forget_enrolment(sender, request=None, **kwargs):
    """An authenticator removed: the session checks again at its next page."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(StaffMFAMiddleware.ENROLLED, None)


def connect_mfa_signals():
    from allauth.mfa.signals import authenticator_removed

    authenticator_removed.connect(_forget_enrolment, dispatch_uid="portal-mfa-forget")


class PrivatePagesMiddleware:
    """Pages and downloads for a signed-in person are never kept by a browser or a proxy
    cache (``Cache-Control: no-store``): they may show personal data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class CookieResponsesPrivateMiddleware:
    """A response that sets a cookie is meant for one browser: ``Cache-Control: private``, so
    that no shared cache (a proxy, a CDN) keeps it and hands one person's cookie (the CSRF
    token, a session, a message) to the next. It sits before the session and CSRF middleware
    in ``MIDDLEWARE``, so it sees the cookies they add on the way out. Signed-in pages are
    already ``no-store`` (``PrivatePagesMiddleware``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies:
            patch_cache_control(response, private=True)
        return response
