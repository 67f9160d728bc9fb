from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from portal.mixins import flash_validation_error
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..forms.community import CommunityForm, ReasonForm
from ..services import registration
from ..shown import latest_stories
from .base import CommunityMixin

SUBMIT = "submit"


def save_registration(request, *, instance=None):
    """Validate the registration as a draft or for submission and save what can be saved.

    When the person submits and something required is missing, everything valid is kept
    as a draft and the form comes back with the messages beside the fields. A verified
    community saves its profile at once; its changed key facts wait for the municipality.
    """
    submitting = request.POST.get("action") == SUBMIT
    if (
        submitting
        and instance
        and not request.user.has_perm("communities.submit_community", instance)
    ):
        raise PermissionDenied(_("Only the community's leaders submit the registration."))
    running = instance is not None and not instance.is_editable_registration
    form = _form(request, instance, submitting=submitting or running)
    if form.is_valid():
        try:
            community = _save(request, form.cleaned_data, instance, form.expected_version)
        except ValidationError as error:
            if error.code != "stale":
                raise
            return _render_stale(request, form, instance, error)
        if running:
            messages.success(request, _saved_message(community))
            return redirect(community)
        if not submitting:
            messages.success(request, _("Draft saved. You can finish it later."))
            return redirect("communities:community-edit", slug=community.slug)
        try:
            registration.submit_community(actor=request.user, community=community)
        except ValidationError as error:
            flash_validation_error(request, error)
            return redirect("communities:community-edit", slug=community.slug)
        messages.success(
            request,
            _("Thank you. The registration was sent to the municipality for verification."),
        )
        return redirect(community)
    if submitting and not running:
        # Keep what is valid as a draft (the uploaded file included); the fields in error
        # are shown again with what the person typed and the message beside them.
        draft = _form(request, instance, submitting=False, without=form.errors)
        if draft.is_valid():
            try:
                form.instance = _save(request, draft.cleaned_data, instance, draft.expected_version)
            except ValidationError as error:
                if error.code != "stale":
                    raise
                return _render_stale(request, form, instance, error)
            messages.warning(
                request, _("Saved as a draft. Correct the marked fields to submit it.")
            )
    return _render_form(request, form, form.instance if form.instance.pk else None)


def _form(request, instance, *, submitting, without=()):
    data, files = request.POST.copy(), request.FILES.copy()
    for name in without:
        data.pop(name, None)
        files.pop(name, None)
    return CommunityForm(
        data, files, instance=instance, municipality=request.municipality, submitting=submitting
    )


def _render_stale(request, form, instance, error):
    """Someone saved or decided since this form was opened: keep what the person typed,
    show what is saved now beside it, and let them save again on the new version."""
    current = type(instance).objects.get(pk=instance.pk)
    shown = {"legal_form": current.get_legal_form_display()}
    saved_now = [
        (form.fields[name].label, shown.get(name, getattr(current, name)))
        for name in ("name", "legal_form", "register_number", "declared_residents", "description")
        if str(getattr(current, name) or "") != str(request.POST.get(name, "") or "")
    ]
    data = form.data.copy()
    data["version"] = current.version
    # Validating binds the typed values onto a copy, never onto the row shown as saved.
    form = _form_with(request, data, instance=type(instance).objects.get(pk=instance.pk))
    form.is_valid()
    form.add_error(None, error)
    form.saved_now = saved_now
    return _render_form(request, form, current)


def _form_with(request, data, *, instance):
    return CommunityForm(
        data, request.FILES, instance=instance, municipality=request.municipality, submitting=True
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


def _render_form(request, form, community, **context):
    if community is not None and community.is_public:
        context["key_change"] = community.pending_key_change
    if community is None:  # a new community: how others began
        context["latest_stories"] = latest_stories(request.municipality)
    return render(
        request,
        "communities/community_form.html",
        {"form": form, "community": community, **context},
    )


class CommunityRegisterView(LoginRequiredMixin, View):
    def get(self, request):
        form = CommunityForm(municipality=request.municipality)
        return _render_form(request, form, None)

    def post(self, request):
        return save_registration(request)


class CommunityEditView(CommunityMixin, View):
    permission_required = "communities.change_community"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders and board can change it, and not while it is being verified."
    )

    def get(self, request, slug):
        community = self.community
        pending = community.pending_key_change if community.is_public else None
        form = CommunityForm(
            instance=community,
            municipality=request.municipality,
            initial=pending.data if pending else None,
        )
        last_return = community.status_changes.filter(
            to_status=community.Status.RETURNED, event=""
        ).last()
        return _render_form(request, form, community, last_return=last_return)

    def post(self, request, slug):
        return save_registration(request, instance=self.community)


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
