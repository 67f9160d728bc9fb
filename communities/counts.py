"""The number of public communities of every territory, kept on the territory row, and the
number of working communities of every municipality, kept on the municipality's row.

A territory's page, the territory list, the home page and the national view read
``Territory.community_count`` instead of counting over every community on each request.
It counts the public communities covering the territory or anything inside it, each once.
The signals in ``communities.signals`` keep it current when a community is saved, deleted or
covers other neighbourhoods, and when a territory moves in the tree (the admin, a re-run of
``load_territories``) or is deleted: then every territory above it, before and after, is
counted again; bulk writes (``seed_bench``, the demo) call ``recount_all``.
The home page reads ``Municipality.working_community_count`` (verified and active
communities) the same way, kept by the same signals.
"""

from portal.models import Municipality, Territory

from .models import Community


def _ancestors_of(territory_ids):
    paths = Territory.objects.filter(pk__in=territory_ids).values_list("path", flat=True)
    return {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}


def recount(territory_ids):
    """Count again for these territories and every territory above them."""
    for territory in Territory.objects.filter(pk__in=_ancestors_of(territory_ids)):
        count = Community.objects.public().inside(territory).count()
        if territory.community_count != count:
            Territory.objects.filter(pk=territory.pk).update(community_count=count)


def recount_along(*paths, leave_out=()):
    """Count again for every territory on these paths (``/1/5/9/``): the territories above
    one that moved (on its old and its new path) or was deleted."""
    ids = {int(pk) for path in paths for pk in (path or "").strip("/").split("/") if pk}
    for territory in Territory.objects.filter(pk__in=ids - set(leave_out)):
        count = Community.objects.public().inside(territory).count()
        if territory.community_count != count:
            Territory.objects.filter(pk=territory.pk).update(community_count=count)


def recount_working(municipality_id):
    """Count again the municipality's working communities."""
    count = Community.objects.filter(municipality_id=municipality_id).working().count()
    Municipality.objects.filter(pk=municipality_id).exclude(working_community_count=count).update(
        working_community_count=count
    )


def recount_community(community):
    recount(list(community.neighbourhoods.values_list("pk", flat=True)))
    recount_working(community.municipality_id)


def recount_all(municipality):
    """Count again for every territory of the municipality (after bulk writes)."""
    recount(list(Territory.objects.of(municipality).values_list("pk", flat=True)))
    recount_working(municipality.pk)
