"""The neighbourhoods a resident follows (invited to their consultations)."""

from collections.abc import Iterable

from django.db import transaction

from portal.models import Municipality, Territory

from ..models import NeighbourhoodFollow


@transaction.atomic
def set_followed(*, actor, municipality: Municipality, territories: Iterable[Territory]) -> None:
    """The neighbourhoods of ``municipality`` the person follows become ``territories``."""
    wanted = {t.pk for t in territories if t.municipality_id == municipality.pk}
    mine = NeighbourhoodFollow.objects.filter(user=actor, territory__municipality=municipality)
    mine.exclude(territory_id__in=wanted).delete()
    NeighbourhoodFollow.objects.bulk_create(
        [NeighbourhoodFollow(user=actor, territory_id=pk) for pk in sorted(wanted)],
        ignore_conflicts=True,
    )
