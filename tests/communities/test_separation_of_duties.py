"""Separation of duties (issue 16, item 4): staff do not decide about a community they lead,
belong to or asked to join; someone else of the municipality must. Administrators too."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from communities.duties import own_community_message
from communities.models import Community, CommunityChangeRequest, Membership
from communities.services.activity import reopen_activity_year
from communities.services.key_changes import accept_key_change, return_key_change
from communities.services.verification import (
    activate_community,
    deactivate_community,
    return_community,
    verify_community,
)
from tests.communities.factories import MembershipFactory
from tests.communities.view_helpers import (  # noqa: F401 - the fixture is autouse
    _staff_without_second_factor,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Community.Status


def _message():
    with translation.override("lv"):
        return own_community_message()


@pytest.fixture(params=["leader", "member", "pending", "admin"])
def involved(request, community):
    """Staff (or an administrator) involved in ``community`` in one of the ways that count."""
    if request.param == "admin":
        user = UserFactory(is_superuser=True, is_staff=True)
        MembershipFactory(community=community, user=user, role=Membership.Role.BOARD)
        return user
    user = UserFactory(is_municipal_staff=True)
    role = Membership.Role.LEADER if request.param == "leader" else Membership.Role.MEMBER
    status = Membership.Status.PENDING if request.param == "pending" else Membership.Status.ACTIVE
    MembershipFactory(community=community, user=user, role=role, status=status)
    return user


def _set_status(community, status):
    Community.objects.filter(pk=community.pk).update(status=status)
    community.refresh_from_db()


# Services: no other path decides it -----------------------------------------------------


@pytest.mark.parametrize(
    ("status", "call"),
    [
        (Status.SUBMITTED, lambda a, c: verify_community(actor=a, community=c)),
        (
            Status.SUBMITTED,
            lambda a, c: return_community(actor=a, community=c, reason="Labot."),
        ),
        (Status.VERIFIED, lambda a, c: activate_community(actor=a, community=c)),
        (
            Status.ACTIVE,
            lambda a, c: deactivate_community(actor=a, community=c, reason="Nav."),
        ),
        (
            Status.ACTIVE,
            lambda a, c: reopen_activity_year(
                actor=a,
                community=c,
                year=timezone.localdate().year - 2,
                until=timezone.localdate() + datetime.timedelta(days=3),
                reason="Lūdza.",
            ),
        ),
    ],
)
def test_services_refuse_staff_their_own_community(involved, community, status, call):
    _set_status(community, status)

    with pytest.raises(ValidationError) as refused:
        call(involved, community)

    assert refused.value.code == "own_community"
    community.refresh_from_db()
    assert community.status == status
    assert not community.status_changes.exists()


@pytest.mark.parametrize("decide", ["accept", "return"])
def test_key_change_services_refuse_staff_their_own_community(involved, community, decide):
    change = CommunityChangeRequest.objects.create(community=community, data={"name": "Cits"})

    with pytest.raises(ValidationError) as refused:
        if decide == "accept":
            accept_key_change(actor=involved, change_request=change)
        else:
            return_key_change(actor=involved, change_request=change, reason="Nē.")

    assert refused.value.code == "own_community"
    change.refresh_from_db()
    assert change.status == CommunityChangeRequest.Status.PENDING


def test_someone_else_of_the_municipality_decides(involved, community, staff):
    _set_status(community, Status.SUBMITTED)

    verify_community(actor=staff, community=community)

    community.refresh_from_db()
    assert community.status == Status.VERIFIED


# Over HTTP: refused with the reason, no buttons ------------------------------------------


def test_the_review_page_says_why_and_shows_no_decision(client, involved, community):
    _set_status(community, Status.SUBMITTED)
    client.force_login(involved)
    url = reverse("communities:community-review", args=[community.slug])

    page = client.get(url)
    assert page.status_code == 200
    assert _message() in page.content.decode()
    assert 'name="decision"' not in page.content.decode()

    response = client.post(url, {"decision": "verify", "reason": ""}, follow=True)
    assert _message() in response.content.decode()
    community.refresh_from_db()
    assert community.status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("status", "action"), [(Status.VERIFIED, "activate"), (Status.ACTIVE, "deactivate")]
)
def test_status_changes_are_refused_with_the_reason(client, involved, community, status, action):
    _set_status(community, status)
    client.force_login(involved)
    url = reverse("communities:community-status", args=[community.slug, action])

    response = client.post(url, {"reason": "Tā vajag."})

    assert response.status_code == 403
    assert _message() in response.content.decode()
    community.refresh_from_db()
    assert community.status == status
    page = client.get(community.get_absolute_url()).content.decode()
    assert url not in page


def test_reopening_a_year_is_refused_with_the_reason(client, involved, community):
    client.force_login(involved)

    response = client.get(reverse("communities:record-year-reopen", args=[community.slug]))

    assert response.status_code == 403
    assert _message() in response.content.decode()


def test_a_change_of_key_facts_is_refused_with_the_reason(client, involved, community):
    change = CommunityChangeRequest.objects.create(community=community, data={"name": "Cits"})
    client.force_login(involved)
    url = reverse("communities:key-change-review", args=[community.slug])

    page = client.get(url)
    assert _message() in page.content.decode()
    assert 'name="decision"' not in page.content.decode()
    response = client.post(url, {"decision": "accept"}, follow=True)

    assert _message() in response.content.decode()
    change.refresh_from_db()
    assert change.status == CommunityChangeRequest.Status.PENDING


def test_other_refusals_of_involved_staff_keep_their_own_reason(client, community):
    staff = UserFactory(is_municipal_staff=True)
    MembershipFactory(community=community, user=staff, role=Membership.Role.MEMBER)
    client.force_login(staff)

    response = client.get(reverse("communities:member-list", args=[community.slug]))

    assert response.status_code == 403
    assert _message() not in response.content.decode()
