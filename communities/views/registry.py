from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from portal.pagination import KeyFirstPaginator

from ..filters import CommunityFilter
from ..models import Community, Membership
from ..record import record_context
from ..roles import community_roles, pending_community_ids
from .base import CommunityMixin


class CommunityListView(FilterView):
    """The public registry: filter by neighbourhood, legal form and status; search; pages."""

    model = Community
    filterset_class = CommunityFilter
    template_name = "communities/community_list.html"
    paginate_by = 20
    paginator_class = KeyFirstPaginator
    context_object_name = "communities"

    def get_queryset(self):
        return (
            Community.objects.of(self.request.municipality)
            .public()
            .for_list()
            .order_by("name", "pk")
        )

    def get_template_names(self):
        if self.request.htmx:
            return ["communities/_community_results.html"]
        return [self.template_name]

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # The same address answers with a fragment or a page: caches must keep both apart.
        patch_vary_headers(response, ["HX-Request"])
        return response


class MyCommunitiesView(LoginRequiredMixin, ListView):
    template_name = "communities/community_mine.html"
    context_object_name = "memberships"

    def get_queryset(self):
        return (
            Membership.objects.filter(
                user=self.request.user, community__municipality=self.request.municipality
            )
            .exclude(status__in=(Membership.Status.LEFT, Membership.Status.WITHDRAWN))
            .select_related("community")
            .order_by("community__name")
        )


class CommunityDetailView(CommunityMixin, DetailView):
    permission_required = "communities.view_community"
    template_name = "communities/community_detail.html"
    context_object_name = "community"

    def get_object(self, queryset=None):
        return self.community

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        community = self.community
        user = self.request.user
        context.update(
            neighbourhoods=community.neighbourhoods.select_related("parent", "contact_person"),
            members_count=community.memberships.active().count(),
            **record_context(community, self.request.GET),
            my_role=community_roles(user).get(community.pk),
            my_request_pending=community.pk in pending_community_ids(user),
        )
        if user.has_perm("communities.view_history", community):
            context["history"] = community.status_changes.select_related("actor")
        return context


class CommunityDocumentView(CommunityMixin, View):
    """The supporting document, for the community's leaders and municipal staff only."""

    permission_required = "communities.view_history"
    permission_denied_message = _("Only the community's leaders and municipal staff see this.")

    def get(self, request, slug):
        document = self.community.supporting_document
        if not document:
            raise Http404
        extension = document.name.rsplit(".", 1)[-1]
        return FileResponse(
            document.open("rb"),
            as_attachment=True,
            filename=f"{self.community.slug}-document.{extension}",
        )
