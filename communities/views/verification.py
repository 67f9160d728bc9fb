import datetime

from django.contrib import messages
from django.db.models import F, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.views import FilterView

from portal.history import conflict_message
from portal.mixins import PortalPermissionMixin
from portal.pagination import CountingPaginator, paged, section_page
from portal.text import fold
from portal.views.service_forms import ServiceFormView

from ..cards import QUEUE_COLUMNS, for_key_changes, queue_rows
from ..completeness import missing_for_submission
from ..duties import own_community_message
from ..filters import CommunityFilter
from ..forms.community import DecisionForm, ReasonForm
from ..models import Community, CommunityChangeRequest, MembershipChange
from ..querysets import MATCHED_WORDS
from ..services import verification
from .base import CommunityMixin


@paged
def _key_changes_waiting(municipality_id):
    return (
        CommunityChangeRequest.objects.filter(community__municipality=municipality_id)
        .pending()
        .select_related("community", "requested_by")
        .only(
            "at",
            "community__name",
            "community__slug",
            "requested_by__full_name",
            "requested_by__email",
        )
        .order_by("at", "pk")
    )


class VerificationQueueView(PortalPermissionMixin, FilterView):
    """Registrations waiting for staff, oldest first, with those returned and the drafts
    started more than 30 days ago (staff may offer the residents help to finish them)."""

    permission_required = "communities.view_verification_queue"
    permission_denied_message = gettext_lazy("Only municipal staff verify communities.")
    filterset_class = CommunityFilter
    template_name = "communities/community_queue.html"
    paginate_by = 25
    paginator_class = CountingPaginator
    context_object_name = "communities"
    QUEUE_STATUSES = (Community.Status.SUBMITTED, Community.Status.RETURNED)
    STALE_DRAFT_DAYS = 30
    KEY_CHANGES_PER_PAGE = 25  # their own pages: ?changes=2

    def get_permission_object(self):
        return self.request.municipality

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["status_choices"] = (
            *self.QUEUE_STATUSES,
            (Community.Status.DRAFT, _("drafts started more than 30 days ago")),
        )
        if not kwargs["data"]:
            kwargs["data"] = {"status": Community.Status.SUBMITTED}
        return kwargs

    def get_context_data(self, **kwargs):
        # Changes of verified communities' key facts wait in their own list, oldest first.
        key_changes = section_page(
            self.request,
            _key_changes_waiting(self.request.municipality.pk),
            self.KEY_CHANGES_PER_PAGE,
            "changes",
        )
        for_key_changes(key_changes.object_list)
        context = super().get_context_data(**kwargs)
        return {
            **context,
            "queue_rows": queue_rows(context["communities"]),
            "key_changes": key_changes,
            "page_title": _("Verification queue"),
        }

    def get(self, request, *args, **kwargs):
        """The filter form checks the address; the rows come from ``_queue``, whose SQL is
        compiled once for each combination of filters (``portal.shapes``)."""
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.object_list = self.rows(self.filterset) if self.filterset.is_valid() else []
        context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        return self.render_to_response(context)

    def get_queryset(self):
        """The filter set's base: it only checks the form (``get`` reads the rows)."""
        return Community.objects.none()

    def rows(self, filterset):
        """The chosen filters' rows, a page and their count in one query."""
        chosen = filterset.form.cleaned_data
        place = chosen.get("neighbourhood")
        territory = filterset.territory(place) if place else None
        words = fold(chosen.get("q")).split()[:MATCHED_WORDS]
        return _queue(
            self.request.municipality.pk,
            timezone.now() - datetime.timedelta(days=self.STALE_DRAFT_DAYS),
            chosen.get("legal_form") or "",
            territory.path if territory else "",
            *words,
            status=chosen.get("status") or "",
            by_form=bool(chosen.get("legal_form")),
            by_place=territory is not None,
            shares=bool(chosen.get("shares")),
        )


@paged
def _queue(
    municipality_id, started_before, legal_form, path, *words, status, by_form, by_place, shares
):
    """Registrations waiting for staff (``VerificationQueueView``), oldest first, with only
    the columns a row shows. ``status``, ``by_form``, ``by_place`` and ``shares`` are which
    filters apply (the structure); the rest are their values."""
    rows = Community.objects.filter(municipality_id=municipality_id).filter(
        Q(status__in=VerificationQueueView.QUEUE_STATUSES)
        | Q(status=Community.Status.DRAFT, created_at__lt=started_before)
    )
    if status:
        rows = rows.filter(status=status)
    if by_form:
        rows = rows.filter(legal_form=legal_form)
    if by_place:
        covers = Community.neighbourhoods.through.objects.filter(territory__path__startswith=path)
        rows = rows.filter(pk__in=covers.values("community_id"))
    if shares:
        rows = rows.filter(experience_offer__isnull=False)
    for word in words:
        rows = rows.filter(search_text__contains=word)
    return rows.only(*QUEUE_COLUMNS).order_by(
        F("submitted_at").asc(nulls_last=True), "created_at", "pk"
    )


