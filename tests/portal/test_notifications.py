"""Emails: each recipient in their own language, and a dead mail server breaks nothing."""

import pytest

from communities.models import Community
from communities.services.registration import submit_community
from portal.models import Notification
from tests import failing_mail
from tests.communities.factories import CommunityFactory
from tests.portal.factories import UserFactory


@pytest.mark.django_db
def test_each_staff_member_gets_one_email_in_their_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    lv = UserFactory(is_municipal_staff=True, language="lv")
    en = UserFactory(is_municipal_staff=True, language="en")
    UserFactory(is_municipal_staff=True, is_active=False)
    leader = UserFactory()
    community = CommunityFactory(status=Community.Status.DRAFT, leader=leader)

    with django_capture_on_commit_callbacks(execute=True):
        submit_community(actor=leader, community=community)

    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {lv.email, en.email}
    assert f"/lv/communities/{community.slug}/review/" in by_recipient[lv.email].body
    assert f"/en/communities/{community.slug}/review/" in by_recipient[en.email].body
    assert by_recipient[lv.email].subject != by_recipient[en.email].subject


@pytest.mark.django_db
def test_a_dead_mail_server_keeps_the_change_and_the_message(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.failing_mail.EmailBackend"
    failing_mail.EmailBackend.attempts = 0
    staff = UserFactory(is_municipal_staff=True)
    leader = UserFactory()
    community = CommunityFactory(status=Community.Status.DRAFT, leader=leader)

    with django_capture_on_commit_callbacks(execute=True):
        submit_community(actor=leader, community=community)

    community.refresh_from_db()
    assert community.status == Community.Status.SUBMITTED
    assert community.status_changes.last().to_status == Community.Status.SUBMITTED
    assert failing_mail.EmailBackend.attempts == 1
    waiting = Notification.objects.get(user=staff)
    assert (waiting.status, waiting.attempts) == (Notification.Status.PENDING, 1)
    assert "SMTPServerDisconnected" in waiting.last_error
