"""The annual subsidy standing on a community's page (issue 14 item 7): which tier the
community meets this year and what is missing, for its leaders and board and for staff."""

from django.utils import timezone

from .models import Programme
from .tiers import standing


def subsidy_panel(community, user):
    if not user.is_authenticated or not user.has_perm("communities.view_history", community):
        return None
    programmes = list(
        Programme.objects.of(community.municipality)
        .filter(kind=Programme.Kind.SUBSIDY, tiers__isnull=False)
        .distinct()
        .order_by("name")
    )
    if not programmes:
        return None
    year = timezone.localdate().year
    rows = []
    for programme in programmes:
        [(_community, results, best)] = standing(programme, [community], year)
        missing = [] if best else _closest_missing(results)
        rows.append({"programme": programme, "best": best, "missing": missing})
    return {"template": "grants/_subsidy_panel.html", "year": year, "rows": rows}


def _closest_missing(results):
    """What is missing for the tier with the fewest unmet conditions."""
    if not results:
        return []
    closest = min(results, key=lambda r: sum(not c.met for c in r.conditions))
    return [(closest.tier, c.missing) for c in closest.conditions if not c.met]
