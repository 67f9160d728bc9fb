"""The annual subsidy standing on a community's page (issue 14 item 7): which tier the
community meets this year and what is missing, for its leaders and board and for staff."""

from django.utils import timezone

from .models import Programme, SubsidyTier
from .tiers import facts_for, standing


def subsidy_panel(community, user):
    if not user.is_authenticated or not user.has_perm("communities.view_history", community):
        return None
    # The tiers of every subsidy programme with their programmes, in one query.
    tiers = (
        SubsidyTier.objects.filter(
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
    return {"template": "grants/_subsidy_panel.html", "year": year, "rows": rows}


def _closest_missing(results):
    """What is missing for the tier with the fewest unmet conditions."""
    if not results:
        return []
    closest = min(results, key=lambda r: sum(not c.met for c in r.conditions))
    return [(closest.tier, c.missing) for c in closest.conditions if not c.met]
