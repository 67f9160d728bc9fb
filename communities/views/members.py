from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from portal.history import is_conflict
from portal.mixins import flash_validation_error
from portal.pagination import CountingPaginator

from .. import services
from ..forms import MemberRoleForm, MembershipRequestForm, ReasonForm
from ..models import Membership, MembershipChange
from .base import CommunityMixin


class MembershipRequestView(CommunityMixin, View):
    permission_required = "communities.join_community"
    permission_denied_message = gettext_lazy(
        "You are already a member, or the community does not take new members now."
    )

    def get(self, request, slug):
        return self._render(MembershipRequestForm())

    def post(self, request, slug):
        form = MembershipRequestForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        try:
            services.request_membership(
                actor=request.user, community=self.community, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            messages.success(
                request, _("Your request was sent. The leaders will accept or decline it.")
            )
        return redirect(self.community)

    def _render(self, form):
        day = services.may_ask_again_on(self.request.user, self.community)
        return render(
            self.request,
            "communities/membership_request.html",
            {
                "community": self.community,
                "form": form,
                "declined_until": day and services.declined_request_message(day),
            },
        )


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


class MemberUpdateView(CommunityMixin, View):
    """Accept or decline a request, or change a member's role (POST only)."""

    permission_required = "communities.manage_members"
    permission_denied_message = gettext_lazy("Only the community's leaders manage its members.")

    def post(self, request, slug, pk, action):
        membership = get_object_or_404(Membership, pk=pk, community=self.community)
        try:
            if action in ("accept", "decline"):
                services.decide_membership(
                    actor=request.user, membership=membership, accept=action == "accept"
                )
                messages.success(request, _("The decision was saved and the person informed."))
            elif action == "role":
                form = MemberRoleForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose a role from the list."))
                services.change_member_role(
                    actor=request.user, membership=membership, role=form.cleaned_data["role"]
                )
                messages.success(request, _("The role was changed."))
            else:
                return redirect("communities:member-list", slug=slug)
        except ValidationError as error:
            flash_validation_error(request, error)
        return redirect("communities:member-list", slug=slug)


class MemberRemoveView(CommunityMixin, View):
    """A leader ends a membership after a confirmation page with the reason."""

    permission_required = "communities.manage_members"
    permission_denied_message = gettext_lazy("Only the community's leaders manage its members.")

    def get(self, request, slug, pk):
        return self._render(ReasonForm(), self._membership(pk))

    def post(self, request, slug, pk):
        membership = self._membership(pk)
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                services.remove_member(
                    actor=request.user, membership=membership, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None if is_conflict(error) else "reason", error)
            else:
                messages.success(
                    request, _("%(name)s is no longer a member.") % {"name": membership.user}
                )
                return redirect("communities:member-list", slug=slug)
        return self._render(form, membership)

    def _membership(self, pk):
        return get_object_or_404(
            Membership, pk=pk, community=self.community, status=Membership.Status.ACTIVE
        )

    def _render(self, form, membership):
        return render(
            self.request,
            "confirm.html",
            {
                "heading": _("Remove a member"),
                "question": _("End the membership of %(name)s in %(community)s?")
                % {"name": membership.user, "community": self.community},
                "form": form,
                "confirm_label": _("Remove the member"),
                "back_url": reverse("communities:member-list", args=[self.community.slug]),
                "back_label": _("Members and requests"),
            },
        )


class MembershipLeaveView(CommunityMixin, View):
    permission_required = "communities.leave_community"
    permission_denied_message = gettext_lazy("You are not a member of this community.")

    def get(self, request, slug):
        return render(
            request,
            "confirm.html",
            {
                "heading": _("Leave the community"),
                "question": _("Leave %(community)s? You can ask to join again later.")
                % {"community": self.community},
                "confirm_label": _("Leave"),
                "back_url": self.community.get_absolute_url(),
                "back_label": self.community.name,
            },
        )

    def post(self, request, slug):
        membership = get_object_or_404(
            Membership, community=self.community, user=request.user, status=Membership.Status.ACTIVE
        )
        try:
            services.leave_community(actor=request.user, membership=membership)
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            messages.success(
                request, _("You have left %(community)s.") % {"community": self.community}
            )
        return redirect(self.community)


class MembershipWithdrawView(CommunityMixin, View):
    """The person who asked to join takes the request back, after a confirmation page."""

    permission_required = "communities.withdraw_request"
    permission_denied_message = gettext_lazy("You have no request to join waiting here.")

    def get(self, request, slug):
        return render(
            request,
            "confirm.html",
            {
                "heading": _("Withdraw your request to join"),
                "question": _(
                    "Withdraw your request to join %(community)s? You can ask again later."
                )
                % {"community": self.community},
                "confirm_label": _("Withdraw the request"),
                "calm": True,
                "back_url": self.community.get_absolute_url(),
                "back_label": self.community.name,
            },
        )

    def post(self, request, slug):
        membership = get_object_or_404(
            Membership,
            community=self.community,
            user=request.user,
            status=Membership.Status.PENDING,
        )
        try:
            services.withdraw_membership_request(actor=request.user, membership=membership)
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            messages.success(request, _("Your request to join was withdrawn."))
        return redirect(self.community)
