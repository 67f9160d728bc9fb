"""Issue 26 item 5: council nominations and residents' council elections are in the
participation index and its iCalendar feed, with their deadlines, where they apply, and
nothing closed, published or of another municipality."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from councils.models import Council, Election
from tests.councils.factories import CouncilFactory
from tests.portal.factories import MunicipalityFactory, ParishFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _world():
    today = timezone.localdate()
    advisory = CouncilFactory(name="NVO konsultatīvā padome")
    advisory.nomination_periods.create(opens_on=today - DAY, closes_on=today + 9 * DAY)
    advisory.nomination_periods.create(opens_on=today - 30 * DAY, closes_on=today - DAY)
    parish = ParishFactory(name="Baldones pagasts")
    residents = CouncilFactory(
        name="Baldones iedzīvotāju padome", kind=Council.Kind.RESIDENTS, territory=parish
    )
    standing = Election.objects.create(
        council=residents,
        stand_until=today + 3 * DAY,
        votes_from=today + 5 * DAY,
        votes_until=today + 12 * DAY,
    )
    Election.objects.create(  # results published: gone from the index
        council=residents,
        stand_until=today - 20 * DAY,
        votes_from=today - 10 * DAY,
        votes_until=today + DAY,
        status=Election.Status.PUBLISHED,
    )
    elsewhere = CouncilFactory(name="Svešā padome", municipality=MunicipalityFactory())
    elsewhere.nomination_periods.create(opens_on=today, closes_on=today + DAY)
    return today, advisory, residents, parish, standing


def test_nominations_and_elections_are_in_the_index_by_audience_and_place(client):
    today, advisory, residents, parish, election = _world()
    with translation.override("en"):
        by_audience = client.get(reverse("participation") + "?by=audience")
        by_place = client.get(reverse("participation"))
    groups = {str(h): [i.uid for i in items] for h, _t, items in by_audience.context["groups"]}
    assert groups["For communities"] == [
        f"council-nominations-{advisory.nomination_periods.first().pk}"
    ]
    assert groups["For residents"] == [
        f"council-election-{election.pk}-candidates",
        f"council-election-{election.pk}-vote",
    ]
    places = {str(h): [i.uid for i in items] for h, _t, items in by_place.context["groups"]}
    assert places["Baldones pagasts"] == groups["For residents"]
    assert "Svešā padome" not in by_place.content.decode()

    latvian = client.get(reverse("participation")).content.decode()
    assert advisory.get_absolute_url() in latvian and election.get_absolute_url() in latvian
    assert "NVO konsultatīvā padome: kandidātu izvirzīšana" in latvian
    assert "Baldones iedzīvotāju padome: balsošana" in latvian


def test_the_feed_has_each_deadline(client):
    today, advisory, residents, parish, election = _world()
    feed = icalendar.Calendar.from_ical(client.get(reverse("participation-calendar")).content)
    days = {
        str(entry.get("uid")).split("@")[0]: entry.decoded("dtstart")
        for entry in feed.walk("VEVENT")
    }
    period = advisory.nomination_periods.first()
    assert days == {
        f"council-nominations-{period.pk}": today + 9 * DAY,
        f"council-election-{election.pk}-candidates": today + 3 * DAY,
        f"council-election-{election.pk}-vote": today + 12 * DAY,
    }


@pytest.mark.parametrize("rows", [2, 20])
def test_the_index_reads_councils_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, rows
):
    today = timezone.localdate()
    for number in range(rows):
        council = CouncilFactory(
            kind=Council.Kind.RESIDENTS, territory=ParishFactory(name=f"Pagasts {number}")
        )
        council.nomination_periods.create(opens_on=today, closes_on=today + DAY)
        Election.objects.create(
            council=council, stand_until=today, votes_from=today + DAY, votes_until=today + 2 * DAY
        )
    with django_assert_max_num_queries(9):
        assert client.get(reverse("participation")).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("participation-calendar")).status_code == 200
