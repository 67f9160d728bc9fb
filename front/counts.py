"""Figures over municipalities, as subqueries, so a list of rows costs one query.

Counts of communities per territory are kept on the row (``Territory.community_count``,
maintained by ``communities.counts``), and so is a municipality's number of working
communities (``Municipality.working_community_count``), so nothing here counts over every
community.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from portal.models import Territory


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
    return Territory.objects.neighbourhoods().filter(community_count=0)
