"""Nobody loses another's edit (issue 16, item 3): a save on a form opened before someone
else saved or decided is refused, with their changes shown and nothing overwritten."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from communities.models import Community, Membership
from communities.services.verification import deactivate_community
from tests.communities.factories import (
    CommunityFactory,
    EventFactory,
    JointOpinionFactory,
    MembershipFactory,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def opened_form(client, community):
    form = client.get(reverse("communities:community-edit", args=[community.slug]))
    return {
        key: value
        for key, value in form.context["form"].initial.items()
        if value is not None and key not in ("neighbourhoods", "supporting_document")
    } | {
        "neighbourhoods": [t.pk for t in community.neighbourhoods.all()],
        "founding_motives": community.founding_motives,
        "legal_form": community.legal_form,
        "version": form.context["form"].fields["version"].initial,
    }


def leader_client(community, role=Membership.Role.BOARD):
    user = UserFactory()
    MembershipFactory(community=community, user=user, role=role)
    client = Client()
    client.force_login(user)
    return client


def test_the_second_of_two_board_members_is_refused_and_keeps_their_text():
    community = CommunityFactory(status=Community.Status.ACTIVE, description="Sākums.")
    first, second = leader_client(community), leader_client(community)
    form_a, form_b = opened_form(first, community), opened_form(second, community)
    url = reverse("communities:community-edit", args=[community.slug])

    assert first.post(url, {**form_a, "description": "Pirmā versija."}).status_code == 302
    response = second.post(url, {**form_b, "description": "Otrā versija."})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Pirmā versija." in html  # what the other person saved, shown
    assert "Otrā versija." in html  # what this person typed, kept in the form
    community.refresh_from_db()
    assert community.description == "Pirmā versija."

    again = second.post(
        url, {**form_b, "description": "Otrā versija.", "version": community.version}
    )
    assert again.status_code == 302
    community.refresh_from_db()
    assert community.description == "Otrā versija."


def test_a_leader_saving_while_staff_deactivate_is_refused_and_the_status_stays():
    community = CommunityFactory(status=Community.Status.ACTIVE, description="Sākums.")
    leader = leader_client(community, role=Membership.Role.LEADER)
    form = opened_form(leader, community)
    deactivate_community(
        actor=UserFactory(is_municipal_staff=True), community=community, reason="Nedarbojas."
    )

    response = leader.post(
        reverse("communities:community-edit", args=[community.slug]),
        {**form, "description": "Jauns apraksts."},
    )

    community.refresh_from_db()
    assert community.status == Community.Status.INACTIVE
    assert community.description == "Sākums."
    assert response.status_code in (200, 403)


# The activity record: events and joint opinions carry a version too ----------------------


def opened_entry_form(client, community, name, entry):
    form = client.get(reverse(f"communities:{name}-update", args=[community.slug, entry.pk]))
    assert form.status_code == 200
    bound = form.context["form"]
    data = {key: value for key, value in bound.initial.items() if value is not None}
    data["version"] = bound.fields["version"].initial
    return {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in data.items()
    }


@freeze_time("2026-11-29 10:00")
def test_two_board_members_correcting_one_event_the_second_sees_the_first_and_keeps_their_text():
    community = CommunityFactory(status=Community.Status.ACTIVE)
    event = EventFactory(
        community=community, title="Rudens talka", date=datetime.date(2026, 10, 3), attendance=20
    )
    first, second = leader_client(community), leader_client(community)
    form_a = opened_entry_form(first, community, "event", event)
    form_b = opened_entry_form(second, community, "event", event)
    url = reverse("communities:event-update", args=[community.slug, event.pk])

    saved = first.post(url, {**form_a, "title": "Lielā rudens talka", "attendance": "45"})
    assert saved.status_code == 302
    response = second.post(url, {**form_b, "place": "Skolas pagalms"})

    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["form"].has_error("__all__", "stale")
    assert "Lielā rudens talka" in html  # what the other person saved, shown
    assert "Skolas pagalms" in html  # what this person typed, kept in the form
    assert response.context["form"]["place"].value() == "Skolas pagalms"
    event.refresh_from_db()
    assert (event.title, event.attendance, event.place) == ("Lielā rudens talka", 45, "Tautas nams")
    assert event.version == 2

    again = second.post(url, {**form_b, "place": "Skolas pagalms", "version": event.version})
    assert again.status_code == 302
    event.refresh_from_db()
    assert event.place == "Skolas pagalms"
    assert event.version == 3


@freeze_time("2026-11-29 10:00")
def test_a_stale_correction_of_a_joint_opinion_is_refused_and_nothing_is_overwritten():
    community = CommunityFactory(status=Community.Status.ACTIVE)
    opinion = JointOpinionFactory(
        community=community, summary="Atbalstām celiņu.", sent_on=datetime.date(2026, 11, 2)
    )
    first, second = leader_client(community), leader_client(community, Membership.Role.LEADER)
    form_a = opened_entry_form(first, community, "opinion", opinion)
    form_b = opened_entry_form(second, community, "opinion", opinion)
    url = reverse("communities:opinion-update", args=[community.slug, opinion.pk])

    assert first.post(url, {**form_a, "addressee": "Attīstības komiteja"}).status_code == 302
    response = second.post(url, {**form_b, "summary": "Atbalstām celiņu un apgaismojumu."})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Attīstības komiteja" in html
    assert "Atbalstām celiņu un apgaismojumu." in html
    opinion.refresh_from_db()
    assert opinion.addressee == "Attīstības komiteja"
    assert opinion.summary == "Atbalstām celiņu."


@freeze_time("2026-11-29 10:00")
def test_a_correction_saved_after_the_entry_was_removed_does_not_bring_it_back():
    community = CommunityFactory(status=Community.Status.ACTIVE)
    event = EventFactory(community=community, date=datetime.date(2026, 10, 3))
    first, second = leader_client(community), leader_client(community)
    form = opened_entry_form(first, community, "event", event)
    removed = second.post(
        reverse("communities:event-delete", args=[community.slug, event.pk]),
        {"reason": "Ierakstīts divreiz."},
    )
    assert removed.status_code == 302

    response = first.post(
        reverse("communities:event-update", args=[community.slug, event.pk]),
        {**form, "title": "Labots nosaukums"},
    )

    assert response.status_code in (403, 404)
    event.refresh_from_db()
    assert event.is_removed
    assert event.removal_reason == "Ierakstīts divreiz."
    assert event.title != "Labots nosaukums"


@freeze_time("2026-11-29 10:00")
def test_a_correction_writes_only_the_fields_of_the_form(leader):
    """A save never writes the columns the form does not own (who recorded or removed the
    entry, when it was removed): only the corrected fields and the version."""
    community = CommunityFactory(status=Community.Status.ACTIVE)
    event = EventFactory(community=community, date=datetime.date(2026, 10, 3))
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    client = Client()
    client.force_login(leader)
    form = opened_entry_form(client, community, "event", event)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("communities:event-update", args=[community.slug, event.pk]),
            {**form, "title": "Jauns nosaukums"},
        )

    assert response.status_code == 302
    (update,) = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "communities_event"')]
    written = update.split(" SET ")[1].split(" WHERE ")[0]
    assert '"title"' in written and '"version"' in written
    for column in (
        "removed_at",
        "removed_by_id",
        "removal_reason",
        "created_by_id",
        "community_id",
    ):
        assert f'"{column}"' not in written
