"""Lists that grew without bound are paginated with a fixed number of queries: the changes
of key facts in the staff's queue, "my communities" and the contact persons."""

import json

import pytest
from django.urls import reverse

from communities.models import Community, CommunityChangeRequest, Membership
from tests.communities.factories import (
    CommunityFactory,
    EventFactory,
    JointOpinionFactory,
    MembershipFactory,
)
from tests.communities.view_helpers import _staff_without_second_factor  # noqa: F401
from tests.portal.factories import ContactPersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def key_changes(n):
    for number in range(n):
        community = CommunityFactory(status=Community.Status.ACTIVE, name=f"Kopiena {number:03}")
        CommunityChangeRequest.objects.create(
            community=community, requested_by=UserFactory(), data={"declared_residents": 99}
        )


@pytest.mark.parametrize("n", [2, 60])
def test_the_changes_of_key_facts_in_the_queue_come_in_pages(
    client, staff, n, django_assert_max_num_queries
):
    key_changes(n)
    client.force_login(staff)
    url = reverse("communities:community-queue")

    with django_assert_max_num_queries(18):
        response = client.get(url)

    page = response.context["key_changes"]
    assert len(page) == min(n, 25)
    assert page.paginator.count == n
    if n > 25:
        assert "changes=2" in response.content.decode()
        last = client.get(url, {"changes": 3})
        assert len(last.context["key_changes"]) == n - 50
        assert "Kopiena 059" in last.content.decode()


@pytest.mark.parametrize("n", [2, 60])
def test_my_communities_come_in_pages(client, n, django_assert_max_num_queries):
    person = UserFactory()
    for number in range(n):
        MembershipFactory(
            community=CommunityFactory(name=f"Kopiena {number:03}"),
            user=person,
            role=Membership.Role.LEADER if number % 2 else Membership.Role.MEMBER,
        )
    client.force_login(person)
    url = reverse("communities:community-mine")

    with django_assert_max_num_queries(12):
        response = client.get(url)

    assert len(response.context["memberships"]) == min(n, 25)
    assert response.context["paginator"].count == n
    if n > 25:
        assert "?page=2" in response.content.decode()
        assert "Kopiena 059" in client.get(url, {"page": 3}).content.decode()


@pytest.mark.parametrize("n", [2, 120])
def test_the_contact_persons_come_in_pages(client, staff, n, django_assert_max_num_queries):
    for number in range(n):
        ContactPersonFactory(name=f"Persona {number:03}")
    client.force_login(staff)
    url = reverse("contact-list")

    with django_assert_max_num_queries(14):
        response = client.get(url)

    assert len(response.context["contact_persons"]) == min(n, 50)
    assert response.context["paginator"].count == n
    if n > 50:
        assert "Persona 119" in client.get(url, {"page": 3}).content.decode()


@pytest.mark.parametrize("n", [2, 70])
def test_the_activity_entries_on_your_data_come_in_pages_and_the_download_has_all(
    client, n, django_assert_max_num_queries
):
    person = UserFactory()
    community = CommunityFactory(status=Community.Status.ACTIVE)
    for number in range(n):
        factory = EventFactory if number % 2 else JointOpinionFactory
        factory(community=community, created_by=person, title=f"Ieraksts {number:03}")
    client.force_login(person)
    url = reverse("my-data")

    with django_assert_max_num_queries(16):
        response = client.get(url)

    assert response.context["entries"].paginator.count == n
    html = response.content.decode()
    assert html.count("Ieraksts ") == min(n, 50)
    download = json.loads(client.get(url, {"format": "json"}).content)
    assert len(download["activity_entries_recorded"]) == n
    if n > 50:
        assert "?entries=2" in html
        second = client.get(url, {"entries": 2}).content.decode()
        assert second.count("Ieraksts ") == n - 50
