"""A redis-server of the test's own, on a free port, that the test may stop and start again.

The shared Redis (REDIS_URL) is never stopped: other tests and people use it. The fixture
points the web side (the cache and Celery's broker) and the workers it starts at this one.
"""

import shutil
import socket
import subprocess
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from tests.worker_harness import require_worker_services


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self, tmp_path):
        self.port = _free_port()
        self.dir = tmp_path / "redis"
        self.dir.mkdir(exist_ok=True)
        self.process = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


def _retarget_celery(url):
    from kombu import pools

    from portal.celery import app

    pools.reset()  # kombu keeps a pool per broker URL, process-wide: start afresh
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url = url


@pytest.fixture
def own_redis(transactional_db, tmp_path):
    """A running redis-server of this test, used by the cache, the broker and new workers."""
    require_worker_services()
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed (bin/ensure-system-deps, .ci/run)")
    from portal.notifications import forget_broker_failure

    server = RedisServer(tmp_path)
    server.start()
    previous_broker = settings.CELERY_BROKER_URL
    caches_setting = {
        "default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": server.url}
    }
    try:
        with override_settings(REDIS_URL=server.url, CACHES=caches_setting):
            _retarget_celery(server.url)
            forget_broker_failure()
            yield server
    finally:
        caches["default"].close()
        _retarget_celery(previous_broker)
        forget_broker_failure()
        server.stop()
