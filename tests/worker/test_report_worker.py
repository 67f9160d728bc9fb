"""A report render killed midway (SIGKILL) is finished by the other worker, once."""

import datetime
import signal
import time

import pytest
from django.utils import timezone

from communities.models import Event
from communities.reports import request_annual_report
from portal import tasks
from portal.models import Report
from tests.communities.factories import CommunityFactory
from tests.portal.factories import UserFactory
from tests.worker_harness import Worker, _workers

pytestmark = pytest.mark.worker
YEAR = timezone.localdate().year - 1


def _wait_until(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(message())


@pytest.fixture
def services(transactional_db, tmp_path):
    """PostgreSQL, Redis, a purged queue and no eager tasks; workers started by the test."""
    yield from _workers(tmp_path, [])


def test_a_render_killed_midway_is_finished_by_the_other_worker_once(services, tmp_path, settings):
    community = CommunityFactory(status="active")
    Event.objects.bulk_create(  # a long report: it takes the worker a few seconds
        Event(
            community=community,
            title=f"Apkaimes talka nr. {number}",
            date=datetime.date(YEAR, 1 + number % 12, 1 + number % 28),
            place="Tautas nams",
            kind="tradition",
            attendance=number,
        )
        for number in range(300)
    )
    env = {"PORTAL_REPORT_LEASE_SECONDS": "2"}
    workers = {name: Worker(tmp_path, name, env=env) for name in ("render-a", "render-b")}
    try:
        for worker in workers.values():
            worker.start()
        report = request_annual_report(actor=UserFactory(), community=community, year=YEAR)

        def state():
            return Report.objects.get(pk=report.pk)

        _wait_until(
            lambda: state().status == Report.Status.RENDERING,
            30,
            lambda: "\n".join(w.log() for w in workers.values()),
        )
        first = state().claimed_by.split("@")[0]
        workers[first].signal(signal.SIGKILL)  # mid-render
        assert state().status == Report.Status.RENDERING
        survivor = workers["render-b" if first == "render-a" else "render-a"]

        time.sleep(2.5)  # the lease runs out
        tasks.resume_reports.delay()  # Celery beat, every minute
        tasks.resume_reports.delay()  # ... and again: it is claimed once
        _wait_until(lambda: state().status == Report.Status.READY, 60, lambda: survivor.log())
        time.sleep(2)
        tasks.resume_reports.delay()
        time.sleep(1)
        done = state()
        assert done.attempts == 2  # the killed one and the finished one: no third
        assert done.claimed_by.startswith(survivor.name)
        files = list((settings.MEDIA_ROOT / "reports").rglob("*.pdf"))
        assert [f.name for f in files] == [f"{done.content_key}.pdf"]
        assert survivor.log().count("succeeded in") >= 1
    finally:
        for worker in workers.values():
            worker.stop()
