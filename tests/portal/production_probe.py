"""Requests through the production settings, as the proxy of docker-compose.yml forwards them.

Run by tests/portal/test_gdpr_production_settings.py in a subprocess with
``DJANGO_SETTINGS_MODULE=portal.settings.production`` and ``TRUSTED_PROXY_COUNT=1`` (as
docker-compose.yml sets it); prints one JSON object of what it saw.
"""

import json
import re

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from portal.models import SecurityEvent  # noqa: E402
from tests.portal.factories import PASSWORD, MunicipalityFactory, UserFactory  # noqa: E402

HOST = "portal.example.lv"
PROXY = "172.30.0.10"  # the proxy's address in docker-compose.yml


def through_proxy(address):
    return {
        "HTTP_HOST": HOST,
        "REMOTE_ADDR": PROXY,
        "HTTP_X_FORWARDED_FOR": address,
        "HTTP_X_FORWARDED_PROTO": "https",
    }


def login(client, email, password, address):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, **through_proxy(address)
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def main():
    call_command("migrate", verbosity=0, interactive=False)
    MunicipalityFactory(hosts=[HOST])
    seen = {}

    # Item 2: the proxy is the only way in.
    direct = Client().get("/lv/", HTTP_HOST=HOST)
    seen["direct_status"] = direct.status_code
    seen["direct_location"] = direct.get("Location", "")
    proxied = Client().get("/lv/", **through_proxy("198.51.100.5"))
    seen["proxied_status"] = proxied.status_code
    big = Client().generic(
        "POST",
        reverse("account_login"),
        data=b"x" * 1024,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **through_proxy("198.51.100.5"),
    )
    seen["big_body_status"] = big.status_code
    seen["healthz"] = Client().get("/healthz", **through_proxy("198.51.100.5")).json()
    # Inside the compose network, over plain HTTP: the web container's health check and the
    # proxy asking whether to get a certificate for a name.
    live = Client().get("/healthz/live", HTTP_HOST="127.0.0.1:8000")
    seen["live"] = [live.status_code, live.content.decode()]
    asked = Client().get("/healthz/host", {"domain": HOST}, HTTP_HOST="web:8000")
    seen["host_asked"] = asked.status_code

    # Item 1: one script's failures refuse nobody else; the events name the real client.
    person = UserFactory()
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    attacker = Client()
    for number in range(12):
        login(attacker, f"nobody{number}@example.lv", "wrong-password", "203.0.113.7")
    seen["attacker_refused"] = login(attacker, person.email, PASSWORD, "203.0.113.7").status_code
    seen["attacker_signed_in"] = signed_in(attacker)
    someone = Client()
    login(someone, person.email, PASSWORD, "198.51.100.20")
    seen["someone_signed_in"] = signed_in(someone)

    # Item 1: an account held shut by a stranger stays open to its owner, by a code.
    owner_account = UserFactory()
    EmailAddress.objects.create(
        user=owner_account, email=owner_account.email, verified=True, primary=True
    )
    stranger = Client()
    for _ in range(6):
        login(stranger, owner_account.email, "wrong-password", "203.0.113.8")
    owner = Client()
    login(owner, owner_account.email, PASSWORD, "198.51.100.21")
    seen["owner_password_refused"] = not signed_in(owner)
    owner.post(
        reverse("account_request_login_code"),
        {"email": owner_account.email},
        **through_proxy("198.51.100.21"),
    )
    bodies = [message.body for message in getattr(mail, "outbox", [])]
    code = None
    for body in reversed(bodies):
        found = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", body, re.M)
        if found:
            code = found.group(1)
            break
    seen["code_sent"] = code is not None
    if code:
        owner.post(
            reverse("account_confirm_login_code"),
            {"code": code},
            **through_proxy("198.51.100.21"),
        )
    seen["owner_signed_in_by_code"] = signed_in(owner)
    seen["failed_from"] = sorted(
        set(SecurityEvent.objects.filter(kind="login_failed").values_list("client_ip", flat=True))
    )
    seen["lockouts_from"] = sorted(
        set(SecurityEvent.objects.filter(kind="lockout").values_list("client_ip", flat=True))
    )
    print(json.dumps(seen))


# The one change: static files without the manifest that ``collectstatic`` writes at build.
with override_settings(
    STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
):
    main()
