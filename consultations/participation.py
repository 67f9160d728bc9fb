"""What consultations offer to the participation index: open consultations and upcoming
municipal events (``portal.participation``).

The index is read on every visit: the consultations and the events are read with the columns
it shows and their neighbourhoods joined, one query each (``_with_areas``).
"""

from types import SimpleNamespace

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.dates import short_date
from portal.participation import Opportunity
from portal.shapes import shape
from portal.text import Once

from .models import Consultation, MunicipalEvent

SLUG = "--slug--"


def _with_areas(rows):
    """Rows of ``(key, *columns, *AREA)`` (one per neighbourhood, a left join: ``None``
    for none), in order, as ``[(key, *columns, (area, ...))]``; an area is a plain object
    with a territory's ``pk``, ``name``, ``slug`` and ``sort_name`` (what the index groups
    by, no model instance to build); a neighbourhood shared by several is one object."""
    found, territories = {}, {}
    for *head, area_id, name, slug, sort_name in rows:
        areas = found.setdefault(head[0], (head, []))[1]
        if area_id is not None:
            territory = territories.get(area_id)
            if territory is None:
                territory = territories[area_id] = SimpleNamespace(
                    pk=area_id, name=name, slug=slug, sort_name=sort_name
                )
            areas.append(territory)
    return [(*head, tuple(areas)) for head, areas in found.values()]


# A neighbourhood's columns the index shows and sorts its groups by.
AREA = (
    "neighbourhoods__id",
    "neighbourhoods__name",
    "neighbourhoods__slug",
    "neighbourhoods__sort_name",
)


@shape
def _consultations_open(municipality_id, today):
    return (
        Consultation.objects.filter(municipality=municipality_id)
        .filter(status=Consultation.Status.PUBLISHED, closes_on__gte=today)
        .order_by("closes_on", "pk")
        .values_list("pk", "title", "slug", "closes_on", "remote_participation", "venue", *AREA)
    )


@shape
def _events_coming(municipality_id, today):
    return (
        MunicipalEvent.objects.filter(municipality=municipality_id)
        .filter(starts_at__date__gte=today)
        .order_by("starts_at", "pk")
        .values_list(
            "pk",
            "title",
            "kind",
            "audience",
            "starts_at",
            "ends_at",
            "venue",
            "how_to_take_part",
            *AREA,
        )
    )


def opportunities(municipality, today):
    consultations = _with_areas(_consultations_open(municipality.pk, today))
    events = _with_areas(_events_coming(municipality.pk, today))
    url = reverse("consultations:consultation-detail", kwargs={"slug": SLUG})
    days = Once(short_date)
    kind = _("consultation")
    for pk, title, slug, closes_on, remote_participation, venue, areas in consultations:
        how = [_("Submit your opinion on the portal until %(date)s.") % {"date": days[closes_on]}]
        if remote_participation:
            how.append(remote_participation)
        if venue:
            how.append(venue)
        yield Opportunity(
            uid=f"consultation-{pk}",
            kind=kind,
            title=title,
            url=url.replace(SLUG, slug),
            how=" ".join(how),
            deadline=closes_on,
            place=venue,
            territories=areas,
            audiences=("residents", "communities"),
        )
    kinds = Once(lambda value: str(dict(MunicipalEvent.Kind.choices).get(value, value)))
    for pk, title, kind, audience, starts_at, ends_at, venue, how, areas in events:
        yield Opportunity(
            uid=f"event-{pk}",
            kind=kinds[kind],
            title=title,
            url="",
            how=how,
            starts_at=starts_at,
            ends_at=ends_at,
            place=venue,
            territories=areas,
            audiences=(audience,),
        )
