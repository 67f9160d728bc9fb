from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from portal.downloads import ProtectedDownloadView
from portal.mixins import HtmxFragmentMixin
from portal.models import Territory
from portal.pagination import CountingPaginator, KeyFirstPaginator
from portal.shapes import shape

from ..cards import for_cards
from ..filters import CommunityFilter
from ..models import Community, CommunityStatusChange, Membership
from ..panels import panels_for
from ..record import record_context, show_entries
from ..reports import report_years
from ..roles import community_roles, pending_community_ids
from ..shown import community_practice
from .base import CommunityMixin
from .reports import AnnualReportForm


class CommunityListView(HtmxFragmentMixin, FilterView):
    """The public registry: filter by neighbourhood, legal form and status; search; pages.

    The htmx fragment and the full page come from the same address (``Vary: HX-Request``).
    """

    model = Community
    filterset_class = CommunityFilter
    template_name = "content_page.html"
    content_template_name = "communities/_community_list_content.html"
    htmx_template_name = "communities/_community_results.html"
    paginate_by = 20
    paginator_class = KeyFirstPaginator
    context_object_name = "communities"

    def get_queryset(self):
        """The keys of the registry in its order (the page's rows are read by key: ``load``)."""
        return Community.objects.of(self.request.municipality).public().order_by("sort_name", "pk")

    def get_paginator(self, queryset, per_page, **kwargs):
        # Unfiltered, the registry holds every public community of the municipality: the
        # count kept on its root territory (communities.counts), not a count over the table,
        # read with the territories the filter chooses from (one query for both).
        if not any(self.request.GET.get(name) for name in self.filterset_class.base_filters):
            kwargs["known_count"] = self.filterset.root_community_count()
        kwargs["load"] = Community.objects.for_cards()
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {
            **context,
            "communities": for_cards(context["communities"]),
            "page_title": _("Community registry"),
            "page_description": _(
                "The communities the municipality has verified: search them by name, filter "
                "them by neighbourhood and legal form, and ask to join the one of your "
                "neighbourhood."
            ),
        }


class MyCommunitiesView(LoginRequiredMixin, ListView):
    template_name = "communities/community_mine.html"
    context_object_name = "memberships"
    paginate_by = 25
    paginator_class = CountingPaginator

    def get_queryset(self):
        return (
            Membership.objects.filter(
                user=self.request.user, community__municipality=self.request.municipality
            )
            .exclude(status__in=(Membership.Status.LEFT, Membership.Status.WITHDRAWN))
            .select_related("community")
            .order_by("community__sort_name", "pk")
        )


# What the page shows of a neighbourhood's contact person (portal/_contact_person.html).
CONTACT_COLUMNS = tuple(
    f"contact_person__{name}" for name in ("name", "position", "email", "phone", "reception_hours")
)
# A history row names its actor (``User.__str__``): the rest of the account is not read.
ACTOR_UNSHOWN = tuple(
    f"actor__{name}"
    for name in ("password", "last_login", "is_superuser", "is_staff", "is_active")
    + ("date_joined", "language")
)


@shape
def _neighbourhoods_of(community_id):
    """A community's neighbourhoods with their contact persons, as its page shows them."""
    rows = Territory.objects.filter(communities=community_id).select_related("contact_person")
    return rows.only("name", "slug", *CONTACT_COLUMNS)


@shape
def _history_of(community_id):
    rows = CommunityStatusChange.objects.filter(community=community_id)
    return rows.select_related("actor").defer(*ACTOR_UNSHOWN)


class CommunityDetailView(CommunityMixin, DetailView):
    """A community's page: its profile, activity record and, for the people it concerns,
    their role and buttons."""

    permission_required = "communities.view_community"
    template_name = "communities/community_detail.html"
    with_members_count = True
    context_object_name = "community"

    def get_object(self, queryset=None):
        return self.community

    # Whether it has agreements at all (most communities have none): if not, the page does
    # not ask for them.
    with_agreements = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = self.community
        user = self.request.user
        context.update(
            neighbourhoods=_neighbourhoods_of(community.pk),
            members_count=community.members_count,
            **record_context(community, self.request.GET),
            my_role=community_roles(user).get(community.pk),
            my_request_pending=community.pk in pending_community_ids(user),
        )
        if user.has_perm("communities.request_activity_report", community):
            context["report_form"] = AnnualReportForm(years=report_years(community))
        if user.has_perm("communities.view_history", community):
            context["history"] = _history_of(community.pk)
        self.show_entries(context)
        context["panels"] = panels_for(community, user)
        context.update(community_practice(community, user))
        context["page_title"] = community.name
        context["page_description"] = (
            Truncator(community.description).words(30)
            if community.description
            else gettext("%(name)s: the community's profile, contact person and activity record.")
            % {"name": community.name}
        )
        return context

    def show_entries(self, context):
        """The record's entries with their labels and, where the person may correct them,
        their addresses (``communities.record.show_entries``)."""
        community, user = self.community, self.request.user
        events = {"edit": "communities:event-update", "remove": "communities:event-delete"}
        context["planned_events"] = show_entries(
            context["planned_events"], community=community, user=user, **events
        )
        for name, urls in (
            ("events_page", events),
            (
                "opinions_page",
                {"edit": "communities:opinion-update", "remove": "communities:opinion-delete"},
            ),
        ):
            page = context[name]
            if page is not None:
                page.object_list = show_entries(
                    page.object_list, community=community, user=user, **urls
                )


class CommunityDocumentView(ProtectedDownloadView):
    """The supporting document, for the community's leaders and municipal staff only."""

    permission_required = "communities.view_history"
    permission_denied_message = _("Only the community's leaders and municipal staff see this.")
    view_permission = "communities.view_community"
    model = Community
    lookup_field = "slug"
    file_field = "supporting_document"

    def get_download_stem(self):
        return f"{self.object.slug}-document"
