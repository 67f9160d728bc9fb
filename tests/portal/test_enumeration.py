"""No enumeration (issue 16, item 6): sign-up answers alike for a known and an unknown
address, and a community nobody may see yet is a 404, never a refusal."""

import pytest
from django.test import Client
from django.urls import reverse

from communities.models import Community
from portal.models import Notification
from tests.communities.factories import CommunityFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign_up(email):
    client = Client()
    return client.post(
        reverse("account_signup"),
        {
            "full_name": "Jānis Bērziņš",
            "email": email,
            "password1": "Apkaime-2026-drošība",
            "password2": "Apkaime-2026-drošība",
        },
    )


def test_sign_up_answers_alike_for_a_known_and_an_unknown_address(verified_email):
    known = UserFactory(email="known@example.lv")
    verified_email(known)

    for_known = sign_up("known@example.lv")
    for_new = sign_up("new@example.lv")

    assert for_known.status_code == for_new.status_code == 302
    assert for_known["Location"] == for_new["Location"]
    # Each address gets one email: a confirmation, or a note that it already has an account.
    assert Notification.objects.filter(email="known@example.lv").count() == 1
    assert Notification.objects.filter(email="new@example.lv").count() == 1


@pytest.mark.parametrize("status", [Community.Status.DRAFT, Community.Status.SUBMITTED])
def test_a_community_nobody_may_see_yet_is_not_found(client, status):
    community = CommunityFactory(status=status)
    resident = Client()
    resident.force_login(UserFactory())

    for visitor in (client, resident):
        for name in ("community-detail", "community-edit", "membership-request", "member-list"):
            response = visitor.get(reverse(f"communities:{name}", args=[community.slug]))
            assert response.status_code == 404, (name, response.status_code)
