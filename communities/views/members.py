from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from portal.pagination import CountingPaginator
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..forms.community import MemberRoleForm, MembershipRequestForm, ReasonForm
from ..models import Membership, MembershipChange
from ..services import membership as memberships
from .base import CommunityMixin


class MembershipRequestView(CommunityMixin, ServiceFormView):
    """A person asks to join; a refusal is said on the community's page."""

    permission_required = "communities.join_community"
    permission_denied_message = gettext_lazy(
        "You are already a member, or the community does not take new members now."
    )
    form_class = MembershipRequestForm
    template_name = "communities/membership_request.html"
    success_message = gettext_lazy("Your request was sent. The leaders will accept or decline it.")
    refusal_as_message = True

    def save(self, data):
        return memberships.request_membership(
            actor=self.request.user, community=self.community, message=data["message"]
        )

    def get_success_url(self, result=None):
        return self.community.get_absolute_url()

    def get_refused_url(self, error):
        return self.community.get_absolute_url()

    def get_context_data(self, **kwargs):
        day = memberships.may_ask_again_on(self.request.user, self.community)
        return {
            **super().get_context_data(**kwargs),
            "declined_until": day and memberships.declined_request_message(day),
        }


class MemberListView(CommunityMixin, View):
    """The leader's page: requests waiting for a decision, members with their roles and the
    history of memberships, newest first, a page at a time."""

    permission_required = "communities.manage_members"
    permission_denied_message = gettext_lazy("Only the community's leaders manage its members.")
    history_per_page = 20

    def get(self, request, slug):
        memberships = self.community.memberships.select_related("user").order_by(
            "status", "role", "user__full_name"
        )
        history = (
            MembershipChange.objects.filter(membership__community=self.community)
            .select_related("actor", "membership__user")
            .order_by("-at", "-pk")
        )
        history_page = CountingPaginator(history, self.history_per_page).get_page(
            request.GET.get("history")
        )
        return render(
            request,
            "communities/member_list.html",
            {
                "community": self.community,
                "pending": [m for m in memberships if m.status == Membership.Status.PENDING],
                "members": [m for m in memberships if m.status == Membership.Status.ACTIVE],
                "roles": Membership.Role.choices,
                "history_page": history_page,
            },
        )


class MemberUpdateView(CommunityMixin, ServiceActionView):
    """Accept or decline a request, or change a member's role (POST only)."""

    permission_required = "communities.manage_members"
    permission_denied_message = gettext_lazy("Only the community's leaders manage its members.")

    def act(self):
        action = self.kwargs["action"]
        membership = get_object_or_404(Membership, pk=self.kwargs["pk"], community=self.community)
        if action not in ("accept", "decline", "role"):
            return None
        if action == "role":
            form = MemberRoleForm(self.request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose a role from the list."))
            return memberships.change_member_role(
                actor=self.request.user, membership=membership, role=form.cleaned_data["role"]
            )
        return memberships.decide_membership(
            actor=self.request.user, membership=membership, accept=action == "accept"
        )

    def get_success_message(self, result):
        if result is None:
            return ""
        if self.kwargs["action"] == "role":
            return _("The role was changed.")
        return _("The decision was saved and the person informed.")

    def get_success_url(self, result):
        return reverse("communities:member-list", args=[self.community.slug])


class MemberRemoveView(CommunityMixin, ServiceFormView):
    """A leader ends a membership after a confirmation page with the reason."""

    permission_required = "communities.manage_members"
    permission_denied_message = gettext_lazy("Only the community's leaders manage its members.")
    form_class = ReasonForm
    template_name = "confirm.html"
    heading = gettext_lazy("Remove a member")
    error_field = "reason"

    @cached_property
    def membership(self):
        return get_object_or_404(
            Membership,
            pk=self.kwargs["pk"],
            community=self.community,
            status=Membership.Status.ACTIVE,
        )

    def save(self, data):
        return memberships.remove_member(
            actor=self.request.user, membership=self.membership, reason=data["reason"]
        )

    def get_success_message(self, result):
        return _("%(name)s is no longer a member.") % {"name": self.membership.user}

    def get_success_url(self, result=None):
        return reverse("communities:member-list", args=[self.community.slug])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "question": _("End the membership of %(name)s in %(community)s?")
            % {"name": self.membership.user, "community": self.community},
            "confirm_label": _("Remove the member"),
            "back_url": reverse("communities:member-list", args=[self.community.slug]),
            "back_label": _("Members and requests"),
        }


class MembershipLeaveView(CommunityMixin, ServiceActionView):
    permission_required = "communities.leave_community"
    permission_denied_message = gettext_lazy("You are not a member of this community.")
    confirm = True

    def get_confirm_context(self):
        return {
            "heading": _("Leave the community"),
            "question": _("Leave %(community)s? You can ask to join again later.")
            % {"community": self.community},
            "confirm_label": _("Leave"),
            "back_url": self.community.get_absolute_url(),
            "back_label": self.community.name,
        }

    def act(self):
        membership = get_object_or_404(
            Membership,
            community=self.community,
            user=self.request.user,
            status=Membership.Status.ACTIVE,
        )
        return memberships.leave_community(actor=self.request.user, membership=membership)

    def get_success_message(self, result):
        return _("You have left %(community)s.") % {"community": self.community}

    def get_success_url(self, result):
        return self.community.get_absolute_url()


class MembershipWithdrawView(CommunityMixin, ServiceActionView):
    """The person who asked to join takes the request back, after a confirmation page."""

    permission_required = "communities.withdraw_request"
    permission_denied_message = gettext_lazy("You have no request to join waiting here.")
    confirm = True
    success_message = gettext_lazy("Your request to join was withdrawn.")

    def get_confirm_context(self):
        return {
            "heading": _("Withdraw your request to join"),
            "question": _("Withdraw your request to join %(community)s? You can ask again later.")
            % {"community": self.community},
            "confirm_label": _("Withdraw the request"),
            "calm": True,
            "back_url": self.community.get_absolute_url(),
            "back_label": self.community.name,
        }

    def act(self):
        membership = get_object_or_404(
            Membership,
            community=self.community,
            user=self.request.user,
            status=Membership.Status.PENDING,
        )
        return memberships.withdraw_membership_request(
            actor=self.request.user, membership=membership
        )

    def get_success_url(self, result):
        return self.community.get_absolute_url()
