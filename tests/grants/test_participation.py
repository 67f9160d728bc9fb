"""Open grant rounds are listed in the participation index and its calendar feed."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from grants.models import Round
from tests.grants.factories import RoundFactory
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_open_rounds_are_in_the_participation_index_with_their_deadline(client):
    open_round = RoundFactory(title="Apkaimju iniciatīvas 2027")
    RoundFactory(title="Melnraksta kārta", status=Round.Status.DRAFT)
    RoundFactory(
        title="Beigusies kārta",
        deadline=timezone.now() - datetime.timedelta(days=1),
        announced_on=timezone.localdate() - datetime.timedelta(days=100),
    )
    RoundFactory(title="Citas pašvaldības kārta", programme__municipality=MunicipalityFactory())

    with translation.override("en"):
        response = client.get(reverse("participation") + "?by=audience")
        round_url = open_round.get_absolute_url()
    page = response.content.decode()

    assert response.status_code == 200
    groups = {str(h): [i.title for i in items] for h, _t, items in response.context["groups"]}
    assert groups["For communities"] == ["Apkaimju iniciatīvas 2027"]
    assert round_url in page
    assert "Melnraksta kārta" not in page
    assert "Beigusies kārta" not in page
    assert "Citas pašvaldības kārta" not in page

    feed = icalendar.Calendar.from_ical(client.get(reverse("participation-calendar")).content)
    entries = {str(e.get("summary")): e for e in feed.walk("VEVENT")}
    entry = next(e for s, e in entries.items() if "Apkaimju iniciatīvas 2027" in s)
    assert entry.decoded("dtstart") == timezone.localtime(open_round.deadline).date()
