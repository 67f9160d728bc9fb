"""Annual subsidy tiers: staff see every community's standing and award in bulk; a
community's leaders see which tier it meets and exactly what is missing."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from communities.models import Community
from communities.views.base import CommunityMixin
from portal.mixins import PortalPermissionMixin
from portal.views.service_forms import ServiceFormView

from ..forms.subsidies import SubsidyAwardForm
from ..models import Programme, SubsidyAward
from ..panels import subsidy_standing
from ..services.subsidies import award_subsidies
from ..tiers import awarded_ids, standing


def _year(request):
    value = request.GET.get("year", "")
    this_year = timezone.localdate().year
    return int(value) if value.isdigit() and 2000 < int(value) <= this_year else this_year


class ProgrammeMixin(PortalPermissionMixin):
    @cached_property
    def programme(self):
        rows = Programme.objects.of(self.request.municipality).filter(kind=Programme.Kind.SUBSIDY)
        return get_object_or_404(rows, slug=self.kwargs["programme"])


class SubsidyOverviewView(ProgrammeMixin, ServiceFormView):
    permission_required = "grants.add_round"

    def get_permission_object(self):
        return self.request.municipality

    def communities(self):
        return (
            Community.objects.of(self.request.municipality)
            .filter(status__in=Community.WORKING_STATUSES)
            .order_by("sort_name", "pk")
        )

    def get(self, request, *args, **kwargs):
        return self._render(_year(request), self.get_form())

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        return SubsidyAwardForm(
            data, tiers=self.programme.tiers.offered(), communities=self.communities()
        )

    def save(self, data):
        return award_subsidies(
            actor=self.request.user,
            tier=data["tier"],
            communities=data["community"],
            year=_year(self.request),
        )

    refusal_as_message = True  # said as a message on the year's page

    def get_refused_url(self, error):
        return self.get_success_url()

    def form_invalid(self, form):
        return self._render(_year(self.request), form)

    def get_success_message(self, awards):
        return _("Awarded to %(count)s communities.") % {"count": len(awards)}

    def get_success_url(self, result=None):
        return f"{self.request.path}?year={_year(self.request)}"

    def _render(self, year, form):
        chosen = set(map(str, form["community"].value() or [])) if form.is_bound else set()
        return render(
            self.request,
            "grants/subsidy_overview.html",
            {
                "programme": self.programme,
                "year": year,
                "rows": standing(self.programme, list(self.communities()), year),
                "tiers": list(self.programme.tiers.offered()),
                "awarded": awarded_ids(self.programme, year),
                "awards": _awards(
                    SubsidyAward.objects.filter(tier__programme=self.programme, year=year)
                ),
                "form": form,
                "chosen": chosen,
            },
        )


class SubsidyStandingView(CommunityMixin, View):
    """The subsidy panel of a community's page: the fragment for htmx, else a page."""

    permission_required = "communities.view_history"

    def get(self, request, slug):
        community = self.community
        panel = subsidy_standing(community, request.user)
        context = {"community": community, "panel": panel}
        if getattr(request, "htmx", False):
            response = render(request, "grants/_subsidy_panel.html", context)
        else:
            response = render(request, "grants/subsidy_standing.html", context)
        patch_vary_headers(response, ["HX-Request"])
        return response


class CommunitySubsidyView(ProgrammeMixin, View):
    """One community's standing: its leaders and board, and staff."""

    permission_required = "communities.view_history"

    @cached_property
    def community(self):
        rows = Community.objects.of(self.request.municipality)
        return get_object_or_404(rows, slug=self.kwargs["community"])

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("communities.view_community", self.community):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.community

    def get(self, request, programme, community):
        year = _year(request)
        [(community_, results, best)] = standing(self.programme, [self.community], year)
        return render(
            request,
            "grants/subsidy_community.html",
            {
                "programme": self.programme,
                "community": community_,
                "results": results,
                "best": best,
                "year": year,
                "awards": _awards(
                    SubsidyAward.objects.filter(
                        tier__programme=self.programme, community=self.community
                    )
                ),
            },
        )


def _awards(rows):
    """Awards with their tier, community and spending report, in one query."""
    return list(
        rows.select_related("tier", "community", "spending_report").order_by(
            "-year", "community__sort_name", "pk"
        )
    )
