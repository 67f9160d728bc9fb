"""With the mail server down, people still end on the normal page; the mail follows later.

Everything over HTTP: sign-up, password reset and a community's verification, while the
backend raises; then the server is back and the periodic task (Celery beat) delivers.
"""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from communities.models import Community
from portal import tasks
from portal.models import Notification
from tests.communities.factories import CommunityFactory
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
Status = Notification.Status
DOWN = ["tests.failing_mail.EmailBackend", "tests.failing_mail.RefusingEmailBackend"]
BACK = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def the_server_is_back(settings):
    """Mail works again, and the periodic task runs later than any pause it was given."""
    settings.EMAIL_BACKEND = BACK
    with freeze_time(timezone.now() + datetime.timedelta(hours=2)):
        return tasks.deliver_due()


@pytest.mark.parametrize("backend", DOWN)
def test_sign_up_ends_on_its_page_and_the_confirmation_follows(
    client, settings, backend, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = backend
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "anna@example.lv",
                "full_name": "Anna Kalniņa",
                "password1": "Zalas-lapas-2026",
                "password2": "Zalas-lapas-2026",
            },
            follow=True,
        )

    assert response.status_code == 200
    assert "account/verification_sent.html" in [t.name for t in response.templates]
    waiting = Notification.objects.get(email="anna@example.lv")
    assert (waiting.kind, waiting.status, waiting.attempts) == (
        "account-confirm-email",
        Status.PENDING,
        1,
    )
    assert mail.outbox == []

    assert the_server_is_back(settings) == 1
    assert the_server_is_back(settings) == 0
    assert [m.to for m in mail.outbox] == [["anna@example.lv"]]
    confirm_url = link_in(mail.outbox[0])
    client.post(confirm_url)
    assert "_auth_user_id" in client.session
    waiting.refresh_from_db()
    assert (waiting.status, waiting.context) == (Status.SENT, {})  # the key is not kept


@pytest.mark.parametrize("backend", DOWN)
def test_password_reset_ends_on_its_page_and_the_link_follows(
    client, settings, backend, verified_email, django_capture_on_commit_callbacks
):
    user = UserFactory()
    verified_email(user)
    settings.EMAIL_BACKEND = backend

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_reset_password"), {"email": user.email}, follow=True
        )

    assert response.status_code == 200
    assert "account/password_reset_done.html" in [t.name for t in response.templates]
    assert Notification.objects.get(user=user).status == Status.PENDING

    assert the_server_is_back(settings) == 1
    reset_page = client.get(link_in(mail.outbox[0]), follow=True)
    client.post(
        reset_page.redirect_chain[-1][0],
        {"password1": "Jauna-parole-2026", "password2": "Jauna-parole-2026"},
    )
    user.refresh_from_db()
    assert user.check_password("Jauna-parole-2026")
    assert not user.check_password(PASSWORD)


@pytest.mark.parametrize("backend", DOWN)
def test_a_verification_ends_on_the_queue_and_the_leader_hears_later(
    client, settings, backend, staff, django_capture_on_commit_callbacks
):
    leader = UserFactory(language="en")
    community = CommunityFactory(status=Community.Status.SUBMITTED, leader=leader)
    client.force_login(staff)
    settings.EMAIL_BACKEND = backend

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:community-review", args=[community.slug]),
            {"decision": "verify", "reason": "Laipni lūgti!"},
            follow=True,
        )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("communities:community-queue")
    community.refresh_from_db()
    assert community.status == Community.Status.VERIFIED
    assert Notification.objects.get(user=leader).status == Status.PENDING

    assert the_server_is_back(settings) == 1
    assert [m.to for m in mail.outbox] == [[leader.email]]
    assert mail.outbox[0].subject == f"{community.name} is verified"
    assert "Laipni lūgti!" in mail.outbox[0].body


def test_a_broker_that_cannot_be_reached_loses_nothing(
    client, settings, staff, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis: Connection refused.")

    monkeypatch.setattr(tasks.deliver_notification, "delay", broker_down)
    leader = UserFactory()
    community = CommunityFactory(status=Community.Status.SUBMITTED, leader=leader)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:community-review", args=[community.slug]),
            {"decision": "verify", "reason": ""},
        )

    assert response.status_code == 302
    assert "Could not queue" in caplog.text
    assert Notification.objects.get(user=leader).status == Status.PENDING
    assert tasks.deliver_due() == 1
    assert [m.to for m in mail.outbox] == [[leader.email]]


def test_asking_for_a_new_verification_email_ends_on_its_page(
    client, settings, resident, verified_email, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    verified_email(resident)
    EmailAddress.objects.create(user=resident, email="jauna@example.lv", verified=False)
    client.force_login(resident)
    settings.EMAIL_BACKEND = DOWN[1]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_email"),
            {"action_send": "", "email": "jauna@example.lv"},
            follow=True,
        )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("account_email")
    waiting = Notification.objects.get(email="jauna@example.lv")
    assert (waiting.kind, waiting.status) == ("account-confirm-email", Status.PENDING)

    assert the_server_is_back(settings) == 1
    assert [m.to for m in mail.outbox] == [["jauna@example.lv"]]
    client.post(link_in(mail.outbox[0]))
    assert EmailAddress.objects.get(email="jauna@example.lv").verified
