"""No enumeration by time (issue 25, item 7): sign-up and the password-reset request do the
same work for a known and an unknown address. The work that shows in the time is the
password hash, so the tests count the production hasher's calls (not a timer)."""

from unittest import mock

import pytest
from django.conf import global_settings
from django.contrib.auth import hashers
from django.test import Client
from django.urls import reverse

from portal.models import Notification
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Apkaime-2026-drošība"


@pytest.fixture
def hasher_calls(settings):
    """The production hasher (Django's default list, PBKDF2 first), its calls counted."""
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    production = hashers.get_hasher("default")
    assert isinstance(production, hashers.PBKDF2PasswordHasher)
    calls = []
    encode, verify = type(production).encode, type(production).verify

    def counted(method, name):
        def wrapper(self, *args, **kwargs):
            calls.append(name)
            return method(self, *args, **kwargs)

        return wrapper

    with (
        mock.patch.object(type(production), "encode", counted(encode, "encode")),
        mock.patch.object(type(production), "verify", counted(verify, "verify")),
    ):
        yield calls


@pytest.fixture
def known(verified_email):
    user = UserFactory(email="known@example.lv")
    verified_email(user)
    return user


def count(calls, request):
    calls.clear()
    response = request()
    return len(calls), response


def sign_up(email):
    return Client().post(
        reverse("account_signup"),
        {
            "full_name": "Jānis Bērziņš",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_sign_up_hashes_the_password_for_a_known_address_as_for_a_new_one(known, hasher_calls):
    for_known, known_response = count(hasher_calls, lambda: sign_up("known@example.lv"))
    for_new, new_response = count(hasher_calls, lambda: sign_up("new@example.lv"))

    assert for_new == 1  # the new account's password
    assert for_known == for_new
    assert known_response.status_code == new_response.status_code == 302
    assert known_response["Location"] == new_response["Location"]
    assert Notification.objects.filter(email="known@example.lv").count() == 1
    assert Notification.objects.filter(email="new@example.lv").count() == 1


def test_the_password_reset_request_does_the_same_work_for_both(known, hasher_calls):
    def reset(email):
        return lambda: Client().post(reverse("account_reset_password"), {"email": email})

    for_known, known_response = count(hasher_calls, reset("known@example.lv"))
    for_unknown, unknown_response = count(hasher_calls, reset("nobody@example.lv"))

    assert for_known == for_unknown
    assert known_response.status_code == unknown_response.status_code == 302
    assert known_response["Location"] == unknown_response["Location"]
    # Each address gets one email: the link, or a note that it has no account here.
    assert Notification.objects.filter(email="known@example.lv").count() == 1
    assert Notification.objects.filter(email="nobody@example.lv").count() == 1
