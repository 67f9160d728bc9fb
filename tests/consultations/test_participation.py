"""The participation index and its iCalendar feed, read with a real parser (icalendar)."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, MunicipalEvent
from consultations.services.calendar import create_event
from tests.consultations.factories import ConsultationFactory, closed
from tests.dates import in_latvian
from tests.portal.factories import MunicipalityFactory, NeighbourhoodFactory

pytestmark = [pytest.mark.django_db, pytest.mark.dates]
DAY = datetime.timedelta(days=1)


def _event(municipality, staff, **fields):
    values = {
        "title": "Iedzīvotāju forums; Ābeļu apkaime",
        "kind": MunicipalEvent.Kind.FORUM,
        "audience": "residents",
        "starts_at": timezone.now() + 10 * DAY,
        "ends_at": timezone.now() + 10 * DAY + datetime.timedelta(hours=2),
        "venue": "Kultūras nams, Rīgas iela 1",
        "how_to_take_part": "Pieteikties pa tālruni 67000000, vai tiešsaistē.",
        **fields,
    }
    return create_event(actor=staff, municipality=municipality, **values)


def test_the_index_groups_open_opportunities_by_neighbourhood_and_audience(
    client, municipality, staff
):
    area = NeighbourhoodFactory(name="Ābeļu apkaime")
    open_one = ConsultationFactory(title="Upes ielas pārbūve", neighbourhoods=[area])
    whole = ConsultationFactory(title="Budžets 2027")
    closed(title="Slēgta apspriešana")
    ConsultationFactory(title="Melnraksts", status=Consultation.Status.DRAFT)
    _event(municipality, staff, neighbourhoods=[area])
    _event(municipality, staff, title="NVO diena", kind="ngo_day", audience="ngos")
    _event(municipality, staff, title="Pagājis forums", starts_at=timezone.now() - 5 * DAY)

    response = client.get(reverse("participation"))
    page = response.content.decode()
    assert response.status_code == 200
    groups = {
        heading: [item.title for item in items] for heading, _t, items in response.context["groups"]
    }
    # The forum in 10 days, then the consultation closing in 25: nearest first.
    assert groups["Ābeļu apkaime"] == ["Iedzīvotāju forums; Ābeļu apkaime", open_one.title]
    assert "Budžets 2027" in next(iter(groups.values()))  # the whole municipality first
    assert "Slēgta apspriešana" not in page
    assert "Melnraksts" not in page
    assert "Pagājis forums" not in page
    assert f"līdz {in_latvian(whole.closes_on)}" in page  # the date's dot ends the sentence
    assert f"{in_latvian(whole.closes_on)}." not in page

    by_audience = client.get(reverse("participation") + "?by=audience").context["groups"]
    headings = [str(heading) for heading, _t, _items in by_audience]
    assert len(headings) == 3
    ngos = {str(h): items for h, _t, items in by_audience}
    assert [item.title for item in list(ngos.values())[2]] == ["NVO diena"]


def test_the_calendar_feed_parses_with_a_real_parser(client, municipality, staff):
    area = NeighbourhoodFactory()
    consultation = ConsultationFactory(
        title="Ielu apgaismojums, Ķekava; ļoti gara nosaukuma daļa, kas neiekļaujas vienā rindā",
        neighbourhoods=[area],
    )
    event = _event(municipality, staff)

    response = client.get(reverse("participation-calendar"))

    assert response["Content-Type"].startswith("text/calendar")
    assert b"\r\n" in response.content
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(response.content)
    entries = {str(entry["UID"]): entry for entry in calendar.walk("VEVENT")}
    deadline = entries[f"consultation-{consultation.pk}@testserver"]
    assert deadline.decoded("DTSTART") == consultation.closes_on
    assert consultation.title in str(deadline["SUMMARY"])
    assert str(deadline["URL"]).endswith(consultation.get_absolute_url())
    meeting = entries[f"event-{event.pk}@testserver"]
    assert meeting.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert str(meeting["SUMMARY"]) == event.title
    assert str(meeting["LOCATION"]) == "Kultūras nams, Rīgas iela 1"
    assert str(meeting["DESCRIPTION"]) == event.how_to_take_part


def test_nothing_of_another_municipality(client):
    beta = MunicipalityFactory()
    ConsultationFactory(municipality=beta, title="Beta apspriešana")
    assert "Beta apspriešana" not in client.get(reverse("participation")).content.decode()
    assert b"Beta" not in client.get(reverse("participation-calendar")).content


@pytest.mark.parametrize("rows", [2, 20])
def test_the_index_runs_a_fixed_number_of_queries(
    client, municipality, staff, django_assert_max_num_queries, rows
):
    areas = [NeighbourhoodFactory() for _ in range(3)]
    for number in range(rows):
        ConsultationFactory(neighbourhoods=[areas[number % 3]])
        _event(municipality, staff, neighbourhoods=[areas[number % 3]])
    with django_assert_max_num_queries(7):
        assert client.get(reverse("participation")).status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get(reverse("participation-calendar")).status_code == 200


def test_staff_keep_the_events_calendar(client, staff, resident):
    area = NeighbourhoodFactory()
    client.force_login(resident)
    assert client.get(reverse("consultations:event-list")).status_code == 403
    client.force_login(staff)
    start = (timezone.localtime() + 3 * DAY).strftime("%Y-%m-%dT18:00")
    response = client.post(
        reverse("consultations:event-create"),
        {
            "title": "NVO diena",
            "kind": "ngo_day",
            "audience": "ngos",
            "starts_at": start,
            "venue": "Dome",
            "neighbourhoods": [area.pk],
        },
    )
    assert response.status_code == 302
    event = MunicipalEvent.objects.get()
    assert list(event.neighbourhoods.all()) == [area]
    client.post(
        reverse("consultations:event-update", kwargs={"pk": event.pk}),
        {"title": "NVO diena 2027", "kind": "ngo_day", "audience": "ngos", "starts_at": start},
    )
    event.refresh_from_db()
    assert event.title == "NVO diena 2027"
    assert client.get(reverse("consultations:event-list")).status_code == 200
    client.post(reverse("consultations:event-delete", kwargs={"pk": event.pk}))
    assert not MunicipalEvent.objects.exists()
