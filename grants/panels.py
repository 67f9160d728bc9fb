"""The annual subsidy standing on a community's page (issue 14 item 7): which tier the
community meets this year and what is missing, for its leaders and board and for staff.

The community's page only names the place (``subsidy_panel``: no query); htmx fills it from
``grants:subsidy-standing`` as the page loads, and without JavaScript it is a link to the same
address, a page of its own. So the community's page stays within its queries, and the
standing, which reads the year's record, is computed once, when it is shown."""

from django.urls import reverse
from django.utils import timezone

from .models import Programme, SpendingReport, SubsidyAward, SubsidyTier
from .tiers import facts_for, standing


def subsidy_panel(community, user):
    if not user.is_authenticated or not user.has_perm("communities.view_history", community):
        return None
    return {
        "template": "grants/_subsidy_panel_place.html",
        "url": reverse("grants:subsidy-standing", args=[community.slug]),
    }


def subsidy_standing(community, user):
    """What the panel shows: each subsidy programme's best tier met and what is missing."""
    # The tiers of every subsidy programme with their programmes, in one query.
    tiers = (
        SubsidyTier.objects.offered()
        .filter(
            programme__municipality=community.municipality,
            programme__kind=Programme.Kind.SUBSIDY,
        )
        .select_related("programme", "previous_tier")
        .order_by("programme__name", "programme_id", "order", "pk")
    )
    by_programme = {}
    for tier in tiers:
        by_programme.setdefault(tier.programme, []).append(tier)
    if not by_programme:
        return None
    year = timezone.localdate().year
    rows = []
    facts = facts_for([community], year)
    for programme, its_tiers in by_programme.items():
        [(_community, results, best)] = standing(
            programme, [community], year, tiers=its_tiers, facts=facts
        )
        missing = [] if best else _closest_missing(results)
        rows.append({"programme": programme, "best": best, "missing": missing})
    # Awards whose spending the leaders still report (or correct), each with its page.
    awards = list(
        SubsidyAward.objects.filter(community=community)
        .exclude(spending_report__status=SpendingReport.Status.ACCEPTED)
        .select_related("tier", "spending_report")
        .order_by("-year", "pk")
    )
    return {
        "template": "grants/_subsidy_panel.html",
        "year": year,
        "rows": rows,
        "awards": awards,
    }


def _closest_missing(results):
    """What is missing for the tier with the fewest unmet conditions."""
    if not results:
        return []
    closest = min(results, key=lambda r: sum(not c.met for c in r.conditions))
    return [(closest.tier, c.missing) for c in closest.conditions if not c.met]
