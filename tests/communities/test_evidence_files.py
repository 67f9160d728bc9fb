"""Evidence files (issue 16, item 8): leaders remove the supporting document; replaced and
deleted files leave the disk once the change commits; the document is seen by whom the
registration form says (the municipality, the leaders and the board)."""

import pathlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from communities.models import Community, CommunityChangeRequest, Membership
from portal.models import SecurityEvent
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.communities.test_key_changes import profile
from tests.communities.view_helpers import (  # noqa: F401 - the fixture is autouse
    PDF,
    _staff_without_second_factor,
)
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def on_disk(settings, stored):
    return (pathlib.Path(settings.MEDIA_ROOT) / stored.name).exists()


def with_document(status=Community.Status.ACTIVE, **fields):
    community = CommunityFactory(status=status, **fields)
    community.supporting_document.save("evidence.pdf", ContentFile(PDF))
    return community


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def pdf_upload():
    return SimpleUploadedFile("new.pdf", PDF, content_type="application/pdf")


# A leader removes the document ------------------------------------------------------------


def test_a_leader_removes_the_document_after_a_confirmation_and_the_file_leaves_the_disk(
    settings, leader, community, django_capture_on_commit_callbacks
):
    community.supporting_document.save("evidence.pdf", ContentFile(PDF))
    stored = community.supporting_document
    assert on_disk(settings, stored)
    client = signed_in(leader)
    url = reverse("communities:community-document-remove", args=[community.slug])
    edit_page = client.get(reverse("communities:community-edit", args=[community.slug]))
    assert url in edit_page.content.decode()

    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert on_disk(settings, stored)  # asking changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    community.refresh_from_db()
    assert not community.supporting_document
    assert not on_disk(settings, stored)
    removed = community.status_changes.get(event="document_removed")
    assert removed.actor == leader
    event = SecurityEvent.objects.get(kind="deleted", object_type="communities.community")
    assert event.actor_id == leader.pk
    assert event.data == {"event": "document_removed"}


@pytest.mark.parametrize("who", ["board", "member", "resident", "staff"])
def test_only_leaders_remove_the_document(settings, community, who):
    community.supporting_document.save("evidence.pdf", ContentFile(PDF))
    person = UserFactory(is_municipal_staff=who == "staff")
    if who in ("board", "member"):
        MembershipFactory(community=community, user=person, role=who)
    client = signed_in(person)
    url = reverse("communities:community-document-remove", args=[community.slug])

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    community.refresh_from_db()
    assert community.supporting_document
    assert on_disk(settings, community.supporting_document)


def test_removing_a_document_of_another_municipality_is_not_found(leader, community):
    community.supporting_document.save("evidence.pdf", ContentFile(PDF))
    MunicipalityFactory(hosts=["cits.test"])
    client = Client(HTTP_HOST="cits.test")
    client.force_login(leader)
    url = reverse("communities:community-document-remove", args=[community.slug])
    assert client.post(url).status_code == 404
    community.refresh_from_db()
    assert community.supporting_document


# Replaced and deleted files leave the disk ------------------------------------------------


def test_a_document_replaced_on_a_draft_leaves_the_disk(
    settings, django_capture_on_commit_callbacks
):
    leader = UserFactory()
    draft = with_document(status=Community.Status.DRAFT)
    MembershipFactory(community=draft, user=leader, role=Membership.Role.LEADER)
    old = draft.supporting_document
    client = signed_in(leader)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:community-edit", args=[draft.slug]),
            {**profile(draft, action="draft"), "supporting_document": pdf_upload()},
        )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.supporting_document.name != old.name
    assert on_disk(settings, draft.supporting_document)
    assert not on_disk(settings, old)


def test_a_deleted_draft_takes_its_file_off_the_disk(settings, django_capture_on_commit_callbacks):
    leader = UserFactory()
    draft = with_document(status=Community.Status.DRAFT)
    MembershipFactory(community=draft, user=leader, role=Membership.Role.LEADER)
    stored = draft.supporting_document

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(leader).post(
            reverse("communities:community-delete", args=[draft.slug])
        )

    assert response.status_code == 302
    assert not Community.objects.filter(pk=draft.pk).exists()
    assert not on_disk(settings, stored)


