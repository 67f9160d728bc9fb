"""HTTP tests of the community registry, membership and the activity record."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.models import Community, Event, Membership
from communities.services.activity import remove_activity
from communities.services.membership import change_member_role
from tests.communities.factories import RECENT, CommunityFactory, MembershipFactory
from tests.communities.view_helpers import (  # noqa: F401 - the fixture is autouse
    PDF,
    _staff_without_second_factor,
    registration_data,
    registry_url,
)
from tests.portal.factories import NeighbourhoodFactory

Status = Community.Status


# The public registry ----------------------------------------------------------------


@pytest.mark.django_db
def test_registry_lists_public_communities_only(client):
    public = CommunityFactory(name="Redzamā kopiena", status=Status.VERIFIED)
    CommunityFactory(name="Melnraksts", status=Status.DRAFT)
    CommunityFactory(name="Iesniegtā", status=Status.SUBMITTED)

    response = client.get(registry_url())

    assert response.status_code == 200
    assert "communities/_community_list_content.html" in [t.name for t in response.templates]
    assert list(response.context["communities"]) == [public]
    assert "Melnraksts" not in response.content.decode()


@pytest.mark.django_db
def test_registry_filters_by_neighbourhood_legal_form_status_and_name(client):
    here, there = NeighbourhoodFactory(), NeighbourhoodFactory()
    match = CommunityFactory(
        name="Ozolu biedrība",
        neighbourhoods=[here],
        legal_form="association",
        register_number="40008000001",
        status=Status.ACTIVE,
    )
    CommunityFactory(name="Ozolu grupa", neighbourhoods=[here], status=Status.ACTIVE)
    CommunityFactory(name="Ozolu citur", neighbourhoods=[there], legal_form="association")
    CommunityFactory(
        name="Ozolu neaktīvā",
        neighbourhoods=[here],
        legal_form="association",
        status=Status.INACTIVE,
    )

    response = client.get(
        registry_url(neighbourhood=here.slug, legal_form="association", status="active", q="ozol")
    )

    assert list(response.context["communities"]) == [match]


@pytest.mark.django_db
def test_registry_paginates(client):
    for n in range(25):
        CommunityFactory(name=f"Kopiena {n:02d}")

    first = client.get(registry_url())
    second = client.get(registry_url(page=2))

    assert len(first.context["communities"]) == 20
    assert len(second.context["communities"]) == 5
    assert 'rel="next"' in first.content.decode()


@pytest.mark.django_db
def test_registry_answers_htmx_with_the_results_fragment(client):
    CommunityFactory(name="Liepu kopiena")

    response = client.get(registry_url(q="liep"), headers={"HX-Request": "true"})

    assert [t.name for t in response.templates][0] == "communities/_community_results.html"
    assert "<html" not in response.content.decode()
    assert "Liepu kopiena" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def _registry_queries(client, count):
    for _ in range(count):
        community = CommunityFactory(status=Status.ACTIVE)
        MembershipFactory(community=community)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(registry_url())
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_registry_runs_the_same_number_of_queries_for_5_and_50_communities(
    client, django_assert_max_num_queries
):
    with_5 = _registry_queries(client, 5)
    with_50 = _registry_queries(client, 45)  # 45 more: 50 in all

    assert with_50 == with_5
    with django_assert_max_num_queries(6):
        client.get(registry_url())


@pytest.mark.django_db
def test_verification_queue_query_count_does_not_grow(client, staff, django_assert_max_num_queries):
    client.force_login(staff)
    CommunityFactory.create_batch(3, status=Status.SUBMITTED)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("communities:community-queue"))
    CommunityFactory.create_batch(30, status=Status.SUBMITTED)
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("communities:community-queue"))
    assert len(response.context["communities"]) == 25


# Members and activity ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_resident_asks_to_join_and_the_leader_accepts(
    client, resident, leader, community, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:membership-request", args=[community.slug]),
            {"message": "Dzīvoju blakus."},
        )
    membership = Membership.objects.get(user=resident, community=community)
    assert membership.status == Membership.Status.PENDING
    assert [m.to for m in mailoutbox] == [[leader.email]]
    assert "Dzīvoju blakus." in mailoutbox[0].body
    assert reverse("communities:member-list", args=[community.slug]) in mailoutbox[0].body
    mailoutbox.clear()

    client.force_login(leader)
    members_page = client.get(reverse("communities:member-list", args=[community.slug]))
    assert membership in members_page.context["pending"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:member-update", args=[community.slug, membership.pk, "accept"])
        )

    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.decided_by == leader
    assert [m.to for m in mailoutbox] == [[resident.email]]


@pytest.mark.django_db
def test_the_leader_records_an_event_shown_on_the_community_page(client, leader, community):
    client.force_login(leader)
    response = client.post(
        reverse("communities:event-create", args=[community.slug]),
        {
            "title": "Līgo vakars",
            "kind": "tradition",
            "date": RECENT.isoformat(),
            "place": "Estrāde",
            "attendance": "64",
            "participation_forms": ["mobilisation"],
        },
    )

    assert response.status_code == 302
    event = Event.objects.get(title="Līgo vakars")
    assert (event.community, event.created_by, event.attendance) == (community, leader, 64)
    page = client.get(community.get_absolute_url())
    assert "Līgo vakars" in page.content.decode()


@pytest.mark.django_db
def test_an_event_without_a_date_keeps_the_input_and_says_why(client, leader, community):
    client.force_login(leader)
    response = client.post(
        reverse("communities:event-create", args=[community.slug]),
        {"title": "Talka", "kind": "cooperation", "date": "", "place": "Parks"},
    )
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert 'value="Talka"' in response.content.decode()


@pytest.mark.django_db
def test_the_supporting_document_is_for_leaders_and_staff_only(
    client, leader, staff, resident, community
):
    from django.core.files.base import ContentFile

    community.supporting_document.save("x.pdf", ContentFile(PDF))
    url = reverse("communities:community-document", args=[community.slug])

    client.force_login(resident)
    assert client.get(url).status_code == 403
    client.force_login(leader)
    assert client.get(url).status_code == 200
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_community_page_member_list_and_my_communities_do_not_grow_with_rows(
    client, leader, community
):
    from tests.communities.factories import EventFactory, JointOpinionFactory

    client.force_login(leader)
    urls = [
        community.get_absolute_url(),
        reverse("communities:member-list", args=[community.slug]),
        reverse("communities:community-mine"),
    ]

    def add_rows(count):
        for _ in range(count):
            EventFactory(community=community)
            JointOpinionFactory(community=community)
            joined = MembershipFactory(community=community)
            MembershipFactory(community=community, status=Membership.Status.PENDING)
            MembershipFactory(user=leader, role=Membership.Role.BOARD)
            # History of memberships and events on the community, as the pages show them.
            change_member_role(actor=leader, membership=joined, role="board")
            remove_activity(actor=leader, record=EventFactory(community=community), reason="Kļūda.")

    add_rows(2)
    few = [_queries(client, url) for url in urls]
    add_rows(15)
    many = [_queries(client, url) for url in urls]

    assert many == few
