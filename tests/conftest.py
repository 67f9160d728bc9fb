"""Fixtures shared by every test: the factories, one user per role, a clean media folder.

Celery runs eagerly (portal.settings.test), so a task scheduled with
``transaction.on_commit`` sends its email when the test runs the commit callbacks
(``django_capture_on_commit_callbacks(execute=True)``); pytest-django's ``mailoutbox``
then holds it.
"""

import datetime
import os

import pytest

# PORTAL_FROZEN_DAY=2026-12-07: the whole run takes place on that day (from 12:00 in Riga, the
# clock ticking on), so a test that shows or compares a date shows it passes on any day. CI
# runs the tests marked `dates` so on the 7th and the 27th of the month (.ci/run). The clock
# stops before the test modules and factories are imported (some take today at import); a
# test that freezes the clock itself still wins inside its own `freeze_time`. Worker tests
# are skipped: the Celery worker runs in another process, on the real clock.
FROZEN_DAY = os.environ.get("PORTAL_FROZEN_DAY", "").strip()
_frozen_clock = None
if FROZEN_DAY:
    from freezegun import freeze_time

    _noon_in_riga = datetime.datetime.combine(
        datetime.date.fromisoformat(FROZEN_DAY), datetime.time(10, 0), datetime.UTC
    )
    _frozen_clock = freeze_time(_noon_in_riga, tick=True)
    _frozen_clock.start()

from allauth.account.models import EmailAddress  # noqa: E402

from communities.models import Community, Membership  # noqa: E402
from tests import access  # noqa: E402
from tests.communities.factories import (  # noqa: E402
    CommunityFactory,
    EventFactory,
    JointOpinionFactory,
    MembershipFactory,
)
from tests.portal.factories import (  # noqa: E402
    PASSWORD,
    ContactPersonFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    ParishFactory,
    TerritoryFactory,
    UserFactory,
    default_municipality,
)


def pytest_unconfigure(config):
    global _frozen_clock
    if _frozen_clock is not None:
        _frozen_clock.stop()
        _frozen_clock = None


def pytest_report_header(config):
    if FROZEN_DAY:
        return f"PORTAL_FROZEN_DAY={FROZEN_DAY}: the clock starts at 12:00 in Riga on that day"
    return None


def pytest_sessionfinish(session):
    """Under pytest-xdist, a worker hands its count of access-matrix checks to the controller."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["access_checks"] = access.checks_made()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist's controller: a worker finished; add its access-matrix checks."""
    access.add_checks_of_worker(getattr(node, "workeroutput", {}).get("access_checks", 0))


def pytest_terminal_summary(terminalreporter):
    made = access.checks_made()
    if made:
        terminalreporter.write_line(
            f"access matrices: {made:,} (role, page, expected answer) checks made "
            f"(before the fold: {access.BEFORE_CHECKS:,} checks in {access.BEFORE_CASES:,} "
            "parametrized cases; tests/access.py)"
        )


# Under pytest-xdist (make test), the tests marked `worker` run one after another in one process
# (--dist loadgroup): each starts Celery workers on the shared broker (REDIS_URL), purges its
# queue and pings the workers by name, so two at once would take each other's messages. (A
# module whose tests share a costly module-scoped fixture is one group too, so it is built once.)
WORKER_GROUP = "celery-worker"


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="PORTAL_FROZEN_DAY: the worker runs on the real clock")
    workers = [item for item in items if item.get_closest_marker("worker")]
    for item in workers:
        item.add_marker(pytest.mark.xdist_group(WORKER_GROUP))
        if FROZEN_DAY:
            item.add_marker(skip)
    result = yield
    # pytest-xdist 3.8 names a test's group in its id (``…@celery-worker``), which its
    # loadgroup scheduling reads, by setting ``item._nodeid``; pytest 9 keeps the id elsewhere.
    if getattr(config.option, "loadgroup", False):
        from _pytest.nodeid import coerce_node_id

        for item in items:
            groups = {
                str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                for mark in item.iter_markers("xdist_group")
            }
            suffix = "@" + "_".join(sorted(groups))
            if groups and not item.nodeid.endswith(suffix):
                item._id = coerce_node_id(item.nodeid + suffix)
    return result


