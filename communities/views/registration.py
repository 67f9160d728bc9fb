from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..forms.community import CommunityForm, ReasonForm
from ..services import registration
from ..shown import latest_stories
from .base import CommunityMixin

SUBMIT = "submit"


class RegistrationFormMixin:
    """The registration of a new community or of ``instance``: one POST saves what is typed
    as a draft and, when the person submits, submits it (a refused submission is said above
    the edit page of the saved draft). When something required is missing, everything valid
    is kept as a draft and the form comes back with the messages beside the fields. A
    verified community saves its profile at once; its changed key facts wait for the
    municipality."""

    form_class = CommunityForm
    template_name = "communities/community_form.html"
    refusal_as_message = True
    instance = None
    saved = None  # the community once this request saved it
    incomplete = None  # a submission with errors, whose valid part is kept as a draft

    @cached_property
    def submitting(self):
        return self.request.POST.get("action") == SUBMIT

    @cached_property
    def running(self):
        """A verified community: its profile is saved, there is nothing to submit."""
        return self.instance is not None and not self.instance.is_editable_registration

    def post(self, request, *args, **kwargs):
        instance = self.instance
        if (
            self.submitting
            and instance
            and not request.user.has_perm("communities.submit_community", instance)
        ):
            raise PermissionDenied(_("Only the community's leaders submit the registration."))
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        if self.submitting and not self.running:
            # Keep what is valid as a draft (the uploaded file included); the fields in
            # error are shown again with what the person typed and the message beside them.
            draft = _form(request, instance, submitting=False, without=form.errors)
            if draft.is_valid():
                self.incomplete = form
                return self.form_valid(draft)
        return self.form_invalid(form)

    def get_form_kwargs(self):
        kwargs = {
            **super().get_form_kwargs(),
            "instance": self.instance,
            "municipality": self.request.municipality,
        }
        if "data" in kwargs:
            kwargs["data"], kwargs["files"] = kwargs["data"].copy(), kwargs["files"].copy()
            kwargs["submitting"] = self.submitting or self.running
        return kwargs

    def save(self, data):
        self.saved = _save(self.request, data, self.instance, self.form.expected_version)
        if self.submitting and not self.running and self.incomplete is None:
            registration.submit_community(actor=self.request.user, community=self.saved)
        return self.saved

    def form_saved(self, form, community):
        if self.incomplete is None:
            return super().form_saved(form, community)
        messages.warning(
            self.request, _("Saved as a draft. Correct the marked fields to submit it.")
        )
        self.incomplete.instance = community
        return self.form_invalid(self.incomplete)

    def get_success_message(self, community):
        if self.running:
            return _saved_message(community)
        if not self.submitting:
            return _("Draft saved. You can finish it later.")
        return _("Thank you. The registration was sent to the municipality for verification.")

    def get_success_url(self, community=None):
        if self.running or self.submitting:
            return community.get_absolute_url()
        return reverse("communities:community-edit", args=[community.slug])

    def form_refused(self, form, error):
        form = self.incomplete or form  # what the person typed, all of it
        if getattr(error, "code", None) == "stale":
            return self.render_stale(form, error)
        return super().form_refused(form, error)

    def get_refused_url(self, error):
        """The submission was refused: the draft is saved, its edit page says why."""
        if self.saved is None:
            return None
        return reverse("communities:community-edit", args=[self.saved.slug])

    def render_stale(self, form, error):
        """Someone saved or decided since this form was opened: keep what the person typed,
        show what is saved now beside it, and let them save again on the new version."""
        request, instance = self.request, self.instance
        current = type(instance).objects.get(pk=instance.pk)
        shown = {"legal_form": current.get_legal_form_display()}
        saved_now = [
            (form.fields[name].label, shown.get(name, getattr(current, name)))
            for name in (
                "name",
                "legal_form",
                "register_number",
                "declared_residents",
                "description",
            )
            if str(getattr(current, name) or "") != str(request.POST.get(name, "") or "")
        ]
        data = form.data.copy()
        data["version"] = current.version
        # Validating binds the typed values onto a copy, never onto the row shown as saved.
        again = CommunityForm(
            data,
            request.FILES,
            instance=type(instance).objects.get(pk=instance.pk),
            municipality=request.municipality,
            submitting=True,
        )
        again.is_valid()
        again.add_error(None, error)
        again.saved_now = saved_now
        return self.render_to_response(self.get_context_data(form=again, shown=current))

    def get_context_data(self, shown=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        community = shown or (form.instance if form.instance.pk else None)
        context["community"] = community
        if community is not None and community.is_public:
            context["key_change"] = community.pending_key_change
        if community is None:  # a new community: how others began
            context["latest_stories"] = latest_stories(self.request.municipality)
        return context


def _form(request, instance, *, submitting, without=()):
    data, files = request.POST.copy(), request.FILES.copy()
    for name in without:
        data.pop(name, None)
        files.pop(name, None)
    return CommunityForm(
        data, files, instance=instance, municipality=request.municipality, submitting=submitting
    )


def _save(request, details, instance, expected_version=None):
    if instance is None:
        return registration.create_community(
            actor=request.user, municipality=request.municipality, **details
        )
    return registration.update_community(
        actor=request.user, community=instance, expected_version=expected_version, **details
    )


def _saved_message(community):
    if community.pending_key_change is not None:
        return _(
            "Changes saved. The changed key facts wait for the municipality; the page shows "
            "the verified facts until then."
        )
    return _("Changes saved.")


class CommunityRegisterView(LoginRequiredMixin, RegistrationFormMixin, ServiceFormView):
    pass


class CommunityEditView(RegistrationFormMixin, CommunityMixin, ServiceFormView):
    permission_required = "communities.change_community"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders and board can change it, and not while it is being verified."
    )

    @property
    def instance(self):
        return self.community

    def get_initial(self):
        """A change of key facts waiting: the form shows what was asked for."""
        community = self.community
        pending = community.pending_key_change if community.is_public else None
        return pending.data if pending and self.request.method == "GET" else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.method == "GET":
            community = self.community
            context["last_return"] = community.status_changes.filter(
                to_status=community.Status.RETURNED, event=""
            ).last()
        return context


