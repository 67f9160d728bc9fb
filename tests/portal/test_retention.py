"""Retention (issue 25, item 6): outbox bodies, the delivery log, security events' addresses
and the events themselves, and expired sessions are purged after their configurable periods
by a periodic task."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from portal import tasks
from portal.models import Notification, SecurityEvent
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 1, 10, 9, 0, tzinfo=datetime.UTC)


def days_later(days):
    return freeze_time(START + datetime.timedelta(days=days, minutes=1))


def test_the_purge_runs_every_day_from_beat():
    entry = django_settings.CELERY_BEAT_SCHEDULE["purge-old-data"]
    assert entry["task"] == "portal.tasks.purge_old_data"
    assert entry["schedule"].remaining_estimate(timezone.now()) <= datetime.timedelta(days=1)


@pytest.fixture
def signed_in_once(verified_email, django_capture_on_commit_callbacks):
    """At START a person signs in from 198.51.100.30 and asks for a password reset: a
    security event with the address, a session and a message sent."""
    person = UserFactory(email="anna@example.lv")
    verified_email(person)
    with freeze_time(START), django_capture_on_commit_callbacks(execute=True):
        client = Client(REMOTE_ADDR="198.51.100.30")
        client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
        Client().post(reverse("account_reset_password"), {"email": person.email})
        Client(REMOTE_ADDR="198.51.100.31").post(
            reverse("account_login"), {"login": person.email, "password": "wrong-password"}
        )
    return person


def test_message_bodies_go_after_their_period_and_the_log_rows_later(settings, signed_in_once):
    settings.PORTAL_OUTBOX_BODY_RETENTION_DAYS = 10
    settings.PORTAL_DELIVERY_LOG_RETENTION_DAYS = 40
    reset = Notification.objects.get(email="anna@example.lv", kind="account-password-reset")
    assert reset.status == Notification.Status.SENT
    assert reset.context == {}  # a secret kind forgets its link as soon as it is sent
    body = {"values": {"community": 7}}
    sent, waiting = (
        Notification.objects.create(
            email="anna@example.lv",
            kind="account-notice",
            key=f"retention:{status}",
            context=body,
            status=status,
            created_at=START,
            sent_at=START if status == Notification.Status.SENT else None,
        )
        for status in (Notification.Status.SENT, Notification.Status.PENDING)
    )

    with days_later(9):
        tasks.purge_old_data.delay()
    sent.refresh_from_db()
    assert sent.context

    with days_later(10):
        tasks.purge_old_data.delay()
    sent.refresh_from_db()
    assert sent.context == {} and sent.last_error == ""
    assert sent.kind and sent.sent_at  # the delivery log still says it was sent

    with days_later(40):
        tasks.purge_old_data.delay()
    assert not Notification.objects.filter(pk__in=[sent.pk, reset.pk]).exists()
    waiting.refresh_from_db()  # a message still waiting is never touched
    assert waiting.context == body


def test_security_events_lose_the_address_then_go(settings, signed_in_once):
    settings.PORTAL_SECURITY_IP_RETENTION_DAYS = 20
    settings.PORTAL_SECURITY_EVENT_RETENTION_DAYS = 50
    login = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN, actor=signed_in_once)
    failed = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_FAILED)
    assert login.client_ip == "198.51.100.30"
    assert failed.data == {"login": "anna@example.lv"}
    with days_later(19):
        tasks.purge_old_data.delay()
    assert SecurityEvent.objects.filter(client_ip__isnull=False).count() == 2

    with days_later(20):
        tasks.purge_old_data.delay()
    login.refresh_from_db()
    failed.refresh_from_db()
    assert login.client_ip is None and login.actor_id == signed_in_once.pk
    assert failed.client_ip is None and failed.data == {"login": ""}

    with days_later(50):
        tasks.purge_old_data.delay()
    assert not SecurityEvent.objects.filter(at__lt=START + datetime.timedelta(days=1)).exists()


def test_expired_and_signed_out_sessions_go(settings, verified_email):
    person = UserFactory()
    verified_email(person)
    with freeze_time(START):
        left = Client()
        left.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
        signed_out = Client()
        signed_out.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
        signed_out.post(reverse("account_logout"))
    assert Session.objects.count() == 1  # signing out deleted its session at once
    age = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with freeze_time(START + age - datetime.timedelta(hours=1)):
        stays = Client()
        stays.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})

    with freeze_time(START + age + datetime.timedelta(minutes=1)):
        tasks.purge_old_data.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        stays.session.session_key
    ]
