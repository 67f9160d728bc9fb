from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from .. import services
from ..forms import EventForm, JointOpinionForm
from ..models import Event, JointOpinion
from .base import CommunityMixin

REFUSED = gettext_lazy(
    "Only the leaders and board of a verified community keep its activity record."
)


class ActivityMixin(CommunityMixin):
    """Create or correct an event or a joint opinion of the community's activity record."""

    permission_required = "communities.add_activity"
    permission_denied_message = REFUSED
    template_name = "communities/activity_form.html"
    model = None
    success_message = ""
    heading = ""

    def get_record(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(self.model, pk=self.kwargs["pk"], community=self.community)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_record()}

    def form_valid(self, form):
        if form.instance.pk:
            services.update_activity(actor=self.request.user, form=form)
        elif self.model is Event:
            services.record_event(actor=self.request.user, community=self.community, form=form)
        else:
            services.record_joint_opinion(
                actor=self.request.user, community=self.community, form=form
            )
        messages.success(self.request, self.success_message)
        return redirect(self.community)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": self.heading}


class EventCreateView(ActivityMixin, FormView):
    model, form_class = Event, EventForm
    success_message = gettext_lazy("The event was added to the activity record.")
    heading = gettext_lazy("Record an event")


class EventUpdateView(ActivityMixin, FormView):
    permission_required = "communities.change_activity"
    model, form_class = Event, EventForm
    success_message = gettext_lazy("The event was corrected.")
    heading = gettext_lazy("Correct the event")


class JointOpinionCreateView(ActivityMixin, FormView):
    model, form_class = JointOpinion, JointOpinionForm
    success_message = gettext_lazy("The joint opinion was added to the activity record.")
    heading = gettext_lazy("Record a joint opinion")


class JointOpinionUpdateView(ActivityMixin, FormView):
    permission_required = "communities.change_activity"
    model, form_class = JointOpinion, JointOpinionForm
    success_message = gettext_lazy("The joint opinion was corrected.")
    heading = gettext_lazy("Correct the joint opinion")


class ActivityDeleteView(CommunityMixin, View):
    """Asks first, then removes an entry recorded by mistake."""

    permission_required = "communities.change_activity"
    permission_denied_message = REFUSED
    model = None

    def get(self, request, slug, pk):
        record = get_object_or_404(self.model, pk=pk, community=self.community)
        return render(
            request,
            "confirm.html",
            {
                "heading": _("Remove from the activity record"),
                "question": _("Remove “%(title)s” from the activity record? This cannot be undone.")
                % {"title": record.title},
                "confirm_label": _("Remove"),
                "back_url": self.community.get_absolute_url(),
                "back_label": self.community.name,
            },
        )

    def post(self, request, slug, pk):
        record = get_object_or_404(self.model, pk=pk, community=self.community)
        services.delete_activity(actor=request.user, record=record)
        messages.success(request, _("The entry was removed."))
        return redirect(self.community)


class EventDeleteView(ActivityDeleteView):
    model = Event


class JointOpinionDeleteView(ActivityDeleteView):
    model = JointOpinion
