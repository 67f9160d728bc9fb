"""A real Celery worker for the tests marked ``worker``.

It runs as its own process against the test database and the Redis broker, sends mail with
the file backend into a temporary folder, and is stopped through its pid file. Without
PostgreSQL and Redis (DATABASE_URL and REDIS_URL) the tests are skipped, unless
PORTAL_REQUIRE_WORKER_TESTS=1 (as in CI), where they fail instead.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def require_worker_services():
    missing = []
    if not settings.REDIS_URL:
        missing.append("REDIS_URL")
    if connection.vendor != "postgresql":
        missing.append("DATABASE_URL pointing at PostgreSQL")
    if missing:
        message = "a real Celery worker needs " + " and ".join(missing)
        if os.environ.get("PORTAL_REQUIRE_WORKER_TESTS") == "1":
            pytest.fail(message)
        pytest.skip(message)


class Worker:
    def __init__(self, tmp_path, name="portal-test", env=None):
        self.name = name
        self.env = env or {}
        self.mail_dir = tmp_path / "mail"  # shared by the workers of one test
        self.mail_dir.mkdir(exist_ok=True)
        self.pidfile = tmp_path / f"{name}.pid"
        self.logfile = tmp_path / f"{name}.log"

    def start(self):
        db = connection.settings_dict
        database_url = (
            f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": database_url,
            "REDIS_URL": settings.REDIS_URL,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            **self.env,
        }
        subprocess.run(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--detach",
                f"--pidfile={self.pidfile}",
                f"--logfile={self.logfile}",
                "--loglevel=INFO",
                "--concurrency=1",
                "--pool=solo",
                f"--hostname={self.name}@%h",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=60,
        )
        self._wait_until_ready()

    def _wait_until_ready(self, timeout=45):
        from portal.celery import app

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            replies = app.control.ping(timeout=1.0) or []
            if any(f"{self.name}@" in name for reply in replies for name in reply):
                return
            time.sleep(0.5)
        raise AssertionError(f"the Celery worker did not start:\n{self.log()}")

    def log(self):
        return self.logfile.read_text() if self.logfile.exists() else "(no log)"

    def pid(self):
        return int(self.pidfile.read_text().strip())

    def signal(self, number):
        """Send the worker process a signal (SIGKILL: it dies on the spot, leaving its pid file)."""
        os.kill(self.pid(), number)
        if number == signal.SIGKILL:
            for _ in range(100):
                try:
                    os.kill(self.pid(), 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)
            self.pidfile.unlink(missing_ok=True)

    def stop(self):
        if not self.pidfile.exists():
            return
        pid = self.pid()
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)

    def mail(self):
        """Everything the workers sent so far, and how many messages that is."""
        messages = [f.read_text() for f in sorted(self.mail_dir.glob("*.log"))]
        count = sum(text.count("\nSubject: ") + text.startswith("Subject: ") for text in messages)
        return "\n".join(messages), count

    def wait_for_mail(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text, sent = self.mail()
            if sent >= count:
                return text
            time.sleep(0.3)
        raise AssertionError(f"no mail from the worker within {timeout}s:\n{self.log()}")


def _workers(tmp_path, names):
    require_worker_services()
    from portal.celery import app

    app.control.purge()
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    workers = [Worker(tmp_path, name) for name in names]
    try:
        for worker in workers:
            worker.start()
        yield workers
    finally:
        app.conf.task_always_eager = previous
        for worker in workers:
            worker.stop()


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    for workers in _workers(tmp_path, ["portal-test"]):
        yield workers[0]


@pytest.fixture
def two_celery_workers(transactional_db, tmp_path):
    """Two worker processes on the same queue, database and mail folder."""
    yield from _workers(tmp_path, ["portal-test", "portal-test-2"])
