"""A municipality's home page and its territory pages, on the municipality's host."""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from communities.cards import for_cards
from communities.models import Community
from communities.querysets import CARD_COLUMNS
from communities.shown import latest_stories
from consultations.models import ProblemReport
from consultations.models.problems import STATES, chosen_state
from consultations.views.problems import map_context
from front.counts import neighbourhoods_without_community
from front.shown import (
    CONTACT_COLUMNS,
    TERRITORY_COLUMNS,
    Row,
    label_territories,
    table_rows,
    territory_rows,
)
from portal.models import Territory
from portal.pagination import section_page
from portal.shapes import shape

# The home page names this many neighbourhoods without a community; the rest are a link away.
HOME_NEIGHBOURHOODS = 30
REPORTS_PER_PAGE = 20


@shape
def _neighbourhoods_without(municipality_id):
    rows = neighbourhoods_without_community().filter(municipality=municipality_id)
    return rows.order_by("sort_name", "pk").values_list("name", "slug", "parent__name")


@shape
def _recent_communities(municipality_id):
    communities = Community.objects.filter(municipality=municipality_id).working()
    return communities.with_counts().only(*CARD_COLUMNS).order_by("-verified_at", "-pk")[:6]


class HomeView(TemplateView):
    template_name = "content_page.html"
    content_template_name = "portal/_home_content.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = self.request.municipality
        without = label_territories(  # a municipality's neighbourhoods: bounded, one query
            Row(name=name, slug=slug, community_count=0, parent=Row(name=part_of))
            for name, slug, part_of in _neighbourhoods_without(municipality.pk)
        )
        recent = _recent_communities(municipality.pk)
        context.update(
            page_title=_("Home"),
            # Kept on the municipality's row (communities.counts), not counted on each visit.
            community_count=municipality.working_community_count,
            recent_communities=for_cards(recent),
            neighbourhoods_without=without[:HOME_NEIGHBOURHOODS],
            neighbourhoods_without_count=len(without),
            latest_stories=latest_stories(municipality),
        )
        return context


class TerritoryListView(TemplateView):
    """The municipality's tree, of any depth: every neighbourhood with its contact person and
    its number of communities (kept on the row), linking to its page.

    Neighbourhoods directly under the municipality (Riga's apkaimes) form one table; every
    town or parish with parts of its own gets a section with the neighbourhoods inside it.
    One query, whatever the number of communities.
    """

    template_name = "content_page.html"
    content_template_name = "portal/_territory_list_content.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = self.request.municipality
        # Whether the visitor may change contact persons: a rule about the municipality, so
        # asked once for every row (each row is a territory of this municipality).
        user = self.request.user
        can_change = user.has_perm("portal.change_territory", municipality)
        nodes = label_territories(
            territory_rows(Territory.objects.of(municipality).order_by("sort_name", "pk")),
            contact_links=can_change,
        )
        children = defaultdict(list)
        for node in nodes:
            children[node.parent_id].append(node)
        root = next((node for node in nodes if node.parent_id is None), None)
        top = children[root.pk] if root else []
        areas = [node for node in top if children[node.pk]]
        by_pk = {node.pk: node for node in nodes}
        for area in areas:
            area.neighbourhood_list = [
                node
                for node in nodes
                if node.is_neighbourhood and node.pk != area.pk and node.path.startswith(area.path)
            ]
            for node in area.neighbourhood_list:
                node.part_of = by_pk.get(node.parent_id) if node.parent_id != area.pk else None
        neighbourhoods = [node for node in top if not children[node.pk]]
        for area in areas:
            area.neighbourhood_rows = table_rows(area.neighbourhood_list, can_change=can_change)
        context.update(
            page_title=_("Neighbourhoods and contact persons"),
            page_description=_(
                "Every neighbourhood of %(name)s with its communities and the municipal contact "
                "person to write or call about it."
            )
            % {"name": municipality.name},
            root=root,
            neighbourhoods=neighbourhoods,
            neighbourhood_rows=table_rows(neighbourhoods, can_change=can_change),
            areas=areas,
            can_change=can_change,
            can_manage=user.has_perm("portal.view_contact_list", municipality),
        )
        return context


