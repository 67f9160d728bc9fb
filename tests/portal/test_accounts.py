"""Accounts over HTTP: sign-up with email confirmation, password reset, staff MFA enrolment."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.mfa import totp_code
from tests.portal.factories import PASSWORD, UserFactory


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.mark.django_db
def test_sign_up_confirm_the_email_and_sign_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        response = client.post(
            reverse("account_signup"),
            {
                "email": "Jana.Berzina@Example.lv",
                "full_name": "Jana Bērziņa",
                "password1": "Zalas-lapas-2026",
                "password2": "Zalas-lapas-2026",
            },
            HTTP_ACCEPT_LANGUAGE="lv",
        )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session  # not before the email is confirmed
    assert len(mailoutbox) == 1

    confirm_url = link_in(mailoutbox[0])
    assert client.get(confirm_url).status_code == 200
    client.post(confirm_url)

    assert "_auth_user_id" in client.session
    user = client.get(reverse("profile")).context["user"]
    assert (user.email, user.full_name, user.language) == (
        "jana.berzina@example.lv",
        "Jana Bērziņa",
        "lv",
    )


@pytest.mark.django_db
def test_a_forgotten_password_is_reset_by_email(
    client, mailoutbox, verified_email, django_capture_on_commit_callbacks
):
    user = UserFactory()
    verified_email(user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mailoutbox) == 1
    reset_page = client.get(link_in(mailoutbox[0]), follow=True)
    client.post(
        reset_page.redirect_chain[-1][0],
        {"password1": "Jauna-parole-2026", "password2": "Jauna-parole-2026"},
    )

    user.refresh_from_db()
    assert user.check_password("Jauna-parole-2026")
    assert not user.check_password(PASSWORD)


@pytest.mark.django_db
def test_staff_are_made_to_enrol_an_authenticator_before_they_work(
    client, settings, verified_email
):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    staff = UserFactory(is_municipal_staff=True)
    verified_email(staff)

    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    queue = reverse("communities:community-queue")
    sent_away = client.get(queue)
    assert sent_away["Location"] == reverse("mfa_activate_totp")

    # allauth asks for the password once more before an authenticator is added.
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    client.post(asked["Location"], {"password": PASSWORD})
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    secret = client.session["mfa.totp.secret"]
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get(queue).status_code == 200
