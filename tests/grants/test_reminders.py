"""Reminders through the kit's sweep, each once per recipient and occasion (item 9)."""

import datetime

import pytest
from django.utils import timezone

from grants.models import Application, Report, Round
from portal.models import Notification
from portal.outbox.reminders import sweep
from tests.grants.factories import ApplicationFactory, RoundFactory, assign
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def rows(kind):
    return list(Notification.objects.filter(kind=kind).values_list("user_id", "key"))


def test_communities_with_a_draft_are_reminded_14_and_3_days_before(community, leader, member):
    today = timezone.localdate()
    deadline = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=14), datetime.time(17))
    )
    round_ = RoundFactory(deadline=deadline, seminar_on=today + datetime.timedelta(days=30))
    ApplicationFactory(round=round_, community=community, status=Application.Status.DRAFT)
    ApplicationFactory(round=round_)  # submitted: nobody reminded
    sweep(today)
    sweep(today)  # twice: nothing twice
    assert [user for user, _key in rows("grant-submission-reminder")] == [leader.pk]
    sweep(today + datetime.timedelta(days=11))
    assert len(rows("grant-submission-reminder")) == 2


def test_the_seminar_reminder(community, leader):
    today = timezone.localdate()
    round_ = RoundFactory(seminar_on=today + datetime.timedelta(days=3))
    ApplicationFactory(round=round_, community=community, status=Application.Status.DRAFT)
    sweep(today)
    assert [user for user, _key in rows("grant-seminar-reminder")] == [leader.pk]


def test_evaluators_3_working_days_before_the_evaluation_deadline():
    monday = datetime.date(2027, 3, 8)
    round_ = RoundFactory(
        status=Round.Status.EVALUATION,
        deadline=timezone.now() - datetime.timedelta(days=1),
        evaluation_deadline=monday,
    )
    judge = UserFactory()
    assign(round_, judge)
    sweep(datetime.date(2027, 3, 2))  # Tuesday: too early
    assert rows("grant-evaluation-reminder") == []
    sweep(datetime.date(2027, 3, 3))  # Wednesday: 3 working days before Monday
    assert [user for user, _key in rows("grant-evaluation-reminder")] == [judge.pk]


def test_reports_due_and_overdue(community, leader, staff):
    today = timezone.localdate()
    awarded = ApplicationFactory(community=community, status=Application.Status.AWARDED)
    report = Report.objects.create(
        application=awarded, kind=Report.Kind.PROGRESS, due_on=today + datetime.timedelta(days=3)
    )
    sweep(today)
    assert [user for user, _key in rows("grant-report-reminder")] == [leader.pk]
    sweep(report.due_on + datetime.timedelta(days=1))
    assert [user for user, _key in rows("grant-report-overdue")] == [staff.pk]


def test_a_community_that_asked_is_reminded_without_a_draft_and_can_stop_it(
    client, community, leader, member
):
    from django.core import mail
    from django.urls import reverse

    from grants.models import RoundReminder
    from portal.outbox.delivery import deliver_due

    today = timezone.localdate()
    deadline = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=14), datetime.time(17))
    )
    round_ = RoundFactory(deadline=deadline, seminar_on=today + datetime.timedelta(days=30))
    url = reverse("grants:round-reminder", args=[round_.slug])

    client.force_login(member)  # an ordinary member may not ask for the community
    refused = client.post(url, {"community": community.pk, "remind": "1"})
    assert refused.status_code == 403
    client.force_login(leader)
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "Atgādināt" in page or "Remind" in page
    response = client.post(url, {"community": community.pk, "remind": "1"})
    assert response.status_code == 302
    assert RoundReminder.objects.filter(round=round_, community=community).exists()

    sweep(today)
    sweep(today)  # twice: nothing twice
    assert [user for user, _key in rows("grant-submission-reminder")] == [leader.pk]
    deliver_due()
    assert len(mail.outbox) == 1
    assert round_.title in mail.outbox[0].body

    client.post(url, {"community": community.pk, "remind": "0"})
    assert not RoundReminder.objects.filter(round=round_).exists()
    sweep(today + datetime.timedelta(days=11))  # 3 days before: nobody asked any more
    assert len(rows("grant-submission-reminder")) == 1


def test_the_seminar_reminder_of_a_community_that_asked_does_not_speak_of_a_draft(
    community, leader
):
    from django.core import mail

    from grants.models import RoundReminder
    from portal.outbox.delivery import deliver_due

    today = timezone.localdate()
    round_ = RoundFactory(seminar_on=today + datetime.timedelta(days=3))
    RoundReminder.objects.create(round=round_, community=community, asked_by=leader)
    sweep(today)
    deliver_due()
    [message] = [m for m in mail.outbox if round_.title in m.body]
    assert message.to == [leader.email]
    assert "jautājumiem par melnrakstu" not in message.body
    assert "uzsāk pieteikumu" in message.body
