"""Spam through the portal is bounded (issue 16, item 10): a declined request to join waits
30 days, and what people write to others goes out as plain text only."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone, translation
from freezegun import freeze_time

from communities.models import Membership
from communities.services.membership import (
    decide_membership,
    request_membership,
    withdraw_membership_request,
)
from tests.communities.view_helpers import (  # noqa: F401 - the fixture is autouse
    _staff_without_second_factor,
)

pytestmark = pytest.mark.django_db

SPAM = '<a href="https://spam.example/">Laimē!</a> https://spam.example/?a=1&b=2'


def _ask(client, community, message="Dzīvoju blakus."):
    return client.post(
        reverse("communities:membership-request", args=[community.slug]),
        {"message": message},
        follow=True,
    )


def _decline(client, leader, community, membership):
    client.force_login(leader)
    client.post(
        reverse("communities:member-update", args=[community.slug, membership.pk, "decline"])
    )


def _day(days):
    with translation.override("lv"):
        return formats.date_format(
            timezone.localdate() + datetime.timedelta(days=days), "SHORT_DATE_FORMAT"
        )


@pytest.mark.dates
def test_a_declined_request_is_not_repeated_for_30_days(client, resident, leader, community):
    client.force_login(resident)
    _ask(client, community)
    membership = Membership.objects.get(user=resident, community=community)
    _decline(client, leader, community, membership)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED

    client.force_login(resident)
    page = client.get(reverse("communities:membership-request", args=[community.slug]))
    assert page.status_code == 200
    assert _day(30) in page.content.decode()
    assert 'name="message"' not in page.content.decode()

    response = _ask(client, community, "Vēlreiz!")
    assert _day(30) in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED
    assert membership.message == "Dzīvoju blakus."

    with freeze_time(timezone.now() + datetime.timedelta(days=31)):
        client.force_login(resident)
        _ask(client, community, "Pēc mēneša.")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_the_service_refuses_and_says_from_which_date(resident, leader, community):
    membership = request_membership(actor=resident, community=community)
    decide_membership(actor=leader, membership=membership, accept=False)

    with translation.override("lv"), pytest.raises(ValidationError) as refused:
        request_membership(actor=resident, community=community, message="Atkal")

    assert refused.value.code == "declined_recently"
    assert _day(30) in refused.value.messages[0]


def test_a_withdrawn_request_may_be_asked_again(resident, community):
    membership = request_membership(actor=resident, community=community)
    withdraw_membership_request(actor=resident, membership=membership)

    request_membership(actor=resident, community=community)

    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_the_message_to_the_leaders_is_plain_text_without_clickable_links(
    client, resident, leader, community, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, community, SPAM)

    assert [m.to for m in mailoutbox] == [[leader.email]]
    email = mailoutbox[0]
    assert email.alternatives == []  # no HTML part in which a link could be made
    assert email.content_subtype == "plain"
    assert SPAM in email.body  # as typed: not escaped, not turned into a link
    assert "&lt;" not in email.body
    client.force_login(leader)
    members = client.get(reverse("communities:member-list", args=[community.slug]))
    html = members.content.decode()
    assert '<a href="https://spam.example/">' not in html
    assert "&lt;a href=" in html


def test_a_returned_registration_reason_goes_out_as_plain_text(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    from communities.models import Community
    from tests.communities.factories import CommunityFactory, MembershipFactory
    from tests.portal.factories import UserFactory

    community = CommunityFactory(status=Community.Status.SUBMITTED)
    MembershipFactory(community=community, user=UserFactory(), role="leader")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:community-review", args=[community.slug]),
            {"decision": "return", "reason": SPAM},
        )

    assert len(mailoutbox) == 1
    assert mailoutbox[0].alternatives == []
    assert SPAM in mailoutbox[0].body
