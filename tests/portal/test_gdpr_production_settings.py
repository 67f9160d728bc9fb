"""Items 1 and 2 of issue 16 against the production settings, with the addresses the proxy
of docker-compose.yml forwards (tests/portal/production_probe.py makes the requests), and
the compose file and the proxy's configuration that keep the proxy the only way in."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
# One process of pytest-xdist runs the probe once for all of them (the `seen` fixture).
pytestmark = pytest.mark.xdist_group("production-probe")


@pytest.fixture(scope="module")
def seen(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "p" * 20 + "-production-like-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "*",  # as docker-compose.yml sets it: the host table is the allow-list
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "TRUSTED_PROXY_COUNT": "1",  # as docker-compose.yml sets it
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "REDIS_URL": "",
        "CACHE_REDIS_URL": "",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "portal" / "production_probe.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


# Item 1: nobody can lock everyone out ------------------------------------------------------


def test_one_scripts_failures_refuse_nobody_else_in_production(seen):
    assert not seen["attacker_signed_in"]
    assert seen["someone_signed_in"]


def test_the_limits_and_the_log_key_on_the_client_behind_the_proxy(seen):
    assert seen["failed_from"] == ["203.0.113.7", "203.0.113.8"]
    assert "172.30.0.10" not in seen["failed_from"] + seen["lockouts_from"]
    # The owner's own password is refused a while too (the account's limit): a lockout
    # recorded from the owner's address, still not the proxy's.
    clients = {"203.0.113.7", "203.0.113.8", "198.51.100.21"}
    assert seen["lockouts_from"] and set(seen["lockouts_from"]) <= clients


def test_an_account_held_shut_stays_open_to_its_owner_in_production(seen):
    assert seen["owner_password_refused"]
    assert seen["code_sent"]
    assert seen["owner_signed_in_by_code"]


# Item 2: the proxy is the only way in ------------------------------------------------------


def test_a_request_without_the_proxy_is_sent_to_https(seen):
    assert seen["direct_status"] == 301
    assert seen["direct_location"].startswith("https://portal.example.lv/")
    assert seen["proxied_status"] == 200


def test_a_body_over_the_cap_is_refused_before_it_is_read_in_production(seen):
    assert seen["big_body_status"] == 413


def test_healthz_names_no_component_to_anonymous_callers_in_production(seen):
    assert seen["healthz"] == {"status": "ok"}


def test_the_health_check_and_the_certificate_question_answer_over_plain_http(seen):
    # Not sent to https: the container's health check and Caddy's "ask" come from inside.
    assert seen["live"] == [200, '{"status": "ok"}']
    assert seen["host_asked"] == 200


def test_compose_publishes_only_the_proxy_and_web_trusts_only_the_proxy():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}
    command = " ".join(services["web"]["command"])
    allowed = re.search(r"--forwarded-allow-ips\s+(\S+)", command).group(1)
    assert allowed != "*"
    assert services["proxy"]["networks"]["internal"]["ipv4_address"] == allowed
    assert str(services["web"]["environment"]["TRUSTED_PROXY_COUNT"]) == "1"


def test_the_proxy_caps_bodies_and_serves_tls():
    caddy = (ROOT / "deploy" / "Caddyfile").read_text()
    assert re.search(r"request_body\s*\{\s*max_size\s+\d+MB", caddy)
    assert "on_demand" in caddy
    assert "redir https://" in caddy
