"""Item 5 of issue 16: an email goes to the person when the address of their account
changes or one is removed, so that a stolen session cannot quietly take the account over."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from portal.models import Notification
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
NEW = "jauna.adrese@example.lv"


def sent(since):
    return set(Notification.objects.filter(pk__gt=since).values_list("email", "kind"))


def last_id():
    return Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_a_changed_or_removed_address_is_told_to_the_old_address(
    verified_email, django_capture_on_commit_callbacks
):
    person = UserFactory()
    old = person.email
    verified_email(person)
    client = Client()
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email"), {"action_add": "", "email": NEW})
    assert sent(0) == {(NEW, "account-confirm-email")}  # the new one confirms first

    EmailAddress.objects.filter(email=NEW).update(verified=True)
    before = last_id()
    with django_capture_on_commit_callbacks(execute=True):
        changed = client.post(reverse("account_email"), {"action_primary": "", "email": NEW})
    assert changed.status_code == 302
    assert (old, "account-notice") in sent(before)

    before = last_id()
    with django_capture_on_commit_callbacks(execute=True):
        removed = client.post(reverse("account_email"), {"action_remove": "", "email": old})
    assert removed.status_code == 302
    assert not EmailAddress.objects.filter(email=old).exists()
    assert (old, "account-notice") in sent(before) or (NEW, "account-notice") in sent(before)