class CommunityReviewView(CommunityMixin, ServiceFormView):
    """Staff read a registration and verify it or return it with reasons. A refusal is said
    above the page; someone else's decision meanwhile is shown on the page again."""

    permission_required = "communities.view_verification_queue"
    permission_denied_message = gettext_lazy("Only municipal staff verify communities.")
    form_class = DecisionForm
    template_name = "communities/community_review.html"
    refusal_as_message = True

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("communities.verify_community", self.community):
            # Their own community, or decided since the page was opened (or never
            # submitted): say so, show the page.
            if self.decides_own_community():
                messages.error(request, own_community_message())
            else:
                messages.error(request, conflict_message())
            return redirect("communities:community-review", slug=self.community.slug)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "community": self.community}

    def save(self, data):
        if data["decision"] == DecisionForm.VERIFY:
            return verification.verify_community(
                actor=self.request.user,
                community=self.community,
                note=data["reason"],
                register_checked=data.get("register_checked", False),
            )
        return verification.return_community(
            actor=self.request.user, community=self.community, reason=data["reason"]
        )

    def get_success_message(self, result):
        if self.form.cleaned_data["decision"] == DecisionForm.VERIFY:
            return _("%(name)s is verified.") % {"name": self.community}
        return _("%(name)s was returned to its leaders.") % {"name": self.community}

    def get_success_url(self, result=None):
        return reverse("communities:community-queue")

    def get_conflict_url(self):
        return reverse("communities:community-review", args=[self.community.slug])

    # Membership changes shown to staff; older ones stay in the admin.
    MEMBERSHIP_HISTORY_LIMIT = 30

    def get_context_data(self, **kwargs):
        community = self.community
        limit = self.MEMBERSHIP_HISTORY_LIMIT
        membership_history = list(
            MembershipChange.objects.filter(membership__community=community)
            .select_related("actor", "membership__user")
            .order_by("-at", "-pk")[: limit + 1]
        )
        return {
            **super().get_context_data(**kwargs),
            "neighbourhoods": community.neighbourhoods.select_related("parent"),
            "history": community.status_changes.select_related("actor"),
            "missing": missing_for_submission(community),
            "leaders": community.memberships.active().select_related("user"),
            "membership_history": membership_history[:limit],
            "membership_history_more": len(membership_history) > limit,
            "own_community": self.decides_own_community(),
        }


class CommunityStatusView(CommunityMixin, ServiceFormView):
    """Staff mark a verified community active or inactive, after a confirmation page."""

    ACTIONS = {
        "activate": ("communities.activate_community", "activate_community"),
        "deactivate": ("communities.deactivate_community", "deactivate_community"),
    }
    form_class = ReasonForm
    template_name = "confirm.html"
    error_field = "reason"
    success_message = gettext_lazy("The community's status was changed.")

    def get_permission_required(self):
        if self.kwargs["action"] not in self.ACTIONS:
            return ("communities.view_verification_queue", "communities.__unknown__")
        return (self.ACTIONS[self.kwargs["action"]][0],)

    def save(self, data):
        service = getattr(verification, self.ACTIONS[self.kwargs["action"]][1])
        return service(actor=self.request.user, community=self.community, reason=data["reason"])

    def get_success_url(self, result=None):
        return self.community.get_absolute_url()

    def get_context_data(self, **kwargs):
        name = self.community.name
        if self.kwargs["action"] == "activate":
            heading = _("Mark the community active")
            question = _("Confirm that %(name)s is active.") % {"name": name}
        else:
            heading = _("Mark the community inactive")
            question = _(
                "%(name)s will be shown as inactive in the registry. Its leaders can no longer "
                "record activities until it is marked active again. Say why."
            ) % {"name": name}
        return {
            **super().get_context_data(**kwargs),
            "heading": heading,
            "question": question,
            "confirm_label": _("Confirm"),
            "calm": self.kwargs["action"] == "activate",  # no red button to reactivate
            "back_url": self.community.get_absolute_url(),
            "back_label": name,
        }
