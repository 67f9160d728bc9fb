"""One-click unsubscribe (RFC 8058) and the page where a person chooses their emails."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from communities.models import Community
from communities.outbox.activity import ACTIVITY_RECORD_REMINDER
from communities.outbox.membership import MEMBERSHIP_DECIDED, MEMBERSHIP_REQUESTED
from communities.outbox.registration import REGISTRATION_SUBMITTED
from communities.services.registration import submit_community
from communities.services.verification import verify_community
from portal import tasks
from portal.models import Notification, NotificationOptOut
from portal.outbox.tokens import make_token
from tests.communities.factories import CommunityFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def unsubscribe_path(message):
    header = message.extra_headers["List-Unsubscribe"]
    url = re.fullmatch(r"<(https?://[^>]+)>", header).group(1)
    return url.split("://", 1)[1].split("/", 1)[1]


def a_registration_is_submitted():
    leader = UserFactory()
    community = CommunityFactory(status=Community.Status.DRAFT, leader=leader)
    submit_community(actor=leader, community=community)
    tasks.deliver_due()
    return community


def test_every_optional_email_carries_a_one_click_unsubscribe(staff):
    a_registration_is_submitted()

    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http://testserver/lv/notifications/unsubscribe/")
    assert header[1:-1] in message.body  # the same link for people reading the email
    assert "List-Unsubscribe" in message.message().as_string()


def test_account_emails_have_no_unsubscribe(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "anna@example.lv",
                "full_name": "Anna Kalniņa",
                "password1": "Zalas-lapas-2026",
                "password2": "Zalas-lapas-2026",
            },
        )

    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_the_link_works_without_signing_in_and_stops_that_kind_only(staff):
    a_registration_is_submitted()
    path = "/" + unsubscribe_path(mail.outbox[0])
    anonymous = Client(enforce_csrf_checks=True)

    page = anonymous.get(path)
    assert page.status_code == 200
    assert b"<button" in page.content and staff.email.encode() in page.content
    assert not NotificationOptOut.objects.exists()  # a GET (a link scanner) changes nothing

    done = anonymous.post(path)  # the page's button, without a CSRF token
    assert done.status_code == 200
    assert list(NotificationOptOut.objects.values_list("user", "kind")) == [
        (staff.pk, REGISTRATION_SUBMITTED)
    ]

    mail.outbox.clear()
    a_registration_is_submitted()
    assert mail.outbox == []  # that kind is stopped
    assert Notification.objects.filter(status=Notification.Status.CANCELLED).count() == 1


def test_a_mail_clients_one_click_post_unsubscribes(staff):
    a_registration_is_submitted()
    path = "/" + unsubscribe_path(mail.outbox[0])

    response = Client(enforce_csrf_checks=True).post(
        path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert NotificationOptOut.objects.filter(user=staff).count() == 1


def test_other_kinds_still_come_after_unsubscribing_one(staff):
    leader = UserFactory(language="en")
    community = CommunityFactory(status=Community.Status.DRAFT, leader=leader)
    for kind in (REGISTRATION_SUBMITTED, MEMBERSHIP_REQUESTED):
        Client().post(reverse("notification-unsubscribe", args=[make_token(leader.pk, kind)]))
    assert NotificationOptOut.objects.filter(user=leader).count() == 2
    submit_community(actor=leader, community=community)
    verify_community(actor=staff, community=community)
    tasks.deliver_due()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([staff.email, leader.email])
    assert mail.outbox[-1].subject == f"{community.name} is verified"


@pytest.mark.parametrize(
    "forge",
    [
        lambda pk: "not-a-token",
        lambda pk: make_token(pk, REGISTRATION_SUBMITTED)[:-2] + "xx",
        lambda pk: make_token(pk + 1000, REGISTRATION_SUBMITTED),  # nobody
        lambda pk: make_token(pk, "account-password-reset"),  # a required kind stays on
        lambda pk: make_token(pk, "no-such-kind"),
    ],
    ids=["garbage", "tampered", "nobody", "required", "unknown kind"],
)
def test_a_forged_or_broken_link_changes_nothing(forge, resident):
    url = reverse("notification-unsubscribe", args=[forge(resident.pk)])

    assert Client().get(url).status_code == 400
    assert Client().post(url).status_code == 400
    assert not NotificationOptOut.objects.exists()


def test_a_person_chooses_their_emails_on_a_page(client, resident, django_assert_max_num_queries):
    client.force_login(resident)
    profile = client.get(reverse("profile"))
    assert reverse("notification-preferences").encode() in profile.content

    with django_assert_max_num_queries(6):
        page = client.get(reverse("notification-preferences"))
    assert page.status_code == 200
    assert set(page.context["form"].initial["wanted"]) >= {
        MEMBERSHIP_DECIDED,
        ACTIVITY_RECORD_REMINDER,
    }
    assert b"<fieldset" in page.content and b"<legend" in page.content
    assert b"account-confirm-email" not in page.content  # required: not offered

    wanted = [MEMBERSHIP_DECIDED]
    response = client.post(reverse("notification-preferences"), {"wanted": wanted})
    assert response.status_code == 302
    refused = set(NotificationOptOut.objects.filter(user=resident).values_list("kind", flat=True))
    assert MEMBERSHIP_DECIDED not in refused
    assert ACTIVITY_RECORD_REMINDER in refused
    assert "account-confirm-email" not in refused

    refused_kind = client.post(reverse("notification-preferences"), {"wanted": ["account-notice"]})
    assert refused_kind.status_code == 200 and refused_kind.context["form"].errors

    client.post(reverse("notification-preferences"), {"wanted": [ACTIVITY_RECORD_REMINDER]})
    refused = set(NotificationOptOut.objects.filter(user=resident).values_list("kind", flat=True))
    assert ACTIVITY_RECORD_REMINDER not in refused
    assert MEMBERSHIP_DECIDED in refused


def test_the_choices_page_needs_a_sign_in(client):
    response = client.get(reverse("notification-preferences"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert Notification.objects.count() == 0