@pytest.fixture(autouse=True)
def _one_worker_test_at_a_time(request):
    """Whatever the scheduling, no two tests marked `worker` run at once on one broker: each
    holds a lock file named after REDIS_URL (pytest-xdist's processes, other checkouts)."""
    if request.node.get_closest_marker("worker") is None:
        yield
        return
    import fcntl
    import hashlib
    import tempfile
    from pathlib import Path

    from django.conf import settings

    broker = hashlib.sha256((settings.REDIS_URL or "").encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"portal-worker-tests-{broker}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the portal's language. A request in English leaves English active
    in its thread (LocaleMiddleware activates, nothing deactivates), so a later test's
    ``reverse()`` would build an /en/ address: which test ran before must not matter."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads of a test land in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached values never leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


DB_FIXTURES = {"db", "transactional_db", "live_server"}


@pytest.fixture(autouse=True)
def _default_municipality(request):
    """Every test with a database starts with the municipality ``testserver`` serves.

    Mark a test ``no_default_municipality`` to start from an empty installation.
    """
    uses_db = request.node.get_closest_marker("django_db") or DB_FIXTURES & set(
        request.fixturenames
    )
    if not uses_db or request.node.get_closest_marker("no_default_municipality"):
        return None
    request.getfixturevalue("transactional_db" if "live_server" in request.fixturenames else "db")
    municipality = default_municipality()
    return municipality


@pytest.fixture
def password():
    """The password every factory-made user has."""
    return PASSWORD


# Factories, as fixtures ------------------------------------------------------------


@pytest.fixture
def user_factory(db):
    return UserFactory


@pytest.fixture
def municipality_factory(db):
    return MunicipalityFactory


@pytest.fixture
def municipality(db):
    """The municipality the test client's host serves."""
    return default_municipality()


@pytest.fixture
def territory_factory(db):
    return TerritoryFactory


@pytest.fixture
def parish_factory(db):
    return ParishFactory


@pytest.fixture
def neighbourhood_factory(db):
    return NeighbourhoodFactory


@pytest.fixture
def contact_person_factory(db):
    return ContactPersonFactory


@pytest.fixture
def community_factory(db):
    return CommunityFactory


@pytest.fixture
def membership_factory(db):
    return MembershipFactory


@pytest.fixture
def event_factory(db):
    return EventFactory


@pytest.fixture
def joint_opinion_factory(db):
    return JointOpinionFactory


# Data and people --------------------------------------------------------------------


@pytest.fixture
def neighbourhood(db):
    return NeighbourhoodFactory()


@pytest.fixture
def community(db):
    """An active community; ``leader``, ``board_member`` and ``member`` belong to it."""
    return CommunityFactory(status=Community.Status.ACTIVE)


@pytest.fixture
def resident(db):
    """A signed-up person with no role anywhere."""
    return UserFactory()


@pytest.fixture
def leader(community):
    user = UserFactory()
    MembershipFactory(community=community, user=user, role=Membership.Role.LEADER)
    return user


@pytest.fixture
def board_member(community):
    user = UserFactory()
    MembershipFactory(community=community, user=user, role=Membership.Role.BOARD)
    return user


@pytest.fixture
def member(community):
    user = UserFactory()
    MembershipFactory(community=community, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def staff(db):
    return UserFactory(is_municipal_staff=True)


@pytest.fixture
def evaluator(db):
    return UserFactory(is_evaluator=True)


@pytest.fixture
def council_member(db):
    return UserFactory(is_council_member=True)


@pytest.fixture
def admin_user(db):
    """A superuser (replaces pytest-django's ``admin_user``, which ``admin_client`` uses)."""
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def verified_email(db):
    """``verified_email(user)``: give the user the confirmed address allauth's login needs."""

    def make(user):
        return EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )[0]

    return make


@pytest.fixture(scope="session", autouse=True)
def _drop_stray_database_sessions(django_db_setup, django_db_blocker):
    """Close what the live server's threads leave open, so the test database can be dropped.

    pytest-django's live server outlives the test database's teardown; on PostgreSQL its
    request threads' connections would block ``DROP DATABASE``.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
