"""Nobody can lock everyone out (issue 16, item 1): limits key on the real client address
behind the proxy, and an account held shut by failed logins stays open to its owner."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login(client, email, password, address):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR="10.0.0.2",  # the proxy
        HTTP_X_FORWARDED_FOR=address,
    )


def signed_in(client):
    return "_auth_user_id" in client.session


def test_one_scripts_failures_do_not_refuse_anybody_else(settings, verified_email):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    person = UserFactory()
    verified_email(person)
    attacker = Client()
    for number in range(12):
        login(attacker, f"nobody{number}@example.lv", "wrong-password", "203.0.113.7")
    assert not signed_in(attacker)

    someone = Client()
    login(someone, person.email, PASSWORD, "198.51.100.20")

    assert signed_in(someone)


def test_an_account_held_shut_is_open_to_its_owner_by_a_code(
    settings, verified_email, mailoutbox, django_capture_on_commit_callbacks
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    person = UserFactory()
    verified_email(person)
    stranger = Client()
    for _ in range(6):
        login(stranger, person.email, "wrong-password", "203.0.113.8")

    owner = Client()
    login(owner, person.email, PASSWORD, "198.51.100.21")
    assert not signed_in(owner)  # the password is refused for a while, for everyone

    with django_capture_on_commit_callbacks(execute=True):
        owner.post(
            reverse("account_request_login_code"),
            {"email": person.email},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.21",
        )
    body = mailoutbox[-1].body
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", body, re.M)
    assert code, body
    owner.post(
        reverse("account_confirm_login_code"),
        {"code": code.group(1)},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.21",
    )

    assert signed_in(owner)
