"""The outbox: one row per (recipient, occasion), sent once, retried, never lost."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from freezegun import freeze_time

from communities.models import Community
from communities.outbox.registration import REGISTRATION_SUBMITTED
from communities.services.registration import submit_community
from portal import tasks
from portal.models import Notification, NotificationOptOut
from portal.outbox import notify
from portal.outbox.delivery import backoff
from tests import failing_mail
from tests.communities.factories import CommunityFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Notification.Status


def submitted_community():
    leader = UserFactory()
    community = CommunityFactory(status=Community.Status.DRAFT, leader=leader)
    submit_community(actor=leader, community=community)
    return community


def test_a_service_writes_one_row_per_recipient_in_its_transaction(staff):
    other = UserFactory(is_municipal_staff=True)

    community = submitted_community()

    rows = Notification.objects.filter(kind=REGISTRATION_SUBMITTED)
    assert sorted(rows.values_list("user", flat=True)) == sorted([staff.pk, other.pk])
    change = community.status_changes.get(to_status=Community.Status.SUBMITTED)
    assert set(rows.values_list("key", flat=True)) == {f"community-submitted:{change.pk}"}
    assert {row.municipality for row in rows} == {community.municipality}
    assert all(row.status == Status.PENDING for row in rows)


def test_a_failed_change_writes_no_message(staff):
    leader = UserFactory()
    community = CommunityFactory(status=Community.Status.DRAFT, leader=leader)

    with pytest.raises(RuntimeError), transaction.atomic():
        submit_community(actor=leader, community=community)
        raise RuntimeError("the request fails after the service")

    assert not Notification.objects.exists()


def test_the_same_occasion_is_written_once_per_recipient(staff):
    community = CommunityFactory()
    for _ in range(3):
        notify(
            REGISTRATION_SUBMITTED,
            occasion="42",
            municipality=community.municipality,
            ids={"community": community.pk},
        )

    assert Notification.objects.filter(user=staff).count() == 1


def test_the_database_refuses_a_second_row_for_the_same_recipient_and_key(staff):
    row = {"email": staff.email, "kind": "community-submitted", "key": "community-submitted:1"}
    Notification.objects.create(user=staff, **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(user=staff, **row)
    Notification.objects.create(user=None, **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(user=None, **row)


def test_the_delivery_task_run_twice_sends_each_message_once(staff, mailoutbox):
    submitted_community()
    row = Notification.objects.get(user=staff)

    assert tasks.deliver_notification(row.pk) == Status.SENT
    assert tasks.deliver_notification(row.pk) is None
    tasks.deliver_due()

    assert [m.to for m in mailoutbox] == [[staff.email]]
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 1, "")
    assert row.sent_at is not None


def test_a_dead_mail_server_delays_and_the_periodic_task_delivers(settings, staff, mailoutbox):
    settings.EMAIL_BACKEND = "tests.failing_mail.EmailBackend"
    failing_mail.EmailBackend.attempts = 0
    start = timezone.now()
    with freeze_time(start) as clock:
        submitted_community()
        row = Notification.objects.get(user=staff)
        assert tasks.deliver_notification(row.pk) == Status.PENDING
        row.refresh_from_db()
        assert row.next_attempt_at == start + backoff(1)
        assert "does not answer" in row.last_error

        assert tasks.deliver_due() == 0  # not due yet: nothing is tried
        assert failing_mail.EmailBackend.attempts == 1

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        clock.tick(backoff(1))
        assert tasks.deliver_due() == 1
        assert tasks.deliver_due() == 0

    assert [m.to for m in mail.outbox] == [[staff.email]]
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (Status.SENT, 2, "")


def test_after_the_last_attempt_the_message_is_failed(settings, staff):
    settings.EMAIL_BACKEND = "tests.failing_mail.EmailBackend"
    settings.PORTAL_OUTBOX_MAX_ATTEMPTS = 3
    with freeze_time(timezone.now()) as clock:
        submitted_community()
        for _ in range(5):
            tasks.deliver_due()
            clock.tick(datetime.timedelta(hours=2))

    row = Notification.objects.get(user=staff)
    assert (row.status, row.attempts) == (Status.FAILED, 3)


def test_a_row_left_sending_by_a_dead_worker_is_taken_back(settings, staff, mailoutbox):
    submitted_community()
    row = Notification.objects.get(user=staff)
    claimed = timezone.now() - datetime.timedelta(minutes=settings.PORTAL_OUTBOX_STUCK_MINUTES)
    Notification.objects.filter(pk=row.pk).update(
        status=Status.SENDING, claimed_at=claimed + datetime.timedelta(minutes=1), attempts=1
    )

    assert tasks.deliver_due() == 0  # still within the time a worker may take
    Notification.objects.filter(pk=row.pk).update(claimed_at=claimed - datetime.timedelta(1))
    assert tasks.deliver_due() == 1

    assert [m.to for m in mailoutbox] == [[staff.email]]


def test_a_message_of_a_kind_turned_off_meanwhile_is_not_sent(staff, mailoutbox):
    submitted_community()
    NotificationOptOut.objects.create(user=staff, kind=REGISTRATION_SUBMITTED)

    tasks.deliver_due()

    assert mailoutbox == []
    assert Notification.objects.get(user=staff).status == Status.CANCELLED


def test_a_message_whose_object_is_gone_fails_without_retrying(staff, mailoutbox):
    community = submitted_community()
    Community.objects.filter(pk=community.pk).delete()
    Notification.objects.create(
        user=staff,
        email=staff.email,
        kind=REGISTRATION_SUBMITTED,
        key="community-submitted:gone",
        context={"community": community.pk},
    )

    tasks.deliver_due()

    row = Notification.objects.get(key="community-submitted:gone")
    assert (row.status, row.attempts) == (Status.FAILED, 1)
    assert "DoesNotExist" in row.last_error
    assert mailoutbox == []


def test_a_message_the_backend_refuses_for_good_fails_at_once(settings, staff):
    settings.EMAIL_BACKEND = "tests.failing_mail.BrokenEmailBackend"
    submitted_community()

    tasks.deliver_due()

    row = Notification.objects.get(user=staff)
    assert (row.status, row.attempts) == (Status.FAILED, 1)
    assert row.last_error.startswith("ValueError")
