"""Staff decide a change of a verified community's key facts; its new document."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from portal.history import conflict_message
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..duties import own_community_message
from ..forms.community import KeyChangeDecisionForm
from ..services import key_changes
from .base import CommunityMixin


class KeyChangeReviewView(CommunityMixin, ServiceFormView):
    """The verified and the proposed key facts side by side; staff accept or return. A
    refusal is said above the page; a change decided or taken back meanwhile is shown on the
    page again."""

    permission_required = "communities.view_verification_queue"
    permission_denied_message = gettext_lazy("Only municipal staff decide changes of key facts.")
    form_class = KeyChangeDecisionForm
    template_name = "communities/community_key_change.html"
    refusal_as_message = True
    # Decided changes shown under the pending one.
    HISTORY_LIMIT = 10

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("communities.decide_key_change", self.community):
            if self.decides_own_community():
                messages.error(request, own_community_message())
            else:
                messages.error(request, conflict_message())
            return redirect("communities:key-change-review", slug=self.community.slug)
        return super().post(request, *args, **kwargs)

    def save(self, data):
        change_request = self.community.pending_key_change
        if data["decision"] == KeyChangeDecisionForm.ACCEPT:
            return key_changes.accept_key_change(
                actor=self.request.user, change_request=change_request
            )
        return key_changes.return_key_change(
            actor=self.request.user, change_request=change_request, reason=data["reason"]
        )

    def get_success_message(self, result):
        if self.form.cleaned_data["decision"] == KeyChangeDecisionForm.ACCEPT:
            return _("The change was accepted and is shown now.")
        return _("The change was returned to the leaders.")

    def get_success_url(self, result=None):
        return reverse("communities:community-queue")

    def get_conflict_url(self):
        return reverse("communities:key-change-review", args=[self.community.slug])

    def get_refused_url(self, error):
        # Decided or taken back meanwhile: show the page as it is now.
        if getattr(error, "code", None) == "decided":
            return self.get_conflict_url()
        return None

    def get_context_data(self, **kwargs):
        community = self.community
        decided = (
            community.change_requests.exclude(pk=getattr(community.pending_key_change, "pk", None))
            .select_related("requested_by", "decided_by")
            .order_by("-at", "-pk")[: self.HISTORY_LIMIT]
        )
        return {
            **super().get_context_data(**kwargs),
            "change_request": community.pending_key_change,
            "decided": decided,
            "own_community": self.decides_own_community(),
        }


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
