"""With Redis stopped, the web keeps serving at normal speed; the mail follows once it is back.

A redis-server of the test's own (never the shared one) serves as the cache and the broker of
the test client and of a real Celery worker. It is stopped; sign-in, a join request and a
verification each answer within a second, their messages wait in the outbox; Redis starts
again, the periodic task (Celery beat, every minute) is queued and the worker sends them.
"""

import time

import pytest
from django.urls import reverse

from communities.models import Community, Membership
from portal import tasks
from portal.models import Notification
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.worker
Status = Notification.Status


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def test_with_redis_stopped_people_work_at_normal_speed_and_the_mail_follows(
    client,
    own_redis,
    worker_on_own_redis,
    verified_email,
):
    resident = UserFactory(language="lv")
    verified_email(resident)
    staff = UserFactory(is_municipal_staff=True)
    community = CommunityFactory(status=Community.Status.ACTIVE)
    leader = UserFactory(language="en")
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    submitted_leader = UserFactory(language="en")
    submitted = CommunityFactory(status=Community.Status.SUBMITTED, leader=submitted_leader)
    registry = reverse("communities:community-list")
    assert client.get(registry).status_code == 200  # the cache is warm: Redis was up

    own_redis.stop()

    page, seconds = timed(lambda: client.get(registry))
    assert page.status_code == 200 and seconds < 1.0, seconds
    assert community.name in page.content.decode()

    signed_in, seconds = timed(
        lambda: client.post(
            reverse("account_login"), {"login": resident.email, "password": PASSWORD}
        )
    )
    assert signed_in.status_code == 302 and seconds < 1.0, seconds
    assert client.session["_auth_user_id"] == str(resident.pk)

    joined, seconds = timed(
        lambda: client.post(
            reverse("communities:membership-request", args=[community.slug]),
            {"message": "Dzīvoju blakus."},
        )
    )
    assert joined.status_code == 302 and seconds < 1.0, seconds
    assert Membership.objects.get(user=resident, community=community).status == "pending"

    client.force_login(staff)
    verified, seconds = timed(
        lambda: client.post(
            reverse("communities:community-review", args=[submitted.slug]),
            {"decision": "verify", "reason": ""},
        )
    )
    assert verified.status_code == 302 and seconds < 1.0, seconds
    submitted.refresh_from_db()
    assert submitted.status == Community.Status.VERIFIED

    # Failed sign-ins are still limited, in the process's memory, while Redis is down.
    client.logout()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": leader.email, "password": "wrong"})
    refused = client.post(reverse("account_login"), {"login": leader.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert refused.status_code in (200, 429)

    waiting = Notification.objects.filter(status=Status.PENDING)
    assert set(waiting.values_list("email", flat=True)) == {leader.email, submitted_leader.email}
    assert worker_on_own_redis.mail()[1] == 0

    own_redis.start()
    from portal.notifications import forget_broker_failure

    forget_broker_failure()  # as after BROKER_RETRY_SECONDS
    deadline = time.monotonic() + 30
    while True:  # beat queues deliver_due every minute; the worker reconnects meanwhile
        tasks.deliver_due.delay()
        if worker_on_own_redis.mail()[1] >= 2 or time.monotonic() > deadline:
            break
        time.sleep(1)
    text = worker_on_own_redis.wait_for_mail(2)
    assert f"To: {leader.email}" in text and f"To: {submitted_leader.email}" in text
    assert "Dzīvoju blakus." in text
    assert not Notification.objects.exclude(status=Status.SENT).exists()
    assert client.get(registry).status_code == 200
