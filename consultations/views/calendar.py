from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from portal.mixins import PortalPermissionMixin
from portal.pagination import CountingPaginator
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..forms import MunicipalEventForm
from ..models import MunicipalEvent
from ..services.calendar import create_event, delete_event, update_event

STAFF_ONLY = gettext_lazy("Only the municipality's staff keep the events calendar.")


class EventStaffMixin(PortalPermissionMixin):
    permission_required = "consultations.manage_events"
    permission_denied_message = STAFF_ONLY

    def get_permission_object(self):
        return self.request.municipality

    @cached_property
    def event(self):
        if "pk" not in self.kwargs:
            return None
        rows = MunicipalEvent.objects.of(self.request.municipality)
        return get_object_or_404(rows, pk=self.kwargs["pk"])


class MunicipalEventListView(EventStaffMixin, ListView):
    template_name = "consultations/event_list.html"
    context_object_name = "events"
    paginate_by = 50
    paginator_class = CountingPaginator

    def get_queryset(self):
        return (
            MunicipalEvent.objects.of(self.request.municipality)
            .prefetch_related("neighbourhoods")
            .order_by("-starts_at", "-pk")
        )


class MunicipalEventFormView(EventStaffMixin, ServiceFormView):
    template_name = "consultations/event_form.html"
    form_class = MunicipalEventForm
    success_message = gettext_lazy("The calendar is saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipality": self.request.municipality,
            "instance": self.event,
        }

    def save(self, data):
        if self.event:
            return update_event(actor=self.request.user, event=self.event, **data)
        return create_event(actor=self.request.user, municipality=self.request.municipality, **data)

    def get_success_url(self, result=None):
        return reverse("consultations:event-list")

    def get_context_data(self, **kwargs):
        heading = _("Edit the event") if self.event else _("Add an event to the calendar")
        return {**super().get_context_data(**kwargs), "heading": heading}


class MunicipalEventDeleteView(EventStaffMixin, ServiceActionView):
    confirm = True
    success_message = gettext_lazy("The event is removed from the calendar.")

    def get_confirm_context(self):
        return {
            "heading": _("Remove “%(title)s” from the calendar?") % {"title": self.event.title},
            "question": _("It disappears from the participation index and its calendar feed."),
            "confirm_label": _("Remove"),
            "back_url": reverse("consultations:event-list"),
            "back_label": _("Events calendar"),
        }

    def act(self):
        return delete_event(actor=self.request.user, event=self.event)

    def get_success_url(self, result):
        return reverse("consultations:event-list")
