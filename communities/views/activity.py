from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from .. import services
from ..forms import EventForm, JointOpinionForm
from .base import CommunityMixin


class ActivityCreateMixin(CommunityMixin):
    permission_required = "communities.add_activity"
    permission_denied_message = gettext_lazy(
        "Only the leaders and board of a verified community record its activities."
    )
    template_name = "communities/activity_form.html"
    service = None
    success_message = ""
    heading = ""

    def form_valid(self, form):
        type(self).service(actor=self.request.user, community=self.community, form=form)
        messages.success(self.request, self.success_message)
        return redirect(self.community)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.heading
        return context


class EventCreateView(ActivityCreateMixin, FormView):
    form_class = EventForm
    service = services.record_event
    success_message = gettext_lazy("The event was added to the activity record.")
    heading = gettext_lazy("Record an event")


class JointOpinionCreateView(ActivityCreateMixin, FormView):
    form_class = JointOpinionForm
    service = services.record_joint_opinion
    success_message = gettext_lazy("The joint opinion was added to the activity record.")
    heading = gettext_lazy("Record a joint opinion")
