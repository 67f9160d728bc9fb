"""Staff read the delivery log of their municipality and resend a failed message."""

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.models import Notification
from tests.portal.factories import MunicipalityFactory, UserFactory, failed_message

pytestmark = pytest.mark.django_db
Status = Notification.Status
LOG = "/lv/notifications/log/"


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False


@pytest.fixture
def other():
    return MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])


def test_staff_see_only_their_municipalitys_messages(client, staff, other):
    ours = failed_message(user=UserFactory(email="ours@example.lv"))
    failed_message(municipality=other, user=UserFactory(email="theirs@example.lv"))
    client.force_login(staff)

    page = client.get(LOG)

    assert page.status_code == 200
    assert list(page.context["notifications"]) == [ours]
    assert b"ours@example.lv" in page.content and b"theirs@example.lv" not in page.content
    assert b"<caption" in page.content and b'scope="col"' in page.content


def test_the_log_filters_by_status_and_is_paginated(client, staff, django_assert_max_num_queries):
    for number in range(60):
        failed_message(status=Status.SENT if number % 3 else Status.FAILED, key=f"k:{number}")
    client.force_login(staff)

    with django_assert_max_num_queries(8):
        page = client.get(LOG)
    assert page.context["paginator"].count == 60
    assert len(page.context["notifications"]) == 50
    assert page.context["is_paginated"]

    with django_assert_max_num_queries(8):
        failed = client.get(LOG, {"status": "failed"})
    assert failed.context["paginator"].count == 20
    assert {row.status for row in failed.context["notifications"]} == {Status.FAILED}
    assert b"Send again" in failed.content or "Sūtīt vēlreiz".encode() in failed.content

    second = client.get(LOG, {"page": 2})
    assert len(second.context["notifications"]) == 10


def test_staff_resend_a_failed_message_and_it_goes_out(
    client, staff, django_capture_on_commit_callbacks
):
    from tests.communities.factories import CommunityFactory

    community = CommunityFactory()
    message = failed_message(context={"community": community.pk})
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("notification-resend", args=[message.pk]), {"next": LOG + "?status=failed"}
        )

    assert response.status_code == 302
    assert response["Location"] == LOG + "?status=failed"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 1, "")
    assert [m.to for m in mail.outbox] == [[message.email]]


def test_only_a_failed_message_is_resent(client, staff):
    message = failed_message(status=Status.SENT)
    client.force_login(staff)

    response = client.post(reverse("notification-resend", args=[message.pk]), follow=True)

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]]
    message.refresh_from_db()
    assert message.status == Status.SENT


def test_resend_goes_back_only_to_this_site(client, staff):
    message = failed_message()
    client.force_login(staff)

    response = client.post(
        reverse("notification-resend", args=[message.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("notification-log")


def test_staff_of_another_municipality_are_refused(other):
    message = failed_message()
    theirs = UserFactory(staff_of=other)
    for host, expected in (("testserver", 403), ("beta.test", 404)):
        client = Client(HTTP_HOST=host)
        client.force_login(theirs)
        assert client.post(reverse("notification-resend", args=[message.pk])).status_code == (
            expected
        )
    assert Client(HTTP_HOST="testserver").get(LOG).status_code == 302  # sign in first
    message.refresh_from_db()
    assert message.status == Status.FAILED

    client = Client(HTTP_HOST="beta.test")
    client.force_login(theirs)
    assert list(client.get(LOG).context["notifications"]) == []


@pytest.mark.parametrize("role", ["resident", "leader"])
def test_people_who_are_not_staff_are_refused(client, role, request):
    message = failed_message()
    client.force_login(request.getfixturevalue(role))

    assert client.get(LOG).status_code == 403
    assert client.post(reverse("notification-resend", args=[message.pk])).status_code == 403
    assert client.get(reverse("notification-resend", args=[message.pk])).status_code in (403, 405)
    message.refresh_from_db()
    assert message.status == Status.FAILED


def test_staff_with_mfa_required_see_the_log_link(client, settings, staff):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(staff)

    assert LOG.encode() in client.get("/lv/").content
