from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from portal.mixins import flash_validation_error

from .. import services
from ..forms import CommunityForm, ReasonForm
from .base import CommunityMixin

SUBMIT = "submit"


def save_registration(request, *, instance=None):
    """Validate the registration as a draft or for submission and save what can be saved.

    When the person submits and something required is missing, everything valid is kept
    as a draft and the form comes back with the messages beside the fields.
    """
    submitting = request.POST.get("action") == SUBMIT
    if (
        submitting
        and instance is not None
        and not request.user.has_perm("communities.submit_community", instance)
    ):
        raise PermissionDenied(_("Only the community's leaders submit the registration."))
    running = instance is not None and not instance.is_editable_registration
    form = CommunityForm(
        request.POST,
        request.FILES,
        instance=instance,
        municipality=request.municipality,
        submitting=submitting or running,
    )
    if form.is_valid():
        community = _save(request, form, instance)
        if running:
            messages.success(request, _("Changes saved."))
            return redirect(community)
        if not submitting:
            messages.success(request, _("Draft saved. You can finish it later."))
            return redirect("communities:community-edit", slug=community.slug)
        try:
            services.submit_community(actor=request.user, community=community)
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
        data, files = request.POST.copy(), request.FILES.copy()
        for name in form.errors:
            data.pop(name, None)
            files.pop(name, None)
        draft = CommunityForm(
            data, files, instance=instance, municipality=request.municipality, submitting=False
        )
        if draft.is_valid():
            community = _save(request, draft, instance)
            form.instance = community
            messages.warning(
                request, _("Saved as a draft. Correct the marked fields to submit it.")
            )
    return render(
        request,
        "communities/community_form.html",
        {"form": form, "community": form.instance if form.instance.pk else None},
        status=200,
    )


def _save(request, form, instance):
    if instance is None:
        return services.create_community(
            actor=request.user, municipality=request.municipality, form=form
        )
    return services.update_community(actor=request.user, form=form)


class CommunityRegisterView(LoginRequiredMixin, View):
    def get(self, request):
        form = CommunityForm(municipality=request.municipality)
        return render(request, "communities/community_form.html", {"form": form})

    def post(self, request):
        return save_registration(request)


class CommunityEditView(CommunityMixin, View):
    permission_required = "communities.change_community"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders and board can change it, and not while it is being verified."
    )

    def get(self, request, slug):
        community = self.community
        return render(
            request,
            "communities/community_form.html",
            {
                "form": CommunityForm(instance=community, municipality=request.municipality),
                "community": community,
                "last_return": community.status_changes.filter(
                    to_status=community.Status.RETURNED, event=""
                ).last(),
            },
        )

    def post(self, request, slug):
        return save_registration(request, instance=self.community)


class CommunitySubmitView(CommunityMixin, View):
    permission_required = "communities.submit_community"

    def post(self, request, slug):
        try:
            services.submit_community(actor=request.user, community=self.community)
        except ValidationError as error:
            flash_validation_error(request, error)
            return redirect("communities:community-edit", slug=slug)
        messages.success(request, _("The registration was sent to the municipality."))
        return redirect(self.community)


class CommunityWithdrawView(CommunityMixin, View):
    """The leader takes a submitted registration back before staff decide (confirmation)."""

    permission_required = "communities.withdraw_registration"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders withdraw a registration, and only before the "
        "municipality decides."
    )

    def get(self, request, slug):
        return self._render(ReasonForm())

    def post(self, request, slug):
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                services.withdraw_registration(
                    actor=request.user, community=self.community, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "The registration was withdrawn. It is a draft again: correct and "
                        "submit it, or delete it."
                    ),
                )
                return redirect("communities:community-edit", slug=slug)
        return self._render(form)

    def _render(self, form):
        form.fields["reason"].label = _("Reason (optional)")
        return render(
            self.request,
            "confirm.html",
            {
                "heading": _("Withdraw the registration"),
                "question": _(
                    "Withdraw the registration of %(name)s? The municipality will no longer "
                    "verify it; it becomes a draft you can correct and submit again."
                )
                % {"name": self.community.name},
                "form": form,
                "confirm_label": _("Withdraw the registration"),
                "back_url": self.community.get_absolute_url(),
                "back_label": self.community.name,
            },
        )


class CommunityDeleteView(CommunityMixin, View):
    """The leader deletes a draft registration for good, after a confirmation page."""

    permission_required = "communities.delete_registration"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders delete a registration, and only while it is a draft."
    )

    def get(self, request, slug):
        return render(
            request,
            "confirm.html",
            {
                "heading": _("Delete the draft registration"),
                "question": _(
                    "Delete the draft of %(name)s with everything typed in it? This cannot be "
                    "undone."
                )
                % {"name": self.community.name},
                "confirm_label": _("Delete the draft"),
                "back_url": reverse("communities:community-edit", args=[slug]),
                "back_label": self.community.name,
            },
        )

    def post(self, request, slug):
        name = self.community.name
        try:
            services.delete_draft_registration(actor=request.user, community=self.community)
        except ValidationError as error:
            flash_validation_error(request, error)
            return redirect(self.community)
        messages.success(request, _("The draft of %(name)s was deleted.") % {"name": name})
        return redirect("communities:community-mine")
