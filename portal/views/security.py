"""The security log: staff read the security events of their municipality, administrators
read every municipality's (``portal.security_log`` writes them; docs/security.md)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from portal.pagination import CountingPaginator

from ..forms import SecurityEventFilterForm
from ..mixins import PortalPermissionMixin
from ..models import SecurityEvent


class SecurityEventListView(PortalPermissionMixin, ListView):
    """Sign-ins, lockouts, second factors, roles, key facts, downloads and deletions."""

    permission_required = "portal.view_security_events"
    permission_denied_message = gettext_lazy(
        "Only the municipality's staff read its security events."
    )
    template_name = "portal/security/event_list.html"
    context_object_name = "events"
    paginate_by = 50
    paginator_class = CountingPaginator

    def get_permission_object(self):
        return self.request.municipality

    @cached_property
    def sees_all(self):
        return self.request.user.is_superuser

    @cached_property
    def filter_form(self):
        return SecurityEventFilterForm(self.request.GET or None)

    def get_queryset(self):
        rows = SecurityEvent.objects.for_log()
        if not self.sees_all:
            rows = rows.of(self.request.municipality)
        form = self.filter_form
        if form.is_bound and form.is_valid() and form.cleaned_data["kind"]:
            rows = rows.filter(kind=form.cleaned_data["kind"])
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for event in context["events"]:
            event.details = ", ".join(
                f"{key}: {value}" for key, value in sorted(event.data.items())
            )
        context["filter_form"] = self.filter_form
        context["sees_all"] = self.sees_all
        return context
