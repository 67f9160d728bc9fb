"""HTTP tests of registering a community and of its verification by staff."""

import pytest
from django.urls import reverse

from communities.models import Community, CommunityStatusChange, Membership
from tests.communities.factories import CommunityFactory
from tests.communities.view_helpers import (  # noqa: F401 - the fixture is autouse
    PDF,
    _staff_without_second_factor,
    registration_data,
    registry_url,
)
from tests.portal.factories import NeighbourhoodFactory, UserFactory

Status = Community.Status


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
