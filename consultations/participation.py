"""What consultations offer to the participation index: open consultations and upcoming
municipal events (``portal.participation``)."""

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext as _

from portal.models import Territory
from portal.participation import Opportunity

from .events import MunicipalEvent
from .models import Consultation


def _areas(name):
    """The neighbourhoods as the index shows them: name and link."""
    return Prefetch(name, queryset=Territory.objects.only("name", "slug"))


def opportunities(municipality, today):
    consultations = (
        Consultation.objects.of(municipality)
        .filter(status=Consultation.Status.PUBLISHED, closes_on__gte=today)
        .only("title", "slug", "closes_on", "remote_participation", "venue")
        .prefetch_related(_areas("neighbourhoods"))
        .order_by("closes_on", "pk")
    )
    for consultation in consultations:
        until = formats.date_format(consultation.closes_on, "SHORT_DATE_FORMAT")
        how = [_("Submit your opinion on the portal until %(date)s.") % {"date": until}]
        if consultation.remote_participation:
            how.append(consultation.remote_participation)
        if consultation.venue:
            how.append(consultation.venue)
        yield Opportunity(
            uid=f"consultation-{consultation.pk}",
            kind=_("consultation"),
            title=consultation.title,
            url=consultation.get_absolute_url(),
            how=" ".join(how),
            deadline=consultation.closes_on,
            place=consultation.venue,
            territories=tuple(consultation.neighbourhoods.all()),
            audiences=("residents", "communities"),
        )
    events = (
        MunicipalEvent.objects.of(municipality)
        .filter(starts_at__date__gte=today)
        .prefetch_related(_areas("neighbourhoods"))
        .order_by("starts_at", "pk")
    )
    for event in events:
        yield Opportunity(
            uid=f"event-{event.pk}",
            kind=event.get_kind_display(),
            title=event.title,
            url="",
            how=event.how_to_take_part,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            place=event.venue,
            territories=tuple(event.neighbourhoods.all()),
            audiences=(event.audience,),
        )
