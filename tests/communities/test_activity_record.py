"""The activity record as evidence, over HTTP: planned events, soft removal with a reason,
the year lock and staff reopening a year."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from communities.models import ActivityYearReopening, Event, JointOpinion
from portal.history import EVENTS
from tests.communities.factories import EventFactory, JointOpinionFactory
from tests.communities.view_helpers import _staff_without_second_factor  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Good practice on the page (issue 19): its stories (its offer to share experience comes
# with the community; its agreements with the municipality are asked for only when it has
# some, and these communities have none).
PRACTICE_QUERIES = 1
PANEL_QUERIES = 0  # grants' subsidy panel is filled in by htmx after the page (grants.panels)
# The record: its years, then only the parts they hold (planned events, the year's events,
# its joint opinions): all three for the leader's community below, events for anyone's.
QUERIES_FOR_THE_LEADER = (
    11 + PRACTICE_QUERIES + PANEL_QUERIES
)  # no role query: portal.auth_backends
QUERIES_FOR_ANYONE = 5 + PRACTICE_QUERIES
AFTER_THE_LOCK = "2027-02-01 10:00"  # the record of 2026 locked on 31.01.2027
LAST_OPEN_DAY = "2027-01-31 18:00"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def event_data(**overrides):
    data = {
        "title": "Rudens talka",
        "kind": "cooperation",
        "date": "2026-10-03",
        "place": "Parks",
        "attendance": "30",
        "description": "",
    }
    data.update(overrides)
    return data


def add_event(client, community, **overrides):
    url = reverse("communities:event-create", args=[community.slug])
    return client.post(url, event_data(**overrides))


def page(client, community, **params):
    url = community.get_absolute_url()
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return client.get(url)


# Planned events ---------------------------------------------------------------------------


@freeze_time("2026-11-29 10:00")
def test_a_future_event_takes_no_attendance_and_says_so_beside_the_field(client, leader, community):
    client.force_login(leader)

    response = add_event(client, community, date="2026-12-12", title="Ziemassvētku tirdziņš")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["attendance"] == [
        "An event that has not happened yet has no participants; add them after the event."
    ]
    assert form["title"].value() == "Ziemassvētku tirdziņš"  # nothing typed is lost
    assert not Event.objects.exists()


@freeze_time("2026-11-29 10:00")
def test_planned_events_are_shown_apart_and_take_attendance_once_they_happened(
    client, leader, community
):
    client.force_login(leader)
    assert add_event(client, community, date="2026-12-12", attendance="").status_code == 302
    planned = Event.objects.get()
    EventFactory(community=community, title="Vasaras svētki", date=datetime.date(2026, 6, 20))

    response = page(client, community)

    assert [e.title for e in response.context["planned_events"]] == [planned.title]
    assert [e.title for e in response.context["events_page"]] == ["Vasaras svētki"]
    assert "Planned events" in response.content.decode()

    with freeze_time("2026-12-13 10:00"):
        client.force_login(leader)
        url = reverse("communities:event-update", args=[community.slug, planned.pk])
        response = client.post(url, event_data(date="2026-12-12", attendance="42"))
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.attendance == 42


# Soft removal with a reason -----------------------------------------------------------------


def test_removal_needs_a_reason_then_hides_the_entry_but_keeps_it_for_staff(
    client, leader, community, staff
):
    event = EventFactory(community=community, title="Divreiz ierakstīts forums")
    opinion = JointOpinionFactory(community=community, title="Par autobusu")
    client.force_login(leader)
    url = reverse("communities:event-delete", args=[community.slug, event.pk])

    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Say why the entry is removed from the activity record."
    ]
    assert Event.objects.recorded().filter(pk=event.pk).exists()

    response = client.post(url, {"reason": "Ierakstīts divreiz."})
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.removed_by, event.removal_reason) == (leader, "Ierakstīts divreiz.")
    assert event.removed_at is not None
    client.post(
        reverse("communities:opinion-delete", args=[community.slug, opinion.pk]),
        {"reason": "Nav nosūtīts."},
    )

    client.logout()
    public = page(client, community)
    assert "Divreiz ierakstīts forums" not in public.content.decode()
    assert "Par autobusu" not in public.content.decode()
    assert public.context["record_years"] == []

    client.force_login(staff)
    row = community.status_changes.filter(event="entry_removed").first()
    assert (row.actor, row.reason, row.data["title"]) == (
        leader,
        "Ierakstīts divreiz.",
        "Divreiz ierakstīts forums",
    )
    staff_page = page(client, community).content.decode()
    assert "Event “Divreiz ierakstīts forums” removed from the activity record." in staff_page
    assert "Ierakstīts divreiz." in staff_page
    assert JointOpinion.objects.removed().get().removal_reason == "Nav nosūtīts."


def test_a_removed_entry_cannot_be_corrected_or_removed_again(client, leader, community):
    event = EventFactory(community=community)
    client.force_login(leader)
    client.post(
        reverse("communities:event-delete", args=[community.slug, event.pk]), {"reason": "Kļūda."}
    )

    assert (
        client.get(reverse("communities:event-update", args=[community.slug, event.pk])).status_code
        == 404
    )
    url = reverse("communities:event-delete", args=[community.slug, event.pk])
    assert client.post(url, {"reason": "Vēlreiz."}).status_code == 404
    assert community.status_changes.filter(event="entry_removed").count() == 1


# The year lock and reopening ---------------------------------------------------------------


def test_the_record_of_a_year_stays_open_up_to_its_lock_date(client, leader, community):
    event = EventFactory(community=community, date=datetime.date(2026, 5, 5))
    client.force_login(leader)

    with freeze_time(LAST_OPEN_DAY):
        client.force_login(leader)
        response = add_event(client, community, date="2026-12-20")
        url = reverse("communities:event-update", args=[community.slug, event.pk])
        corrected = client.post(url, event_data(date="2026-05-05", attendance="12"))

    assert response.status_code == 302
    assert corrected.status_code == 302


def test_after_the_lock_entries_of_that_year_are_refused_with_a_clear_message(
    client, leader, community
):
    event = EventFactory(community=community, date=datetime.date(2026, 5, 5), title="Talka")
    opinion = JointOpinionFactory(community=community, sent_on=datetime.date(2026, 9, 1))
    client.force_login(leader)

    with freeze_time(AFTER_THE_LOCK):
        client.force_login(leader)
        refused = add_event(client, community, date="2026-12-20")
        moved_back = client.post(
            reverse("communities:event-create", args=[community.slug]),
            event_data(date="2027-01-15"),
        )
        correct = client.get(reverse("communities:event-update", args=[community.slug, event.pk]))
        remove = client.post(
            reverse("communities:opinion-delete", args=[community.slug, opinion.pk]),
            {"reason": "Kļūda."},
        )
        detail = page(client, community, year=2026)

    assert refused.status_code == 200
    assert refused.context["form"].errors["date"] == [
        "The activity record of 2026 locked on 31.01.2027. Ask the municipality to reopen it "
        "if an entry of that year must be added, corrected or removed."
    ]
    assert moved_back.status_code == 302  # 2027 is open
    assert correct.status_code == 403
    assert "The activity record of 2026 locked" in correct.content.decode()
    assert remove.status_code == 403
    assert JointOpinion.objects.recorded().filter(pk=opinion.pk).exists()
    html = detail.content.decode()
    assert detail.context["record_year_locked"] is True
    assert reverse("communities:event-update", args=[community.slug, event.pk]) not in html


def test_an_entry_cannot_be_moved_into_a_locked_year(client, leader, community):
    event = EventFactory(community=community, date=datetime.date(2027, 1, 10))
    client.force_login(leader)

    with freeze_time(AFTER_THE_LOCK):
        client.force_login(leader)
        url = reverse("communities:event-update", args=[community.slug, event.pk])
        response = client.post(url, event_data(date="2026-12-30"))

    assert response.status_code == 200
    assert "locked on 31.01.2027" in response.context["form"].errors["date"][0]
    event.refresh_from_db()
    assert event.date == datetime.date(2027, 1, 10)


def test_the_lock_date_is_the_municipalitys_setting(client, leader, community):
    municipality = community.municipality
    municipality.activity_record_locks_on_month, municipality.activity_record_locks_on_day = 3, 15
    municipality.save()
    client.force_login(leader)

    with freeze_time("2027-03-15 12:00"):
        client.force_login(leader)
        assert add_event(client, community, date="2026-12-20").status_code == 302
    with freeze_time("2027-03-16 12:00"):
        client.force_login(leader)
        assert add_event(client, community, date="2026-12-21").status_code == 200


def test_staff_reopen_a_year_for_one_community_until_a_date(client, leader, community, staff):
    event = EventFactory(community=community, date=datetime.date(2026, 5, 5))
    url = reverse("communities:record-year-reopen", args=[community.slug])

    with freeze_time(AFTER_THE_LOCK):
        client.force_login(leader)
        assert client.get(url).status_code == 403
        client.force_login(staff)
        assert client.get(url + "?year=2026").context["form"]["year"].value() == 2026
        refused = client.post(url, {"year": "2026", "until": "2027-02-14", "reason": ""})
        assert refused.context["form"].errors["reason"]
        response = client.post(
            url, {"year": "2026", "until": "2027-02-14", "reason": "Trūka rudens talkas."}
        )
        assert response.status_code == 302

        client.force_login(leader)
        edit = reverse("communities:event-update", args=[community.slug, event.pk])
        assert client.post(edit, event_data(date="2026-05-05", attendance="15")).status_code == 302
        assert add_event(client, community, date="2026-10-10").status_code == 302

    with freeze_time("2027-02-15 10:00"):
        client.force_login(leader)
        assert client.get(edit).status_code == 403

    reopening = ActivityYearReopening.objects.get()
    assert (reopening.year, reopening.until, reopening.reopened_by) == (
        2026,
        datetime.date(2027, 2, 14),
        staff,
    )
    row = community.status_changes.get(event="record_year_reopened")
    assert (row.actor, row.reason) == (staff, "Trūka rudens talkas.")
    assert row.headline == "The activity record of 2026 reopened until 14.02.2027."
    assert "record_year_reopened" in EVENTS


def test_reopening_another_communitys_year_does_not_open_this_one(client, leader, community, staff):
    from tests.communities.factories import CommunityFactory

    other = CommunityFactory()
    EventFactory(community=community, date=datetime.date(2026, 5, 5))
    with freeze_time(AFTER_THE_LOCK):
        client.force_login(staff)
        client.post(
            reverse("communities:record-year-reopen", args=[other.slug]),
            {"year": "2026", "until": "2027-03-01", "reason": "Cita kopiena."},
        )
        client.force_login(leader)
        assert add_event(client, community, date="2026-10-10").status_code == 200


# The whole record, by year, 20 a page ------------------------------------------------------


@freeze_time("2026-11-29 10:00")
def test_every_year_of_the_record_is_reachable_20_a_page(client, community):
    for day in range(25):
        EventFactory(community=community, date=datetime.date(2025, 3, 1) + datetime.timedelta(day))
    EventFactory(community=community, date=datetime.date(2026, 4, 1), title="Šī gada forums")
    JointOpinionFactory(community=community, sent_on=datetime.date(2024, 5, 5), title="Par tiltu")

    newest = page(client, community)
    assert newest.context["record_years"] == [2026, 2025, 2024]
    assert [e.title for e in newest.context["events_page"]] == ["Šī gada forums"]
    assert "?year=2025" in newest.content.decode()

    first = page(client, community, year=2025)
    second = page(client, community, year=2025, page=2)
    assert len(first.context["events_page"]) == 20
    assert len(second.context["events_page"]) == 5
    assert "year=2025&amp;page=2" in first.content.decode()
    shown = {e.pk for e in first.context["events_page"]} | {
        e.pk for e in second.context["events_page"]
    }
    assert len(shown) == 25

    older = page(client, community, year=2024)
    assert [o.title for o in older.context["opinions_page"]] == ["Par tiltu"]
    assert page(client, community, year=1999).context["record_year"] == 2026


@freeze_time("2026-06-15 10:00")
@pytest.mark.parametrize("events", [5, 50])
def test_the_community_page_costs_the_same_queries_for_5_and_50_events(
    client, leader, community, django_assert_num_queries, events
):
    """Pinned for the leader (the heaviest view: actions per entry and the history)."""
    year = datetime.date.today().year
    for n in range(events):
        EventFactory(
            community=community, date=datetime.date(year, 1, 1) + datetime.timedelta(n % 28)
        )
        JointOpinionFactory(community=community, sent_on=datetime.date(year, 1, 2))
    EventFactory(
        community=community,
        date=datetime.date.today() + datetime.timedelta(days=3),
        attendance=None,
    )
    client.force_login(leader)
    page(client, community)  # the session is warm (the first request saves it)

    with django_assert_num_queries(QUERIES_FOR_THE_LEADER):
        response = page(client, community)

    assert len(response.context["events_page"]) == min(events, 20)
    assert len(response.context["planned_events"]) == 1


@freeze_time("2026-06-15 10:00")
@pytest.mark.parametrize("events", [5, 50])
def test_the_public_page_costs_the_same_queries_for_5_and_50_events(
    client, community, django_assert_num_queries, events
):
    year = datetime.date.today().year
    for n in range(events):
        EventFactory(
            community=community, date=datetime.date(year, 1, 1) + datetime.timedelta(n % 28)
        )
    page(client, community)  # a first visit (templates loaded)
    with django_assert_num_queries(QUERIES_FOR_ANYONE):
        page(client, community)
    with django_assert_num_queries(QUERIES_FOR_ANYONE):  # nothing kept: the same again
        page(client, community)
