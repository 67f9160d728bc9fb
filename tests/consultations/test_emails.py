"""Every kind of message of consultations renders in the recipient's language and links to
the municipality's host."""

import datetime

import pytest
from django.core import mail

from consultations.services.answers import answer_submissions
from consultations.services.consultations import publish_consultation
from consultations.services.problems import answer_report, report_problem, route_report
from portal.models import Notification
from portal.outbox.delivery import deliver
from portal.outbox.reminders import sweep
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.consultations.factories import EXPLANATION, ConsultationFactory, SubmissionFactory
from tests.portal.factories import NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _send_all():
    for pk in Notification.objects.filter(status="pending").values_list("pk", flat=True):
        deliver(pk)
    return {message.subject: message for message in mail.outbox}


def test_each_kind_renders(municipality, staff):
    area = NeighbourhoodFactory()
    leader = UserFactory(language="en")
    community = CommunityFactory(neighbourhoods=[area])
    MembershipFactory(community=community, user=leader, role="leader")
    draft = ConsultationFactory(status="draft", neighbourhoods=[area], title="Ielu plāns")
    publish_consultation(actor=staff, consultation=draft)
    planning = ConsultationFactory(
        kind="planning",
        opens_on=D(2026, 10, 13),
        closes_on=D(2026, 11, 13),
        title="Attīstības programma",
    )
    submission = SubmissionFactory(consultation=planning)
    sweep(D(2026, 11, 25))  # answers due in 3 working days
    sweep(D(2026, 11, 30))  # the planning report in 10 working days
    answer_submissions(
        actor=staff, submissions=[submission], status="accepted", explanation=EXPLANATION
    )
    colleague = UserFactory(is_municipal_staff=True)
    report = report_problem(
        actor=leader,
        municipality=municipality,
        neighbourhood=area,
        category="road",
        title="Bedre",
        description="Bedre.",
    )
    route_report(actor=staff, report=report, colleague=colleague)
    answer_report(actor=colleague, report=report, answer=EXPLANATION)

    sent = _send_all()

    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds >= {
        "consultation-invitation",
        "consultation-answer-given",
        "consultation-answers-due",
        "consultation-feedback-report-due",
        "problem-report-routed",
        "problem-report-answered",
    }
    assert not Notification.objects.exclude(status="sent").exists()
    invitation = next(m for m in sent.values() if "Ielu plāns" in m.subject)
    assert invitation.to == [leader.email]
    assert "/en/consultations/" in invitation.body  # in the leader's language
    answer = next(m for m in sent.values() if m.to == [submission.author.email])
    assert EXPLANATION in answer.body
    assert any("Attīstības programma" in subject for subject in sent)
