"""Setting up a council and changing its own settings."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.history import record_start
from portal.validators import field_error

from ..models import Council, Seat

SETTINGS = (
    "remit",
    "quorum",
    "term_years",
    "min_candidate_age",
    "notice_working_days",
    "tie_rule",
)


def _unique_slug(municipality, name):
    base = slugify(name)[:200] or "padome"
    slug, number = base, 1
    while Council.objects.of(municipality).filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def create_council(
    *,
    actor,
    municipality,
    kind: str,
    name: str,
    remit: str,
    seats: int,
    community_seats: int = 0,
    territory=None,
    bylaws=None,
    **settings,
) -> Council:
    """A council with ``seats`` seats, the first ``community_seats`` reserved for communities.

    A residents' council serves a territory of the municipality; its members are elected.
    """
    if kind == Council.Kind.RESIDENTS and territory is None:
        raise field_error("territory", _("Choose the territory the council serves."), "required")
    if territory is not None and territory.municipality_id != municipality.pk:
        raise field_error("territory", _("Choose a territory of this municipality."), "foreign")
    if seats < 1 or community_seats > seats:
        raise field_error(
            "community_seats",
            _("A council has at least one seat, and no more community seats than seats."),
            "seats",
        )
    council = Council(
        municipality=municipality,
        kind=kind,
        name=name,
        slug=_unique_slug(municipality, name),
        territory=territory,
        remit=remit,
        **{key: value for key, value in settings.items() if key in SETTINGS},
    )
    if bylaws:
        council.bylaws = bylaws
    council.full_clean()
    council.save()
    Seat.objects.bulk_create(
        Seat(council=council, number=number, for_community=number <= community_seats)
        for number in range(1, seats + 1)
    )
    record_start(council, actor=actor)
    return council


@transaction.atomic
def update_council(*, actor, council: Council, bylaws=None, **settings) -> Council:
    """Change a council's own settings: remit, quorum, term, minimum age, notice, bylaws."""
    for key, value in settings.items():
        if key in SETTINGS:
            setattr(council, key, value)
    if bylaws:
        council.bylaws = bylaws
    council.full_clean()
    council.save()
    return council
