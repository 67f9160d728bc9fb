"""Reminders through the kit's sweep: answers due, answers overdue, the feedback report of a
planning document. Each goes to the responsible staff member once per occasion."""

import datetime

import pytest

from consultations.models import Consultation
from portal.models import Notification
from portal.outbox.reminders import sweep
from tests.consultations.factories import ConsultationFactory, SubmissionFactory, answered

pytestmark = pytest.mark.django_db
D = datetime.date


def _closing(closes_on, **fields):
    return ConsultationFactory(
        opens_on=closes_on - datetime.timedelta(days=30), closes_on=closes_on, **fields
    )


def _reminders(kind="consultation-answers-due"):
    return list(Notification.objects.filter(kind=kind).order_by("pk").values_list("user_id", "key"))


def test_the_responsible_is_reminded_before_and_after_the_deadline_once_each():
    consultation = _closing(D(2026, 11, 13))  # answers due Monday 30 November
    SubmissionFactory(consultation=consultation)
    assert consultation.response_due_on == D(2026, 11, 30)

    assert sweep(D(2026, 11, 24)) == 0  # 4 working days before
    assert sweep(D(2026, 11, 25)) == 1  # 3 working days before
    assert sweep(D(2026, 11, 25)) == 0  # run twice: nothing twice
    assert sweep(D(2026, 11, 27)) == 1  # 1 working day before
    assert sweep(D(2026, 11, 30)) == 0  # the day itself: the last one went out
    assert sweep(D(2026, 12, 1)) == 1  # the first working day after
    assert sweep(D(2026, 12, 2)) == 0
    assert sweep(D(2026, 12, 7)) == 1  # the fifth working day after
    assert sweep(D(2026, 12, 8)) == 0
    reminders = _reminders()
    assert {user for user, _key in reminders} == {consultation.responsible_id}
    assert len(reminders) == 4


def test_nobody_is_reminded_when_every_submission_is_answered():
    consultation = _closing(D(2026, 11, 13))
    answered(SubmissionFactory(consultation=consultation))
    assert sweep(D(2026, 11, 25)) == 0
    assert sweep(D(2026, 12, 1)) == 0


def test_an_extension_has_a_due_date_of_its_own():
    consultation = _closing(D(2026, 11, 13))
    submission = SubmissionFactory(consultation=consultation)
    submission.extended_until = D(2026, 12, 11)
    submission.extension_reason = "Jāsaņem atzinums."
    submission.save()
    assert sweep(D(2026, 11, 25)) == 0
    assert sweep(D(2026, 12, 8)) == 1  # 3 working days before 11 December


def test_the_feedback_report_of_a_planning_document_is_reminded():
    consultation = _closing(D(2026, 11, 13), kind=Consultation.Kind.PLANNING)
    assert consultation.feedback_report_due_on == D(2026, 12, 13)
    assert sweep(D(2026, 11, 27)) == 0
    assert sweep(D(2026, 11, 30)) == 1  # 10 working days before 13 December (a Sunday)
    assert _reminders("consultation-feedback-report-due") == [
        (consultation.responsible_id, _reminders("consultation-feedback-report-due")[0][1])
    ]
    ConsultationFactory(kind=Consultation.Kind.DECISION)
    assert sweep(D(2026, 12, 10)) == 1  # 2 working days before: the planning one only
