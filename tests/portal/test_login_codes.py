"""Sign-in codes cannot lock the owner out or flood them (issue 25, item 8): codes are
limited per client address, an account gets at most a few code emails an hour asked for from
strangers' browsers, and the owner's own browser (one that signed in before) always gets its
code."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from portal.adapters import KNOWN_DEVICE_COOKIE
from portal.models import Notification, SecurityEvent
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _behind_the_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def ask_for_a_code(client, email, address):
    return client.post(
        reverse("account_request_login_code"),
        {"email": email},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def codes_mailed_to(email):
    return Notification.objects.filter(email=email).count()


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def owner(verified_email):
    person = UserFactory(email="owner@example.lv")
    verified_email(person)
    return person


def test_strangers_cannot_flood_the_owner_with_codes(owner):
    answers = set()
    for number in range(12):  # from twelve addresses: the per-address limit does not help
        response = ask_for_a_code(Client(), owner.email, f"203.0.113.{number + 1}")
        answers.add((response.status_code, response.get("Location")))

    assert codes_mailed_to(owner.email) == 5  # the hourly cap
    held_back = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOCKOUT)
    assert held_back.count() == 7  # each one a security event, with the stranger's address
    assert held_back.filter(client_ip="203.0.113.12", data__login=owner.email).exists()
    # Every stranger got the same answer: nothing tells them the cap was reached.
    assert answers == {(302, reverse("account_confirm_login_code"))}


def test_the_owners_browser_still_gets_a_code_and_signs_in(
    owner, mailoutbox, django_capture_on_commit_callbacks
):
    browser = Client()
    browser.post(
        reverse("account_login"),
        {"login": owner.email, "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.40",
    )
    assert browser.cookies[KNOWN_DEVICE_COOKIE].value
    browser.post(reverse("account_logout"))
    for number in range(8):
        ask_for_a_code(Client(), owner.email, f"203.0.113.{number + 1}")
    assert codes_mailed_to(owner.email) == 5
    strangers_browser = Client()
    ask_for_a_code(strangers_browser, owner.email, "203.0.113.99")
    assert codes_mailed_to(owner.email) == 5  # a browser that never signed in: held back

    with django_capture_on_commit_callbacks(execute=True):
        ask_for_a_code(browser, owner.email, "198.51.100.40")
    assert codes_mailed_to(owner.email) == 6
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", mailoutbox[-1].body, re.M)
    assert code, mailoutbox[-1].body
    browser.post(
        reverse("account_confirm_login_code"),
        {"code": code.group(1)},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="198.51.100.40",
    )
    assert signed_in(browser)


def test_a_forged_device_cookie_gets_nothing_more(owner):
    for number in range(5):
        ask_for_a_code(Client(), owner.email, f"203.0.113.{number + 1}")
    forger = Client()
    forger.cookies[KNOWN_DEVICE_COOKIE] = f"{owner.pk}:forged:signature"
    ask_for_a_code(forger, owner.email, "203.0.113.50")
    assert codes_mailed_to(owner.email) == 5


def test_one_client_address_is_limited(verified_email):
    people = [UserFactory(email=f"person{number}@example.lv") for number in range(7)]
    for person in people:
        verified_email(person)
    answers = [
        ask_for_a_code(Client(), person.email, "203.0.113.77").status_code for person in people
    ]
    assert answers[:5] == [302] * 5
    assert 302 not in answers[5:]  # refused: too many from this address
    assert sum(codes_mailed_to(person.email) for person in people) == 5


def test_the_owners_own_code_requests_are_not_refused_by_a_strangers(owner):
    """allauth's default limit (3 a minute per account) refused the owner as well."""
    for number in range(3):
        ask_for_a_code(Client(), owner.email, f"203.0.113.{number + 1}")
    response = ask_for_a_code(Client(), owner.email, "198.51.100.41")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
