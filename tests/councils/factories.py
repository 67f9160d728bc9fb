"""Factories for councils: built directly for speed; the services are tested on their own."""

import datetime

import factory
from django.utils import timezone

from councils.models import Council, Meeting, Seat, Term
from tests.portal.factories import default_municipality

TODAY = timezone.localdate()


class CouncilFactory(factory.django.DjangoModelFactory):
    """An NGO advisory council of the default municipality with ``seats`` seats (5)."""

    class Meta:
        model = Council
        skip_postgeneration_save = True

    municipality = factory.LazyFunction(default_municipality)
    kind = Council.Kind.ADVISORY
    name = factory.Sequence(lambda n: f"Konsultatīvā padome {n}")
    slug = factory.Sequence(lambda n: f"padome-{n}")
    remit = "Konsultē pašvaldību par kopienu jautājumiem."

    @factory.post_generation
    def seats(self, create, extracted, **kwargs):
        if create:
            Seat.objects.bulk_create(
                Seat(council=self, number=number, for_community=number <= 2)
                for number in range(1, (extracted or 5) + 1)
            )


def seat_for(user, council=None, *, starts_on=None, ends_on=None, community=None):
    """A running term for ``user`` on the first vacant seat of ``council`` (a new one)."""
    council = council or default_council()
    held = Term.objects.filter(seat__council=council).values("seat_id")
    seat = council.seats.exclude(pk__in=held).first()
    if seat is None:
        seat = Seat.objects.create(council=council, number=council.seats.count() + 1)
    return Term.objects.create(
        seat=seat,
        member=user,
        community=community,
        starts_on=starts_on or TODAY - datetime.timedelta(days=30),
        ends_on=ends_on or TODAY + datetime.timedelta(days=700),
    )


def default_council():
    municipality = default_municipality()
    found = Council.objects.filter(municipality=municipality, slug="testa-padome").first()
    return found or CouncilFactory(municipality=municipality, slug="testa-padome", seats=9)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    place = "Domes zāle"
    status = Meeting.Status.PUBLISHED
