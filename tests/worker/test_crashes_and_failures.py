"""Real workers on PostgreSQL and Redis: a sweep twice at once, a worker killed with SIGKILL
mid-sweep and restarted, and a message that cannot be sent failing after bounded tries."""

import signal
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Community, Membership
from portal import tasks
from portal.models import Notification
from tests.communities.factories import CommunityFactory
from tests.portal.factories import UserFactory, default_municipality
from tests.worker_harness import Worker, _workers

pytestmark = pytest.mark.worker
Status = Notification.Status


def _leaders_reminded_today(count):
    """``count`` active communities whose leaders are due the activity-record reminder today."""
    today = timezone.localdate()
    municipality = default_municipality()
    municipality.activity_record_locks_on_month = today.month
    municipality.activity_record_locks_on_day = today.day
    municipality.save()  # the record of last year locks today: the last reminder is due
    communities = [CommunityFactory.build(status=Community.Status.ACTIVE) for _ in range(count)]
    for number, community in enumerate(communities):
        community.slug = f"kopiena-{number}"
        community.name = f"Kopiena {number}"
        community.municipality = municipality
    communities = Community.objects.bulk_create(communities)
    leaders = UserFactory.create_batch(count)
    Membership.objects.bulk_create(
        Membership(
            community=community,
            user=leader,
            role=Membership.Role.LEADER,
            status=Membership.Status.ACTIVE,
        )
        for community, leader in zip(communities, leaders, strict=True)
    )
    return leaders


def _wait_until(condition, timeout=60, message=""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(message() if callable(message) else message or "timed out")


def _sent_once_each(worker, people):
    text, count = worker.mail()
    for person in people:
        assert text.count(f"To: {person.email}\n") == 1, person.email
    assert count == len(people)


@pytest.fixture
def restartable(transactional_db, tmp_path):
    """Workers started by the test itself (with their own settings), stopped at the end."""
    started = []

    def start(name, **env):
        worker = Worker(tmp_path, name, env=env)
        started.append(worker)
        worker.start()
        return worker

    for _ in _workers(tmp_path, []):  # the services, a purged queue, no eager tasks
        yield start
    for worker in started:
        worker.stop()


def test_two_sweeps_at_once_on_two_workers_remind_each_leader_once(restartable):
    leaders = _leaders_reminded_today(40)
    first = restartable("portal-sweep-1")
    restartable("portal-sweep-2")

    for _ in range(2):
        tasks.send_reminders.delay()

    _wait_until(lambda: first.mail()[1] >= 40, message=first.log)
    time.sleep(1.5)  # anything doubled would arrive meanwhile
    _sent_once_each(first, leaders)
    assert Notification.objects.filter(status=Status.SENT).count() == 40


def test_a_worker_killed_mid_sweep_and_restarted_sends_the_rest_once(restartable):
    leaders = _leaders_reminded_today(150)
    worker = restartable("portal-killed")

    tasks.send_reminders.delay()
    _wait_until(lambda: worker.mail()[1] >= 10, message=worker.log)
    # Stop it where the mail server has not yet accepted the message it is sending: a kill
    # between the server's "accepted" and the row's "sent" is the one case that sends twice
    # (docs/notifications.md), which no worker can tell from a lost message.
    while True:
        worker.signal(signal.SIGSTOP)
        text, _count = worker.mail()
        sending = Notification.objects.filter(status=Status.SENDING)
        if not any(f"To: {row.email}\n" in text for row in sending):
            break
        worker.signal(signal.SIGCONT)
        time.sleep(0.003)
    worker.signal(signal.SIGKILL)
    sent_before = worker.mail()[1]
    assert 10 <= sent_before < 150

    # Restarted; rows left "sending" by the dead worker are taken back at once here.
    again = restartable("portal-restarted", PORTAL_OUTBOX_STUCK_MINUTES="0")
    tasks.send_reminders.delay()  # beat: the next hourly sweep writes nothing new
    tasks.deliver_due.delay()  # beat: every minute
    _wait_until(
        lambda: not Notification.objects.exclude(status=Status.SENT).exists(),
        message=again.log,
    )
    time.sleep(1.5)
    _sent_once_each(again, leaders)
    assert Notification.objects.count() == 150


def test_a_message_that_cannot_be_sent_fails_after_its_tries_and_staff_resend_it(
    restartable, tmp_path, client, settings
):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    down = tmp_path / "mail-down"
    down.touch()
    worker = restartable(
        "portal-failing",
        EMAIL_BACKEND="tests.failing_mail.SwitchableEmailBackend",
        MAIL_DOWN_FLAG=str(down),
        PORTAL_OUTBOX_MAX_ATTEMPTS="3",
        PORTAL_OUTBOX_RETRY_SECONDS="1",
    )
    leader = UserFactory()
    staff = UserFactory(is_municipal_staff=True)
    community = CommunityFactory(status=Community.Status.SUBMITTED, leader=leader)
    client.force_login(staff)
    client.post(
        reverse("communities:community-review", args=[community.slug]),
        {"decision": "verify", "reason": ""},
    )
    message = Notification.objects.get(user=leader)

    _wait_until(
        lambda: Notification.objects.get(pk=message.pk).status == Status.FAILED,
        timeout=30,
        message=worker.log,
    )
    time.sleep(2.5)  # no further attempt after the last
    attempts = [float(line) for line in (tmp_path / "mail-down.attempts").read_text().split()]
    assert len(attempts) == 3
    pauses = [later - earlier for earlier, later in zip(attempts, attempts[1:], strict=False)]
    assert 0.9 <= pauses[0] < pauses[1] and pauses[1] >= 1.9, pauses  # 1 s, then 2 s
    message.refresh_from_db()
    assert message.attempts == 3 and "SMTPServerDisconnected" in message.last_error

    log = client.get("/lv/notifications/log/", {"status": "failed"})
    assert leader.email in log.content.decode()
    resend = reverse("notification-resend", args=[message.pk])
    assert f'action="{resend}"' in log.content.decode()

    down.unlink()  # the mail server is back
    client.post(resend)
    text = worker.wait_for_mail(1)
    assert f"To: {leader.email}\n" in text
    message.refresh_from_db()
    assert message.status == Status.SENT
