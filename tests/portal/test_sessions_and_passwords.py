"""MFA for every account that reaches the admin or acts for a municipality; short staff
sessions; long passwords; an email when the password changes (issue 16, item 5)."""

import time

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from portal.middleware import StaffSessionMiddleware
from portal.models import Notification
from tests.portal.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_an_admin_site_account_without_other_roles_must_enrol_mfa(client, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_sessions_end_when_idle_and_after_twelve_hours(client, settings):
    staff = UserFactory(is_municipal_staff=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    client.force_login(staff)

    assert client.get(reverse("home")).status_code == 200
    assert client.session.get_expiry_age() == settings.PORTAL_STAFF_SESSION_IDLE_SECONDS

    session = client.session
    session[StaffSessionMiddleware.STARTED] = int(time.time()) - 13 * 60 * 60
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_residents_sessions_are_not_shortened(client, settings):
    client.force_login(UserFactory())
    client.get(reverse("home"))
    assert client.session.get_expiry_age() != settings.PORTAL_STAFF_SESSION_IDLE_SECONDS


def test_a_password_needs_twelve_characters(client):
    response = client.post(
        reverse("account_signup"),
        {
            "full_name": "Anna Liepa",
            "email": "anna@example.lv",
            "password1": "Liepa-2026a",  # 11
            "password2": "Liepa-2026a",
        },
    )
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors


def test_a_changed_password_is_told_by_email(verified_email, django_capture_on_commit_callbacks):
    person = UserFactory()
    verified_email(person)
    client = Client()
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "Jauna-parole-2026",
                "password2": "Jauna-parole-2026",
            },
        )
    assert response.status_code == 302
    assert Notification.objects.filter(email=person.email).exists()
