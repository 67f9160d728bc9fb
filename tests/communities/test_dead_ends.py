"""No dead ends, over HTTP: a request to join withdrawn, a registration withdrawn or its
draft deleted, stale drafts in the queue, and who is told about a new registration."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from communities.models import Community, Membership
from communities.outbox.registration import REGISTRATION_SUBMITTED
from communities.services.membership import decide_membership
from communities.services.registration import submit_community
from portal.models import Notification
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.communities.view_helpers import _staff_without_second_factor  # noqa: F401
from tests.portal.factories import ContactPersonFactory, NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Community.Status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# A resident withdraws a request to join ----------------------------------------------------


def test_a_resident_withdraws_a_pending_request_and_may_ask_again(client, resident, community):
    client.force_login(resident)
    client.post(reverse("communities:membership-request", args=[community.slug]), {"message": ""})
    membership = Membership.objects.get(user=resident)
    url = reverse("communities:membership-withdraw", args=[community.slug])
    assert url in client.get(community.get_absolute_url()).content.decode()

    assert "Withdraw your request to join" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.WITHDRAWN
    change = membership.changes.order_by("-at", "-pk").first()
    assert (change.actor, change.from_status, change.to_status) == (
        resident,
        "pending",
        "withdrawn",
    )
    assert client.post(url).status_code == 403  # nothing left to withdraw
    again = client.post(
        reverse("communities:membership-request", args=[community.slug]), {"message": "Atkal."}
    )
    assert again.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_only_the_applicant_withdraws_and_not_after_the_decision(
    client, resident, leader, community
):
    membership = MembershipFactory(
        community=community, user=resident, status=Membership.Status.PENDING
    )
    url = reverse("communities:membership-withdraw", args=[community.slug])
    client.force_login(leader)
    assert client.post(url).status_code == 403

    decide_membership(actor=leader, membership=membership, accept=True)
    client.force_login(resident)
    assert client.post(url).status_code == 403
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


# A leader deletes a draft or withdraws a submitted registration ----------------------------


def _registration(status, leader):
    return CommunityFactory(status=status, leader=leader)


def test_a_leader_deletes_a_draft_after_a_confirmation_page(client):
    leader = UserFactory()
    draft = _registration(Status.DRAFT, leader)
    client.force_login(leader)
    url = reverse("communities:community-delete", args=[draft.slug])
    assert (
        url in client.get(reverse("communities:community-edit", args=[draft.slug])).content.decode()
    )

    confirm = client.get(url)
    assert "This cannot be undone." in confirm.content.decode()
    assert Community.objects.filter(pk=draft.pk).exists()

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("communities:community-mine")
    assert not Community.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.RETURNED, Status.ACTIVE])
def test_only_a_draft_can_be_deleted(client, status):
    leader = UserFactory()
    community = _registration(status, leader)
    client.force_login(leader)

    assert (
        client.post(reverse("communities:community-delete", args=[community.slug])).status_code
        == 403
    )
    assert Community.objects.filter(pk=community.pk).exists()


def test_board_members_do_not_delete_the_draft(client):
    leader, board = UserFactory(), UserFactory()
    draft = _registration(Status.DRAFT, leader)
    MembershipFactory(community=draft, user=board, role=Membership.Role.BOARD)
    client.force_login(board)

    assert (
        client.post(reverse("communities:community-delete", args=[draft.slug])).status_code == 403
    )


def test_a_leader_withdraws_a_submitted_registration_and_staff_can_no_longer_verify(client, staff):
    leader = UserFactory()
    community = _registration(Status.DRAFT, leader)
    submit_community(actor=leader, community=community)
    client.force_login(leader)
    url = reverse("communities:community-withdraw", args=[community.slug])
    assert url in client.get(community.get_absolute_url()).content.decode()
    assert url in client.get(reverse("communities:community-mine")).content.decode()

    response = client.post(url, {"reason": "Jāpapildina biedru saraksts."})

    assert response.status_code == 302
    community.refresh_from_db()
    assert (community.status, community.submitted_at) == (Status.DRAFT, None)
    row = community.status_changes.order_by("-at", "-pk").first()
    assert (row.actor, row.from_status, row.to_status, row.event, row.reason) == (
        leader,
        "submitted",
        "draft",
        "registration_withdrawn",
        "Jāpapildina biedru saraksts.",
    )
    assert row.headline == "The leaders withdrew the registration before the municipality decided."

    client.force_login(staff)
    review = reverse("communities:community-review", args=[community.slug])
    client.post(review, {"decision": "verify", "reason": ""})
    community.refresh_from_db()
    assert community.status == Status.DRAFT
    assert client.post(url).status_code == 403  # staff do not withdraw it either


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.VERIFIED])
def test_only_a_registration_waiting_for_staff_can_be_withdrawn(client, status):
    leader = UserFactory()
    community = _registration(status, leader)
    client.force_login(leader)

    url = reverse("communities:community-withdraw", args=[community.slug])
    assert client.post(url).status_code == 403


# Stale drafts in the verification queue --------------------------------------------------


def test_staff_see_drafts_waiting_longer_than_30_days(client, staff):
    old = CommunityFactory(status=Status.DRAFT, name="Sena iecere")
    recent = CommunityFactory(status=Status.DRAFT, name="Jauna iecere")
    Community.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    Community.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=29)
    )
    CommunityFactory(status=Status.SUBMITTED, name="Iesniegta")
    client.force_login(staff)
    queue = reverse("communities:community-queue")

    drafts = client.get(queue + "?status=draft")
    default = client.get(queue)

    assert [c.name for c in drafts.context["communities"]] == ["Sena iecere"]
    assert "draft since" in drafts.content.decode()
    assert [c.name for c in default.context["communities"]] == ["Iesniegta"]
    assert "drafts started more than 30 days ago" in default.content.decode()


# Who is told about a new registration ------------------------------------------------------


def _submit_with_neighbourhood(neighbourhood):
    leader = UserFactory()
    community = CommunityFactory(status=Status.DRAFT, leader=leader, neighbourhoods=[neighbourhood])
    submit_community(actor=leader, community=community)
    return community


def _told():
    return set(
        Notification.objects.filter(kind=REGISTRATION_SUBMITTED).values_list(
            "user__email", flat=True
        )
    )


def test_the_contact_persons_of_the_neighbourhoods_who_are_staff_are_told(municipality):
    contact = UserFactory(email="kontakts@pasvaldiba.lv", staff_of=municipality)
    UserFactory(email="cits@pasvaldiba.lv", staff_of=municipality)
    UserFactory(email="bez-lomas@pasvaldiba.lv")
    neighbourhood = NeighbourhoodFactory(
        contact_person=ContactPersonFactory(user=contact, municipality=municipality)
    )
    no_staff_role = NeighbourhoodFactory(
        contact_person=ContactPersonFactory(
            user=UserFactory(email="ne-darbinieks@example.lv"), municipality=municipality
        )
    )
    community = CommunityFactory(status=Status.DRAFT, leader=UserFactory())
    community.neighbourhoods.set([neighbourhood, no_staff_role])
    submit_community(actor=community.memberships.get().user, community=community)

    assert _told() == {"kontakts@pasvaldiba.lv"}


def test_without_such_a_contact_person_the_municipalitys_staff_are_told(municipality):
    UserFactory(email="a@pasvaldiba.lv", staff_of=municipality)
    UserFactory(email="b@pasvaldiba.lv", staff_of=municipality)
    without_account = NeighbourhoodFactory(contact_person=ContactPersonFactory(user=None))

    _submit_with_neighbourhood(without_account)

    assert _told() == {"a@pasvaldiba.lv", "b@pasvaldiba.lv"}
