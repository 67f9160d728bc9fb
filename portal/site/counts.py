"""Counts over the territory tree, as subqueries, so a list of rows costs one query."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from communities.models import Community
from portal.models import Territory


def public_communities_inside():
    """For each territory row: its public communities at every depth below it."""
    through = Community.neighbourhoods.through
    rows = (
        through.objects.filter(
            territory__path__startswith=OuterRef("path"),
            community__status__in=Community.PUBLIC_STATUSES,
        )
        .order_by()
        .values("territory__municipality_id")
        .annotate(n=Count("community_id", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def working_communities_of():
    """For each municipality row: its verified and active communities."""
    rows = (
        Community.objects.working()
        .filter(municipality=OuterRef("pk"))
        .order_by()
        .values("municipality_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def neighbourhoods_without_community_of():
    """For each municipality row: its neighbourhoods that no public community covers yet."""
    rows = (
        neighbourhoods_without_community()
        .filter(municipality=OuterRef("pk"))
        .order_by()
        .values("municipality_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def neighbourhoods_without_community():
    covered = Community.neighbourhoods.through.objects.filter(
        community__status__in=Community.PUBLIC_STATUSES
    ).values("territory_id")
    return Territory.objects.neighbourhoods().exclude(pk__in=covered)