def ask_with_a_document(client, community):
    return client.post(
        reverse("communities:community-edit", args=[community.slug]),
        {**profile(community, declared_residents="70"), "supporting_document": pdf_upload()},
    )


def test_files_of_a_change_of_key_facts_leave_the_disk_when_replaced_and_when_accepted(
    settings, staff, django_capture_on_commit_callbacks
):
    leader = UserFactory()
    community = with_document()
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    verified_file = community.supporting_document
    client = signed_in(leader)

    with django_capture_on_commit_callbacks(execute=True):
        ask_with_a_document(client, community)
    first = CommunityChangeRequest.objects.get().document
    with django_capture_on_commit_callbacks(execute=True):
        ask_with_a_document(client, community)
    second = CommunityChangeRequest.objects.get().document
    assert second.name != first.name
    assert not on_disk(settings, first)  # replaced in the waiting request
    assert on_disk(settings, second) and on_disk(settings, verified_file)

    with django_capture_on_commit_callbacks(execute=True):
        decided = signed_in(staff).post(
            reverse("communities:key-change-review", args=[community.slug]),
            {"decision": "accept", "reason": ""},
        )

    assert decided.status_code == 302
    community.refresh_from_db()
    assert community.supporting_document.name == second.name
    assert on_disk(settings, second)
    assert not on_disk(settings, verified_file)  # replaced by the accepted one
    assert not CommunityChangeRequest.objects.get().document  # the community holds it now


@pytest.mark.parametrize("outcome", ["returned", "withdrawn"])
def test_the_file_of_a_returned_or_withdrawn_change_leaves_the_disk(
    settings, staff, outcome, django_capture_on_commit_callbacks
):
    leader = UserFactory()
    community = with_document()
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    client = signed_in(leader)
    with django_capture_on_commit_callbacks(execute=True):
        ask_with_a_document(client, community)
    waiting = CommunityChangeRequest.objects.get().document

    with django_capture_on_commit_callbacks(execute=True):
        if outcome == "returned":
            response = signed_in(staff).post(
                reverse("communities:key-change-review", args=[community.slug]),
                {"decision": "return", "reason": "Dokuments nav salasāms."},
            )
        else:
            response = client.post(
                reverse("communities:key-change-withdraw", args=[community.slug])
            )

    assert response.status_code == 302
    assert CommunityChangeRequest.objects.get().status == outcome
    assert not on_disk(settings, waiting)
    community.refresh_from_db()
    assert on_disk(settings, community.supporting_document)  # the verified one stays


# Who sees the document: as the registration form says -------------------------------------


def test_the_form_says_who_sees_the_document(client):
    client.force_login(UserFactory())
    html = client.get(reverse("communities:community-register")).content.decode()
    # "Only the municipality and the community's leaders and board see it."
    assert "To redz tikai pašvaldība un kopienas līderi un valde." in html.replace("\n", " ")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("leader", 200),
        ("board", 200),
        ("staff", 200),
        ("member", 403),
        ("resident", 403),
        ("staff of another municipality", 403),
        ("anonymous", 302),
    ],
)
def test_the_document_is_downloaded_by_the_leaders_the_board_and_the_municipality(who, status):
    community = with_document()
    client = Client()
    if who != "anonymous":
        if who == "staff":
            person = UserFactory(is_municipal_staff=True)
        elif who == "staff of another municipality":
            person = UserFactory(staff_of=MunicipalityFactory())
        else:
            person = UserFactory()
        if who in ("leader", "board", "member"):
            MembershipFactory(community=community, user=person, role=who)
        client.force_login(person)

    response = client.get(reverse("communities:community-document", args=[community.slug]))

    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment")
        assert "no-store" in response["Cache-Control"]
