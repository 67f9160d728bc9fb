from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView, UpdateView

from communities.models import Community

from .forms import ProfileForm
from .models import MunicipalitySettings, Territory


def _public_communities():
    return Community.objects.public().only("name", "slug", "status")


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        working = Community.objects.working()
        context["community_count"] = working.count()
        context["recent_communities"] = working.for_list().order_by("-verified_at", "-pk")[:6]
        context["neighbourhoods_without"] = (
            Territory.objects.neighbourhoods()
            .exclude(communities__status__in=Community.PUBLIC_STATUSES)
            .select_related("parent")
            .order_by("name")
        )
        return context


class TerritoryListView(ListView):
    """The territory tree with every neighbourhood's contact person and communities."""

    template_name = "portal/territory_list.html"
    context_object_name = "municipalities"

    def get_queryset(self):
        neighbourhoods = (
            Territory.objects.neighbourhoods()
            .select_related("contact_person")
            .prefetch_related(Prefetch("communities", queryset=_public_communities()))
        )
        children = Territory.objects.select_related("contact_person").prefetch_related(
            Prefetch("children", queryset=neighbourhoods, to_attr="neighbourhood_list"),
            Prefetch("communities", queryset=_public_communities()),
        )
        return Territory.objects.municipalities().prefetch_related(
            Prefetch("children", queryset=children, to_attr="child_list")
        )


class TerritoryDetailView(DetailView):
    model = Territory
    template_name = "portal/territory_detail.html"
    context_object_name = "territory"

    def get_queryset(self):
        return Territory.objects.with_parent()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        territory = self.object
        context["subareas"] = territory.children.select_related("contact_person").annotate(
            community_count=Count(
                "communities", filter=Q(communities__status__in=Community.PUBLIC_STATUSES)
            )
        )
        context["communities"] = (
            Community.objects.public()
            .filter(Q(neighbourhoods=territory) | Q(neighbourhoods__parent=territory))
            .distinct()
            .for_list()
        )
        return context


class AccessibilityView(TemplateView):
    template_name = "portal/accessibility.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["settings"] = (
            MunicipalitySettings.objects.select_related("municipality").order_by("pk").first()
        )
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


@never_cache
def healthz(request):
    """Is the database, the cache and the broker reachable? 200 when all are, else 503."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - report any failure
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        cache.set("healthz", "1", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "1" else "error: no value"
    except Exception as exc:  # noqa: BLE001
        checks["cache"] = f"error: {exc.__class__.__name__}"
    checks["broker"] = _broker_status()
    healthy = all(value in ("ok", "eager") for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


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
