import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.views.service_forms import ServiceFormView

from ..forms.activity import EventForm, JointOpinionForm, ReopenYearForm
from ..forms.community import ReasonForm
from ..models import Event, JointOpinion
from ..record import is_year_locked, locked_message
from ..services import activity
from .base import CommunityMixin

REFUSED = gettext_lazy(
    "Only the leaders and board of a verified community keep its activity record."
)


def load_entry(view, model, pk):
    """An entry of the community's record that the user may still correct or remove; a
    locked year or a removed entry is refused with the reason."""
    entry = get_object_or_404(model.objects.recorded(), pk=pk, community=view.community)
    entry.community = view.community  # one community object: its reopened years read once
    if not view.request.user.has_perm("communities.change_entry", entry):
        year = entry.record_date.year
        if is_year_locked(view.community, year):
            raise PermissionDenied(locked_message(view.community, year))
        raise PermissionDenied(REFUSED)
    return entry


def shown_value(entry, name):
    """A field of an entry as a person reads it."""
    value = getattr(entry, name)
    if name == "participation_forms":
        return ", ".join(str(label) for label in entry.get_participation_forms_display())
    if entry._meta.get_field(name).choices:
        return getattr(entry, f"get_{name}_display")()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


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
        return load_entry(self, self.model, self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_record()}

    def save(self, data):
        user, community = self.request.user, self.community
        if self.form.instance.pk:
            return activity.update_activity(
                actor=user,
                entry=self.form.instance,
                expected_version=self.form.expected_version,
                **data,
            )
        if self.model is Event:
            return activity.record_event(actor=user, community=community, **data)
        return activity.record_joint_opinion(actor=user, community=community, **data)

    def get_success_url(self, result=None):
        return self.community.get_absolute_url()

    def form_refused(self, form, error):
        if getattr(error, "code", None) == "stale":  # the form was opened on an older version
            return self.render_stale(form, error)
        return super().form_refused(form, error)

    def render_stale(self, form, error):
        """Someone corrected the entry since this form was opened: keep what the person
        typed, show what is saved now beside it, and let them save again on the new
        version."""
        current = load_entry(self, self.model, form.instance.pk)
        saved_now = [
            (form.fields[name].label, shown_value(current, name))
            for name in form.Meta.fields
            if getattr(current, name) != form.cleaned_data.get(name)
        ]
        data = form.data.copy()
        data["version"] = current.version
        # Validating binds the typed values onto a copy, never onto the row shown as saved.
        again = self.get_form_class()(data, instance=load_entry(self, self.model, current.pk))
        again.is_valid()
        again.add_error(None, error)
        again.saved_now = saved_now
        return self.render_to_response(self.get_context_data(form=again))


class EventCreateView(ActivityMixin, ServiceFormView):
    model, form_class = Event, EventForm
    success_message = gettext_lazy("The event was added to the activity record.")
    heading = gettext_lazy("Record an event")


class EventUpdateView(ActivityMixin, ServiceFormView):
    permission_required = "communities.change_activity"
    model, form_class = Event, EventForm
    success_message = gettext_lazy("The event was corrected.")
    heading = gettext_lazy("Correct the event")


class JointOpinionCreateView(ActivityMixin, ServiceFormView):
    model, form_class = JointOpinion, JointOpinionForm
    success_message = gettext_lazy("The joint opinion was added to the activity record.")
    heading = gettext_lazy("Record a joint opinion")


class JointOpinionUpdateView(ActivityMixin, ServiceFormView):
    permission_required = "communities.change_activity"
    model, form_class = JointOpinion, JointOpinionForm
    success_message = gettext_lazy("The joint opinion was corrected.")
    heading = gettext_lazy("Correct the joint opinion")


class ActivityDeleteView(CommunityMixin, ServiceFormView):
    """Asks first, with the reason, then marks the entry removed (it stays for staff)."""

    permission_required = "communities.change_activity"
    permission_denied_message = REFUSED
    model = None
    form_class = ReasonForm
    template_name = "confirm.html"
    heading = gettext_lazy("Remove from the activity record")
    success_message = gettext_lazy("The entry was removed.")

    @cached_property
    def record(self):
        return load_entry(self, self.model, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.record  # noqa: B018 - a refusal before the form
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.record  # noqa: B018 - a refusal before the form
        return super().post(request, *args, **kwargs)

    def save(self, data):
        return activity.remove_activity(
            actor=self.request.user, record=self.record, reason=data["reason"]
        )

    def get_success_url(self, result=None):
        return self.community.get_absolute_url()

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "question": _(
                "Remove “%(title)s” from the activity record? It will no longer be shown "
                "or counted; the municipality keeps it, with your reason, in the history."
            )
            % {"title": self.record.title},
            "confirm_label": _("Remove"),
            "back_url": self.community.get_absolute_url(),
            "back_label": self.community.name,
        }


class EventDeleteView(ActivityDeleteView):
    model = Event


class JointOpinionDeleteView(ActivityDeleteView):
    model = JointOpinion


class ActivityYearReopenView(CommunityMixin, ServiceFormView):
    """Staff reopen a locked year of the community's record until a date, saying why."""

    permission_required = "communities.reopen_activity_year"
    permission_denied_message = gettext_lazy(
        "Only municipal staff reopen the activity record of a verified community."
    )
    form_class = ReopenYearForm
    template_name = "confirm.html"
    heading = gettext_lazy("Reopen a year of the activity record")

    def get_initial(self):
        today = timezone.localdate()
        initial = {"year": today.year - 1, "until": today + datetime.timedelta(days=14)}
        if "year" in self.request.GET and self.request.GET["year"].isdigit():
            initial["year"] = int(self.request.GET["year"])
        return initial

    def save(self, data):
        return activity.reopen_activity_year(
            actor=self.request.user, community=self.community, **data
        )

    def get_success_message(self, reopening):
        return _("The activity record of %(year)s is open until %(until)s.") % {
            "year": self.form.cleaned_data["year"],
            "until": formats.date_format(self.form.cleaned_data["until"], "SHORT_DATE_FORMAT"),
        }

    def get_success_url(self, result=None):
        return self.community.get_absolute_url()

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "question": _(
                "The leaders of %(name)s will be able to add, correct and remove entries of "
                "that year until the date you choose. The history keeps who reopened it "
                "and why."
            )
            % {"name": self.community.name},
            "confirm_label": _("Reopen the year"),
            "calm": True,
            "back_url": reverse("communities:community-detail", args=[self.community.slug]),
            "back_label": self.community.name,
        }
