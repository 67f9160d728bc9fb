"""The national view, on the installation's own host: every municipality, and one search
over every public community in the country, each linking to its municipality's host."""

from django import forms
from django.conf import settings
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from django_filters.views import FilterView

from communities.filters import StoryFilter
from communities.models import Community, Story
from communities.views.open_data import (  # noqa: F401 - the national host's too
    OpenDataDownloadView,
    OpenDataView,
)
from consultations.feedback import records_by_municipality
from consultations.models import Consultation
from councils.models import NominationPeriod
from front.counts import neighbourhoods_without_community_of
from grants.models import Round
from portal.links import municipality_url
from portal.mixins import HtmxFragmentMixin
from portal.models import Municipality
from portal.pagination import CountingPaginator, KeyFirstPaginator


def link_to(municipality, request, name, **kwargs):
    """The page ``name`` on the municipality's primary host, by the configured scheme and port
    (never the request's Host header or port)."""
    path = reverse(name, kwargs=kwargs or None, urlconf=settings.ROOT_URLCONF)
    return municipality_url(municipality, path)


def municipalities_with_figures():
    return (
        Municipality.objects.with_hosts()
        .annotate(
            working_count=F("working_community_count"),  # kept (communities.counts)
            without_count=neighbourhoods_without_community_of(),
        )
        .order_by("name", "pk")
    )


OPEN_ROUNDS_SHOWN = 50


def open_rounds(request):
    """The open grant rounds of every municipality, nearest deadline first, each linking to
    its municipality's host (issue 14 item 12)."""
    rounds = list(
        Round.objects.open()
        .select_related("municipality", "programme")
        .prefetch_related("municipality__hosts")
        .order_by("deadline", "pk")[:OPEN_ROUNDS_SHOWN]
    )
    for round_ in rounds:
        round_.link = link_to(round_.municipality, request, "grants:round-detail", slug=round_.slug)
    return rounds


class NationalSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All municipalities"),
    )


class NationalHomeView(ListView):
    """The municipalities of the installation with their figures."""

    template_name = "content_page.html"
    content_template_name = "portal/_national_home_content.html"
    context_object_name = "municipalities"
    paginate_by = 50
    paginator_class = CountingPaginator

    def get_queryset(self):
        return municipalities_with_figures()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipalities = context["municipalities"]
        records = records_by_municipality(m.pk for m in municipalities)
        open_now = (
            Consultation.objects.open_now()
            .filter(municipality__in=municipalities)
            .order_by("closes_on", "pk")
        )
        by_municipality = {}
        for consultation in open_now:
            by_municipality.setdefault(consultation.municipality_id, []).append(consultation)
        for municipality in municipalities:
            municipality.link = link_to(municipality, self.request, "home")
            municipality.record = records.get(municipality.pk)
            municipality.open_consultations = by_municipality.get(municipality.pk, [])
            for consultation in municipality.open_consultations:
                consultation.link = link_to(
                    municipality,
                    self.request,
                    "consultations:consultation-detail",
                    slug=consultation.slug,
                )
        context["nominations"] = open_nominations(self.request)
        context["form"] = NationalSearchForm()
        context["open_rounds"] = open_rounds(self.request)
        context["page_title"] = gettext("Communities across Latvia")
        context["stories"] = with_links(national_stories()[:NATIONAL_HOME_STORIES], self.request)
        return context


def open_nominations(request):
    """Council nominations open today in every municipality, closing soonest first."""
    today = timezone.localdate()
    periods = (
        NominationPeriod.objects.filter(opens_on__lte=today, closes_on__gte=today)
        .select_related("council__municipality")
        .prefetch_related("council__municipality__hosts")
        .order_by("closes_on", "pk")[:50]
    )
    for period in periods:
        council = period.council
        period.link = link_to(
            council.municipality, request, "councils:council-detail", slug=council.slug
        )
    return periods


class NationalSearchView(ListView):
    """Every public community of every municipality: search by name, narrow by municipality."""

    template_name = "content_page.html"
    content_template_name = "portal/_national_search_content.html"
    context_object_name = "communities"
    paginate_by = 20
    paginator_class = CountingPaginator

    def get_queryset(self):
        self.form = NationalSearchForm(self.request.GET or None)
        communities = (
            Community.objects.public()
            .select_related("municipality")
            .prefetch_related(
                "neighbourhoods",
                Prefetch("municipality__hosts"),
            )
            .order_by("sort_name", "pk")
        )
        if self.form.is_bound and self.form.is_valid():
            communities = communities.matching(self.form.cleaned_data["q"])
            if self.form.cleaned_data["municipality"]:
                communities = communities.filter(
                    municipality=self.form.cleaned_data["municipality"]
                )
        return communities

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for community in context["communities"]:
            community.link = link_to(
                community.municipality,
                self.request,
                "communities:community-detail",
                slug=community.slug,
            )
        context["form"] = self.form
        context["page_title"] = gettext("Search every community")
        context["page_description"] = gettext(
            "Search every public community of every municipality on the portal by name."
        )
        return context


# Good practice across municipalities (issue 19, item 2) ----------------------------------

NATIONAL_HOME_STORIES = 4


def national_stories():
    """Published stories of every municipality, newest first, with what their cards need."""
    return (
        Story.objects.published()
        .for_list()
        .select_related("municipality")
        .prefetch_related(Prefetch("municipality__hosts"))
        .order_by("-published_at", "-pk")
    )


def with_links(stories, request):
    """Each story links to its page on its municipality's host."""
    stories = list(stories)
    for story in stories:
        story.link = link_to(story.municipality, request, "practice:story-detail", pk=story.pk)
        story.show_municipality = True
    return stories


class NationalStoryListView(HtmxFragmentMixin, FilterView):
    """Stories from every municipality, filtered like a municipality's list (the municipality
    takes the neighbourhood's place): a community in Riga learns from one in Ķekava."""

    model = Story
    filterset_class = StoryFilter
    template_name = "content_page.html"
    content_template_name = "communities/stories/_story_list_content.html"
    htmx_template_name = "communities/stories/_story_results.html"
    paginate_by = 20
    paginator_class = KeyFirstPaginator
    context_object_name = "stories"

    def get_queryset(self):
        return national_stories()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["stories"] = with_links(context["stories"], self.request)
        context["national"] = True
        context["page_title"] = gettext("Good practice across Latvia")
        context["page_description"] = gettext(
            "What communities of every municipality on the portal did, told by their leaders."
        )
        return context
