"""Security that is part of done: CSP, rate limits, staff MFA, deploy checks, uploads."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings as django_settings
from django.urls import reverse

from tests.portal.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_login_rate_limits_are_on():
    assert django_settings.ACCOUNT_RATE_LIMITS is not False
    assert "login_failed" in django_settings.ACCOUNT_RATE_LIMITS


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client):
    """After five wrong passwords even the right one is refused for a while."""
    user = UserFactory()
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": user.email, "password": "wrong"})

    response = client.post(url, {"login": user.email, "password": PASSWORD})

    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    if response.status_code == 200:
        assert response.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["is_municipal_staff", "is_evaluator", "is_superuser"])
def test_staff_must_set_up_an_authenticator_first(client, settings, role):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    user = UserFactory(**{role: True})
    client.force_login(user)

    response = client.get(reverse("communities:community-list"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # The set-up page itself is reachable (allauth may first ask for the password again).
    setup = client.get(reverse("mfa_activate_totp"), follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0].startswith("/accounts/") if setup.redirect_chain else True


@pytest.mark.django_db
def test_staff_with_an_authenticator_and_residents_pass(client, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    staff = UserFactory(is_municipal_staff=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(staff)
    assert client.get(reverse("communities:community-queue")).status_code == 200
    client.force_login(UserFactory())
    assert client.get(reverse("communities:community-list")).status_code == 200


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 20 + "-production-like-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "portal.example.lv",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
