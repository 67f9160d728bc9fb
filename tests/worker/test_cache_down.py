"""The shared cache unreachable (nothing listens on its port): the web answers from memory.

No Redis needed: these run in the default suite. The worker tests (test_redis_down.py) stop a
real redis-server and check the mail that follows.
"""

import socket
import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from communities.models import Community
from tests.communities.factories import CommunityFactory
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends


@pytest.fixture
def unreachable_redis():
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    setting = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": url}}
    with override_settings(REDIS_URL=url, CACHES=setting):
        yield


def test_the_cache_answers_from_memory_and_leaves_redis_alone_for_a_while(unreachable_redis):
    cache.set("a", 1)
    assert cache.is_down()
    assert cache.get("a") == 1
    assert cache.add("a", 2) is False
    assert cache.incr("a") == 2
    assert cache.ping() is False

    cache._down_until = 0.0  # as when RETRY_SECONDS have passed: Redis is tried again
    started = time.monotonic()
    assert cache.get("a") == 2
    assert time.monotonic() - started < 0.3
    assert cache.is_down()


def test_sign_in_and_its_rate_limit_work_without_redis(client, unreachable_redis, verified_email):
    person = UserFactory()
    verified_email(person)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": person.email, "password": "wrong"})
    held = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert held.status_code in (200, 429)
    assert "_auth_user_id" not in client.session

    other = UserFactory()
    verified_email(other)
    started = time.monotonic()
    signed_in = client.post(reverse("account_login"), {"login": other.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)
    assert time.monotonic() - started < 1.0


def test_pages_are_rendered_afresh_while_redis_is_down(client, unreachable_redis):
    community = CommunityFactory(name="Pirmā kopiena", status=Community.Status.ACTIVE)
    registry = reverse("communities:community-list")
    html = client.get(registry).content.decode()
    assert "Pirmā kopiena" in html, html[html.index("<main") : html.index("</main>")]

    # Another process's change: it could not tell this one through the cache.
    Community.objects.filter(pk=community.pk).update(name="Otrā kopiena")
    assert "Otrā kopiena" in client.get(registry).content.decode()


def test_the_health_check_says_the_cache_is_down(client, unreachable_redis, settings):
    settings.PORTAL_HEALTHZ_TOKEN = "t"
    response = client.get("/healthz", HTTP_AUTHORIZATION="Bearer t")
    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")


def test_the_liveness_check_stays_ok_while_the_cache_is_down(client, unreachable_redis):
    # What the container health check asks: Redis down must not mark the web unhealthy.
    response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert client.get("/healthz").status_code == 503