class TerritoryDetailView(TemplateView):
    """A territory at any depth: its contact person, its parts and the communities inside it."""

    template_name = "content_page.html"
    content_template_name = "portal/_territory_detail_content.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = self.request.municipality
        territory, subareas = territory_and_parts(municipality, self.kwargs["slug"])
        state = chosen_state(self.request)
        page = communities_page(territory, self.paginate_by, self.request.GET.get("page"))
        context.update(
            page_title=territory.name,
            page_description=_(
                "%(name)s: the communities working here and whom to contact at the municipality."
            )
            % {"name": territory.name},
            territory=territory,
            subareas=label_territories(subareas),
            communities=page.object_list,
            # The problem reports here, open and closed (``?state=``), as a list and on a map,
            # 20 a page turned by ``?reports=``.
            reports=(
                section_page(
                    self.request,
                    ProblemReport.objects.of(municipality)
                    .public()
                    .in_state(state)
                    .inside(territory)
                    .select_related("neighbourhood")
                    .order_by("-created_at", "-pk"),
                    REPORTS_PER_PAGE,
                    "reports",
                )
                if territory.has_reports
                else None
            ),
            report_states=STATES,
            report_state=state,
            **map_context(),
            latest_stories=(
                latest_stories(municipality)
                if territory.is_neighbourhood and not page.object_list
                else []
            ),
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
        )
        return context


def territory_and_parts(municipality, slug):
    """The territory with its parent and contact person, and its parts (its children), in
    one query; 404 when the municipality has no such territory. Each knows whether any
    problem report lies inside it (``has_reports``): a page with none reads none."""
    rows = _territory_and_parts_of(municipality.pk, slug)
    territory = next((row for row in rows if row.slug == slug), None)
    if territory is None:
        raise Http404
    return territory, [row for row in rows if row is not territory]


@shape
def _territory_and_parts_of(municipality_id, slug):
    reports = ProblemReport.objects.filter(municipality=municipality_id).public()
    return (
        Territory.objects.filter(municipality=municipality_id)
        .filter(Q(slug=slug) | Q(parent__slug=slug))
        .select_related("parent", "contact_person")
        .only(*TERRITORY_COLUMNS, "description", *CONTACT_COLUMNS, "parent__name", "parent__slug")
        # What ProblemReport.objects.inside(territory) finds, for each row.
        .annotate(
            has_reports=Exists(reports.filter(neighbourhood__path__startswith=OuterRef("path")))
        )
        .order_by("sort_name", "pk")
    )


def communities_page(territory, per_page, number):
    """A page of the public communities inside ``territory`` (by name) as cards, in one
    query: the count is kept (``Territory.community_count``), and the page's keys are walked
    in a subquery, so the members are counted for the page's rows only (``for_cards`` reads
    their neighbourhoods' names in one more)."""
    paginator = Paginator(range(territory.community_count), per_page)
    page = paginator.get_page(number)
    page.object_list = for_cards(
        _cards_inside(
            territory.municipality_id,
            territory.path,
            whole=territory.parent_id is None,
            bottom=(page.number - 1) * per_page,
            size=len(page.object_list),
        )
        if page.object_list
        else []
    )
    return page


@shape
def _cards_inside(municipality_id, path, *, whole, bottom, size):
    """Cards of the public communities inside the territory at ``path`` (``whole``: the
    municipality itself), ``size`` of them from ``bottom``, by name."""
    territory = Territory(
        municipality_id=municipality_id, path=path, parent_id=None if whole else 0
    )
    communities = Community.objects.filter(municipality=municipality_id).public().inside(territory)
    keys = communities.order_by("sort_name", "pk").values("pk")[bottom : bottom + size]
    return (
        Community.objects.with_counts()
        .only(*CARD_COLUMNS)
        .filter(pk__in=keys)
        .order_by("sort_name", "pk")
    )
