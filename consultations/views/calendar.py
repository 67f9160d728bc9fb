from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView

from portal.mixins import PortalPermissionMixin
from portal.pagination import CountingPaginator

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


class MunicipalEventFormView(EventStaffMixin, FormView):
    template_name = "consultations/event_form.html"
    form_class = MunicipalEventForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipality": self.request.municipality,
            "instance": self.event,
        }

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            if self.event:
                update_event(actor=self.request.user, event=self.event, **data)
            else:
                create_event(
                    actor=self.request.user, municipality=self.request.municipality, **data
                )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The calendar is saved."))
        return redirect("consultations:event-list")

    def get_context_data(self, **kwargs):
        heading = _("Edit the event") if self.event else _("Add an event to the calendar")
        return {**super().get_context_data(**kwargs), "heading": heading}


class MunicipalEventDeleteView(EventStaffMixin, View):
    def get(self, request, pk):
        return render(
            request,
            "confirm.html",
            {
                "heading": _("Remove “%(title)s” from the calendar?") % {"title": self.event.title},
                "question": _("It disappears from the participation index and its calendar feed."),
                "confirm_label": _("Remove"),
                "back_url": reverse("consultations:event-list"),
                "back_label": _("Events calendar"),
            },
        )

    def post(self, request, pk):
        delete_event(actor=request.user, event=self.event)
        messages.success(request, _("The event is removed from the calendar."))
        return redirect("consultations:event-list")
