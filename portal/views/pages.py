from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, UpdateView

from ..forms import ProfileForm


class AccessibilityView(TemplateView):
    template_name = "portal/accessibility.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # On the national host there is no municipality: the statement is the installation's.
        context["municipality"] = self.request.municipality
        return context


class ProfileView(LoginRequiredMixin, UpdateView):
    """A person's own name, phone and the language of their emails."""

    form_class = ProfileForm
    template_name = "portal/profile_form.html"
    success_url = reverse_lazy("profile")

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        messages.success(self.request, _("Your details were saved."))
        return super().form_valid(form)


def _may_see_health_details(request):
    """Operators with the token (``PORTAL_HEALTHZ_TOKEN``) see which part fails; nobody else."""
    token = settings.PORTAL_HEALTHZ_TOKEN
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(token) and constant_time_compare(sent, token)


@never_cache
def healthz(request):
    """Is the database, the cache and the broker reachable? 200 when all are, else 503.

    The cache (``CACHE_REDIS_URL``) and the broker (``REDIS_URL``) are two Redis instances in
    production, each checked and named on its own.

    Anonymous callers (a load balancer, a container health check) learn only ok or not;
    ``Authorization: Bearer <PORTAL_HEALTHZ_TOKEN>`` shows each part and its error class.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - report any failure
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        if hasattr(cache, "ping"):  # Redis, which answers from memory while it is down
            checks["cache"] = "ok" if cache.ping() else "error: ConnectionError"
        else:
            cache.set("healthz", "1", 5)
            checks["cache"] = "ok" if cache.get("healthz") == "1" else "error: no value"
    except Exception as exc:  # noqa: BLE001
        checks["cache"] = f"error: {exc.__class__.__name__}"
    checks["broker"] = _broker_status()
    healthy = all(value in ("ok", "eager") for value in checks.values())
    body = {"status": "ok" if healthy else "error"}
    if _may_see_health_details(request):
        body.update(checks)
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
def healthz_live(request):
    """Can this process serve pages? 200 when the database answers, else 503.

    What a container health check or a load balancer asks: the pages need the database, not
    Redis (the cache falls back to memory and messages wait in the outbox), so an outage of
    Redis must not mark every web process unhealthy. ``/healthz`` tells whether all is well.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means this process cannot serve
        return JsonResponse({"status": "error"}, status=503)
    return JsonResponse({"status": "ok"})


def _broker_status():
    if not settings.REDIS_URL:
        return "eager"
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:  # noqa: BLE001
        return f"error: {exc.__class__.__name__}"
