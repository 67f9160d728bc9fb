"""Staff decide a change of a verified community's key facts; its new document."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from portal.history import conflict_message, is_conflict
from portal.mixins import flash_validation_error
from portal.views.service_forms import ServiceActionView

from ..duties import own_community_message
from ..forms.community import KeyChangeDecisionForm
from ..services import key_changes
from .base import CommunityMixin


class KeyChangeReviewView(CommunityMixin, View):
    """The verified and the proposed key facts side by side; staff accept or return."""

    permission_required = "communities.view_verification_queue"
    permission_denied_message = gettext_lazy("Only municipal staff decide changes of key facts.")
    # Decided changes shown under the pending one.
    HISTORY_LIMIT = 10

    def get(self, request, slug):
        return self._render(KeyChangeDecisionForm())

    def post(self, request, slug):
        change_request = self.community.pending_key_change
        if not request.user.has_perm("communities.decide_key_change", self.community):
            if self.decides_own_community():
                messages.error(request, own_community_message())
            else:
                messages.error(request, conflict_message())
            return redirect("communities:key-change-review", slug=slug)
        form = KeyChangeDecisionForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        try:
            if form.cleaned_data["decision"] == KeyChangeDecisionForm.ACCEPT:
                key_changes.accept_key_change(actor=request.user, change_request=change_request)
                messages.success(request, _("The change was accepted and is shown now."))
            else:
                key_changes.return_key_change(
                    actor=request.user,
                    change_request=change_request,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The change was returned to the leaders."))
        except ValidationError as error:
            flash_validation_error(request, error)
            if is_conflict(error) or error.code == "decided":
                return redirect("communities:key-change-review", slug=slug)
            return self._render(form)
        return redirect("communities:community-queue")

    def _render(self, form):
        community = self.community
        decided = (
            community.change_requests.exclude(pk=getattr(community.pending_key_change, "pk", None))
            .select_related("requested_by", "decided_by")
            .order_by("-at", "-pk")[: self.HISTORY_LIMIT]
        )
        return render(
            self.request,
            "communities/community_key_change.html",
            {
                "community": community,
                "change_request": community.pending_key_change,
                "form": form,
                "decided": decided,
                "own_community": self.decides_own_community(),
            },
        )


class KeyChangeWithdrawView(CommunityMixin, ServiceActionView):
    """The leaders take a waiting change of key facts back, after a confirmation page."""

    permission_required = "communities.withdraw_key_change"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders and board take back a change that is still waiting."
    )
    confirm = True
    success_message = gettext_lazy("The change was taken back.")

    def get_confirm_context(self):
        community = self.community
        return {
            "heading": _("Take back the change of key facts"),
            "question": _(
                "Take back the change of the key facts of %(name)s? The municipality will "
                "not decide it; the community keeps its verified facts."
            )
            % {"name": community.name},
            "confirm_label": _("Take back the change"),
            "back_url": community.get_absolute_url(),
            "back_label": community.name,
        }

    def act(self):
        return key_changes.withdraw_key_change(
            actor=self.request.user, change_request=self.community.pending_key_change
        )

    def get_success_url(self, result):
        return self.community.get_absolute_url()


class KeyChangeDocumentView(CommunityMixin, View):
    """The document sent with the pending change, for the leaders and municipal staff."""

    permission_required = "communities.view_history"
    permission_denied_message = gettext_lazy(
        "Only the community's leaders and municipal staff see this."
    )

    def get(self, request, slug):
        change_request = self.community.pending_key_change
        if change_request is None or not change_request.document:
            raise Http404
        document = change_request.document
        extension = document.name.rsplit(".", 1)[-1]
        return FileResponse(
            document.open("rb"),
            as_attachment=True,
            filename=f"{self.community.slug}-new-document.{extension}",
        )