class CommunitySubmitView(CommunityMixin, ServiceActionView):
    permission_required = "communities.submit_community"
    success_message = gettext_lazy("The registration was sent to the municipality.")

    def act(self):
        return registration.submit_community(actor=self.request.user, community=self.community)

    def get_success_url(self, result):
        if result is None:
            return reverse("communities:community-edit", args=[self.community.slug])
        return self.community.get_absolute_url()


class CommunityWithdrawView(CommunityMixin, ServiceFormView):
    """The leader takes a submitted registration back before staff decide (confirmation)."""

    permission_required = "communities.withdraw_registration"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders withdraw a registration, and only before the "
        "municipality decides."
    )
    form_class = ReasonForm
    template_name = "confirm.html"
    heading = gettext_lazy("Withdraw the registration")
    success_message = gettext_lazy(
        "The registration was withdrawn. It is a draft again: correct and submit it, or delete it."
    )

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["reason"].label = _("Reason (optional)")
        return form

    def save(self, data):
        return registration.withdraw_registration(
            actor=self.request.user, community=self.community, **data
        )

    def get_success_url(self, result=None):
        return reverse("communities:community-edit", args=[self.community.slug])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "question": _(
                "Withdraw the registration of %(name)s? The municipality will no longer "
                "verify it; it becomes a draft you can correct and submit again."
            )
            % {"name": self.community.name},
            "confirm_label": _("Withdraw the registration"),
            "back_url": self.community.get_absolute_url(),
            "back_label": self.community.name,
        }


class CommunityDeleteView(CommunityMixin, ServiceActionView):
    """The leader deletes a draft registration for good, after a confirmation page."""

    permission_required = "communities.delete_registration"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders delete a registration, and only while it is a draft."
    )
    confirm = True

    def get_confirm_context(self):
        return {
            "heading": _("Delete the draft registration"),
            "question": _(
                "Delete the draft of %(name)s with everything typed in it? This cannot be undone."
            )
            % {"name": self.community.name},
            "confirm_label": _("Delete the draft"),
            "back_url": reverse("communities:community-edit", args=[self.community.slug]),
            "back_label": self.community.name,
        }

    def act(self):
        name = self.community.name
        registration.delete_draft_registration(actor=self.request.user, community=self.community)
        return name

    def get_success_message(self, name):
        return _("The draft of %(name)s was deleted.") % {"name": name}

    def get_success_url(self, name):
        if name is None:
            return self.community.get_absolute_url()
        return reverse("communities:community-mine")


class CommunityDocumentRemoveView(CommunityMixin, ServiceActionView):
    """A leader removes the supporting document, after a confirmation page; the file leaves
    the disk."""

    permission_required = "communities.remove_document"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders remove its supporting document."
    )
    confirm = True
    success_message = gettext_lazy("The supporting document was removed.")

    def get(self, request, *args, **kwargs):
        if not self.community.supporting_document:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_confirm_context(self):
        return {
            "heading": _("Remove the supporting document"),
            "question": _(
                "Remove the supporting document of %(name)s? The file is deleted for "
                "good; the history keeps that you removed it. You can upload another on "
                "the community's form."
            )
            % {"name": self.community.name},
            "confirm_label": _("Remove the document"),
            "back_url": reverse("communities:community-edit", args=[self.community.slug]),
            "back_label": self.community.name,
        }

    def act(self):
        return registration.remove_supporting_document(
            actor=self.request.user, community=self.community
        )

    def get_success_url(self, result):
        return reverse("communities:community-edit", args=[self.community.slug])
