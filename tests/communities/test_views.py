"""HTTP tests of the community pages: what a person sees and what their request changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.models import Community, CommunityStatusChange, Event, Membership
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import NeighbourhoodFactory, UserFactory

Status = Community.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    """These tests are about communities; tests/portal/test_security.py covers staff MFA."""
    settings.PORTAL_REQUIRE_STAFF_MFA = False


def registry_url(**params):
    url = reverse("communities:community-list")
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def registration_data(neighbourhood, **overrides):
    data = {
        "name": "Upes krasta kaimiņi",
        "neighbourhoods": [neighbourhood.pk],
        "description": "Kaimiņi pie upes, kas kopā sakopj krastu.",
        "founding_motives": ["events", "problem"],
        "founding_motive_other": "",
        "legal_form": "association",
        "register_number": "40008123456",
        "contact_name": "Ilze Upīte",
        "contact_email": "ilze@example.lv",
        "contact_phone": "",
        "declared_residents": "45",
        "residents_evidence": "Parakstu saraksts",
        "action": "submit",
    }
    data.update(overrides)
    return data


# The public registry ----------------------------------------------------------------


@pytest.mark.django_db
def test_registry_lists_public_communities_only(client):
    public = CommunityFactory(name="Redzamā kopiena", status=Status.VERIFIED)
    CommunityFactory(name="Melnraksts", status=Status.DRAFT)
    CommunityFactory(name="Iesniegtā", status=Status.SUBMITTED)

    response = client.get(registry_url())

    assert response.status_code == 200
    assert "communities/community_list.html" in [t.name for t in response.templates]
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


# Registration -------------------------------------------------------------------------


@pytest.mark.django_db
def test_registration_needs_a_signed_in_person(client):
    response = client.get(reverse("communities:community-register"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_a_draft_needs_only_a_name_and_can_be_finished_later(client, resident):
    client.force_login(resident)
    response = client.post(
        reverse("communities:community-register"), {"name": "Jaunā kopiena", "action": "draft"}
    )

    community = Community.objects.get(name="Jaunā kopiena")
    assert response.status_code == 302
    assert response["Location"] == reverse("communities:community-edit", args=[community.slug])
    assert community.status == Status.DRAFT
    assert community.memberships.get().user == resident
    assert community.memberships.get().role == Membership.Role.LEADER
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["form"]["name"].value() == "Jaunā kopiena"


@pytest.mark.django_db
def test_submitting_a_registration_with_a_document_notifies_staff(
    client, resident, staff, mailoutbox, django_capture_on_commit_callbacks
):
    neighbourhood = NeighbourhoodFactory()
    client.force_login(resident)
    data = registration_data(neighbourhood)
    from django.core.files.uploadedfile import SimpleUploadedFile

    data["supporting_document"] = SimpleUploadedFile("mans saraksts.pdf", PDF, "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("communities:community-register"), data)

    community = Community.objects.get(name="Upes krasta kaimiņi")
    assert response.status_code == 302
    assert community.status == Status.SUBMITTED
    assert community.submitted_at is not None
    assert community.supporting_document.name.endswith(".pdf")
    assert "saraksts" not in community.supporting_document.name
    assert [m.to for m in mailoutbox] == [[staff.email]]
    assert community.name in mailoutbox[0].subject


@pytest.mark.django_db
def test_an_invalid_field_keeps_everything_typed_and_saves_the_rest_as_a_draft(client, resident):
    neighbourhood = NeighbourhoodFactory()
    client.force_login(resident)
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = registration_data(neighbourhood, register_number="4000812345")
    data["supporting_document"] = SimpleUploadedFile("doc.pdf", PDF, "application/pdf")
    response = client.post(reverse("communities:community-register"), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["register_number"]
    html = response.content.decode()
    assert "4000812345" in html
    assert "Kaimiņi pie upes, kas kopā sakopj krastu." in html
    assert "ilze@example.lv" in html
    community = Community.objects.get(name="Upes krasta kaimiņi")
    assert community.status == Status.DRAFT
    assert community.supporting_document
    assert community.description == data["description"]
    assert reverse("communities:community-edit", args=[community.slug]) in html


@pytest.mark.django_db
def test_an_upload_that_is_not_a_document_is_refused_beside_the_field(client, resident):
    client.force_login(resident)
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = registration_data(NeighbourhoodFactory(), action="draft")
    data["supporting_document"] = SimpleUploadedFile(
        "virus.pdf", b"MZ\x90\x00binary", "application/pdf"
    )
    response = client.post(reverse("communities:community-register"), data)

    assert response.status_code == 200
    assert "supporting_document" in response.context["form"].errors


@pytest.mark.django_db
def test_a_returned_registration_shows_the_reason_and_can_be_resubmitted(
    client, leader, community, staff
):
    community.status = Status.RETURNED
    community.save()
    CommunityStatusChange.objects.create(
        community=community,
        actor=staff,
        from_status="submitted",
        to_status="returned",
        reason="Pievienojiet biedru sarakstu.",
    )
    client.force_login(leader)
    page = client.get(reverse("communities:community-edit", args=[community.slug]))
    assert "Pievienojiet biedru sarakstu." in page.content.decode()

    response = client.post(
        reverse("communities:community-edit", args=[community.slug]),
        registration_data(
            community.neighbourhoods.first(),
            name=community.name,
            legal_form="informal",
            register_number="",
        ),
    )

    community.refresh_from_db()
    assert response.status_code == 302
    assert community.status == Status.SUBMITTED
    assert community.status_changes.last().actor == leader


# Verification ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_verify_a_registration_and_the_leaders_are_told(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    leader = UserFactory(language="en")
    community = CommunityFactory(status=Status.SUBMITTED, leader=leader)
    client.force_login(staff)

    queue = client.get(reverse("communities:community-queue"))
    assert community in queue.context["communities"]
    review = client.get(reverse("communities:community-review", args=[community.slug]))
    assert review.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:community-review", args=[community.slug]),
            {"decision": "verify", "reason": ""},
        )

    community.refresh_from_db()
    assert response.status_code == 302
    assert community.status == Status.VERIFIED
    change = community.status_changes.last()
    assert (change.actor, change.from_status, change.to_status) == (staff, "submitted", "verified")
    assert [m.to for m in mailoutbox] == [[leader.email]]
    assert "/en/communities/" in mailoutbox[0].body
    assert community in client.get(registry_url()).context["communities"]


@pytest.mark.django_db
def test_returning_needs_a_reason_shown_beside_the_field(client, staff):
    community = CommunityFactory(status=Status.SUBMITTED)
    client.force_login(staff)

    response = client.post(
        reverse("communities:community-review", args=[community.slug]),
        {"decision": "return", "reason": "  "},
    )

    community.refresh_from_db()
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert community.status == Status.SUBMITTED


@pytest.mark.django_db
def test_staff_mark_a_community_inactive_after_confirming(client, staff):
    community = CommunityFactory(status=Status.ACTIVE)
    client.force_login(staff)
    url = reverse("communities:community-status", args=[community.slug, "deactivate"])

    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and refused.context["form"].errors
    client.post(url, {"reason": "Nav darbojusies divus gadus."})

    community.refresh_from_db()
    assert community.status == Status.INACTIVE
    assert community.status_changes.last().reason == "Nav darbojusies divus gadus."


@pytest.mark.django_db
def test_unknown_status_action_is_refused(client, staff, community):
    client.force_login(staff)
    url = reverse("communities:community-status", args=[community.slug, "delete"])
    assert client.post(url).status_code == 403


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
            "date": "2026-06-23",
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
            MembershipFactory(community=community)
            MembershipFactory(community=community, status=Membership.Status.PENDING)
            MembershipFactory(user=leader, role=Membership.Role.BOARD)

    add_rows(2)
    few = [_queries(client, url) for url in urls]
    add_rows(15)
    many = [_queries(client, url) for url in urls]

    assert many == few
