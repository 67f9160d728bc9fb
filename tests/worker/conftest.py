"""Fixtures of the worker tests: a redis-server of the test's own and a worker on it."""

import pytest

from tests.worker.own_redis import own_redis  # noqa: F401 - a fixture
from tests.worker_harness import Worker, celery_worker_process, two_celery_workers  # noqa: F401


@pytest.fixture
def worker_on_own_redis(own_redis, tmp_path):  # noqa: F811
    from portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    worker = Worker(tmp_path, "portal-redis-down")
    try:
        worker.start()
        yield worker
    finally:
        app.conf.task_always_eager = previous
        worker.stop()
