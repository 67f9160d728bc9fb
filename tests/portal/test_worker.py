"""The outbox with real Celery workers on Redis and PostgreSQL: each message sent once."""

import time

import pytest
from django.utils import timezone

from communities.models import Community
from communities.outbox.registration import REGISTRATION_SUBMITTED
from communities.services.registration import submit_community
from communities.services.verification import return_community
from portal import tasks
from portal.models import Notification
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import UserFactory, default_municipality
from tests.worker_harness import celery_worker_process, two_celery_workers  # noqa: F401

pytestmark = pytest.mark.worker


def test_a_real_worker_tells_staff_about_a_registration_in_their_language(
    celery_worker_process,  # noqa: F811
):
    staff_lv = UserFactory(is_municipal_staff=True, language="lv")
    staff_en = UserFactory(is_municipal_staff=True, language="en")
    leader = UserFactory()
    community = CommunityFactory(status=Community.Status.DRAFT, leader=leader)

    submit_community(actor=leader, community=community)

    mail = celery_worker_process.wait_for_mail(2)
    assert staff_lv.email in mail and staff_en.email in mail
    assert f"/lv/communities/{community.slug}/review/" in mail
    assert f"/en/communities/{community.slug}/review/" in mail


def test_a_real_worker_tells_the_leader_the_registration_was_returned(
    celery_worker_process,  # noqa: F811
):
    staff = UserFactory(is_municipal_staff=True)
    leader = UserFactory(language="en")
    community = CommunityFactory(status=Community.Status.SUBMITTED, leader=leader)

    return_community(actor=staff, community=community, reason="Add the member list.")

    mail = celery_worker_process.wait_for_mail(1)
    assert leader.email in mail
    assert "Add the member list." in mail
    assert f"/en/communities/{community.slug}/edit/" in mail


def _all_sent(timeout=45):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Notification.objects.exclude(status=Notification.Status.SENT).exists():
            return
        time.sleep(0.3)
    raise AssertionError(list(Notification.objects.values_list("status", "last_error")))


def _waiting_messages(count):
    """``count`` outbox rows for ``count`` people, written without queueing their delivery."""
    community = CommunityFactory()
    people = UserFactory.create_batch(count)
    Notification.objects.bulk_create(
        Notification(
            user=person,
            email=person.email,
            municipality=community.municipality,
            kind=REGISTRATION_SUBMITTED,
            key=f"community-submitted:{community.pk}",
            context={"community": community.pk},
        )
        for person in people
    )
    return people


def _sent_once_each(text, people):
    for person in people:
        assert text.count(f"To: {person.email}") == 1, person.email


def test_the_delivery_task_queued_twice_sends_each_message_once(
    celery_worker_process,  # noqa: F811
):
    people = _waiting_messages(5)
    for pk in Notification.objects.values_list("pk", flat=True):
        tasks.deliver_notification.delay(pk)
        tasks.deliver_notification.delay(pk)
    tasks.deliver_due.delay()

    _all_sent()
    time.sleep(2)  # let the worker take the tasks still queued
    text, count = celery_worker_process.mail()
    assert count == 5
    _sent_once_each(text, people)


def test_two_workers_send_each_message_once(two_celery_workers):  # noqa: F811
    first, _second = two_celery_workers
    people = _waiting_messages(30)
    ids = list(Notification.objects.values_list("pk", flat=True))
    for _ in range(2):
        tasks.deliver_due.delay()
        for pk in ids:
            tasks.deliver_notification.delay(pk)

    _all_sent()
    time.sleep(2)
    text, count = first.mail()
    assert count == 30
    _sent_once_each(text, people)
    assert Notification.objects.filter(attempts=1).count() == 30


def test_two_workers_sweeping_at_once_remind_each_leader_once(two_celery_workers):  # noqa: F811
    first, _second = two_celery_workers
    today = timezone.localdate()
    municipality = default_municipality()
    municipality.activity_record_locks_on_month = today.month
    municipality.activity_record_locks_on_day = today.day
    municipality.save()  # the record of last year locks today: the last reminder is due
    leaders = []
    for _ in range(4):
        community = CommunityFactory(status=Community.Status.ACTIVE)
        leaders.append(UserFactory())
        MembershipFactory(community=community, user=leaders[-1], role="leader")

    for _ in range(4):
        tasks.send_reminders.delay()

    first.wait_for_mail(4)
    _all_sent()
    time.sleep(2)
    text, count = first.mail()
    assert count == 4
    _sent_once_each(text, leaders)
