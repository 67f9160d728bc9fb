"""The cache and Celery's broker in two Redis instances (issue 24 items 6 and 7).

Two redis-servers of the test's own on free ports (never the shared one): CACHE_REDIS_URL is
the cache, REDIS_URL the broker. ``/healthz`` names each; with the cache's instance stopped
the pages and sign-in keep working and only the cache is reported down, and the other way
round. Runs in the default suite (no worker, no PostgreSQL), skipped without redis-server.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import yaml
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from communities.models import Community
from portal.notifications import forget_broker_failure
from tests.communities.factories import CommunityFactory
from tests.portal.factories import PASSWORD, UserFactory
from tests.worker.own_redis import RedisServer, _retarget_celery

pytestmark = pytest.mark.django_db

TOKEN = "operators-token"


def _server(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    server = RedisServer(folder)
    server.start()
    return server


@pytest.fixture
def two_redis(tmp_path, settings):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    from portal.celery import app

    previous_broker = app.conf.broker_url
    broker = _server(tmp_path, "broker")
    cache_server = _server(tmp_path, "cache")
    caches = {
        "default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": cache_server.url}
    }
    settings.PORTAL_HEALTHZ_TOKEN = TOKEN
    try:
        with override_settings(
            REDIS_URL=broker.url, CACHE_REDIS_URL=cache_server.url, CACHES=caches
        ):
            _retarget_celery(broker.url)
            forget_broker_failure()
            yield broker, cache_server
    finally:
        _retarget_celery(previous_broker)
        forget_broker_failure()
        cache_server.stop()
        broker.stop()


def _health(client):
    response = client.get("/healthz", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    return response.status_code, response.json()


def test_the_cache_writes_to_its_own_instance_and_healthz_checks_both(client, two_redis):
    broker, cache_server = two_redis
    cache.set("only-in-the-cache", 1)

    assert redis.Redis.from_url(cache_server.url).get(":1:only-in-the-cache") is not None
    assert redis.Redis.from_url(broker.url).dbsize() == 0
    assert _health(client) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"},
    )


def test_with_the_cache_down_healthz_says_so_and_pages_and_sign_in_still_work(
    client, two_redis, verified_email
):
    _broker, cache_server = two_redis
    CommunityFactory(name="Pirmā kopiena", status=Community.Status.ACTIVE)
    person = UserFactory()
    verified_email(person)
    cache_server.stop()

    status, body = _health(client)
    assert status == 503
    assert body["cache"].startswith("error")
    assert (body["database"], body["broker"]) == ("ok", "ok")
    assert client.get("/healthz").json() == {"status": "error"}
    assert client.get("/healthz/live").status_code == 200

    started = time.monotonic()
    registry = client.get(reverse("communities:community-list"))
    signed_in = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert time.monotonic() - started < 2.0
    assert registry.status_code == 200
    assert "Pirmā kopiena" in registry.content.decode()
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_with_the_broker_down_healthz_names_the_broker_and_not_the_cache(client, two_redis):
    broker, _cache_server = two_redis
    broker.stop()

    status, body = _health(client)
    assert status == 503
    assert body["broker"].startswith("error")
    assert (body["database"], body["cache"]) == ("ok", "ok")


ROOT = Path(__file__).resolve().parents[2]


def _settings_with(**env):
    code = (
        "import json; from portal.settings import base as s; "
        "print(json.dumps([s.CACHES['default'].get('LOCATION'), s.CELERY_BROKER_URL]))"
    )
    environment = {**os.environ, "REDIS_URL": "", "CACHE_REDIS_URL": "", **env}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_cache_takes_its_own_redis_and_falls_back_to_the_brokers():
    broker, cache_url = "redis://broker:6379/0", "redis://cache:6379/0"
    assert _settings_with(REDIS_URL=broker, CACHE_REDIS_URL=cache_url) == [cache_url, broker]
    assert _settings_with(REDIS_URL=broker) == [broker, broker]  # one Redis: dev and CI
    assert _settings_with() == [None, "memory://"]  # no Redis: memory, tasks at once


def test_docker_compose_runs_the_cache_and_the_broker_in_two_instances():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services, env = compose["services"], compose["x-portal-env"]
    assert env["REDIS_URL"].startswith("redis://redis-broker:")
    assert env["CACHE_REDIS_URL"].startswith("redis://redis-cache:")

    cache_command = services["redis-cache"]["command"]
    assert _option(cache_command, "--maxmemory") == "256mb"
    assert _option(cache_command, "--maxmemory-policy") == "allkeys-lru"
    assert _option(cache_command, "--save") == ""
    assert _option(cache_command, "--appendonly") == "no"
    assert "volumes" not in services["redis-cache"]

    broker_command = services["redis-broker"]["command"]
    assert _option(broker_command, "--maxmemory-policy") == "noeviction"
    assert _option(broker_command, "--appendonly") == "yes"
    assert "--maxmemory" not in broker_command
    assert services["redis-broker"]["volumes"] == ["redisdata:/data"]
    for name in ("web", "worker", "beat"):
        assert "redis" not in services[name].get("depends_on", {}), name


def _option(command, name):
    return command[command.index(name) + 1]
