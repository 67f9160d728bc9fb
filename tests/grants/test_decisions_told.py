"""Every decision about a grant reaches its person (issue 26, item 2): the message through
the outbox, and the person's own page showing the decision. Each decision is made the way
staff make it, through their form."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from grants.models import Application, Report, Round
from portal.models import Notification
from portal.outbox.delivery import deliver_due
from portal.outbox.reminders import sweep
from tests.communities.factories import MembershipFactory
from tests.grants.factories import ApplicationFactory, RoundFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def told(kind, person):
    return Notification.objects.filter(kind=kind, user=person)


def mail_to(mailoutbox, person, text):
    return [m for m in mailoutbox if m.to == [person.email] and text in m.body]


def with_leader(application):
    person = UserFactory(full_name="Līga Vadītāja")
    MembershipFactory(community=application.community, user=person, role=Membership.Role.LEADER)
    return person


@pytest.fixture
def evaluating_round(db):
    return RoundFactory(
        status=Round.Status.EVALUATION, deadline=timezone.now() - datetime.timedelta(days=1)
    )


def review(client, application):
    round_ = application.round
    return reverse("grants:application-review", args=[round_.slug, application.pk])


def test_the_asker_and_staff_hear_of_a_question_and_its_answer(
    client, staff, resident, mailoutbox, django_capture_on_commit_callbacks
):
    round_ = RoundFactory(created_by=staff)
    other_staff = UserFactory(is_municipal_staff=True)
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("grants:question-ask", args=[round_.slug]),
            {"text": "Vai var pieteikt soliņus?"},
        )
    # Staff: the round's author, not every colleague, is told of the new question.
    assert told("grant-question-asked", staff).exists()
    assert not told("grant-question-asked", other_staff).exists()
    assert mail_to(mailoutbox, staff, "Vai var pieteikt soliņus?")
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "Vai var pieteikt soliņus?" in page and "Jūsu jautājumi" in page

    question = round_.questions.get()
    client.force_login(staff)
    listed = client.get(reverse("grants:question-list", args=[round_.slug])).content.decode()
    assert "Vai var pieteikt soliņus?" in listed  # the staff's page of questions
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("grants:question-list", args=[round_.slug]),
            {"question": question.pk, f"q{question.pk}-answer": "Jā, kā aprīkojumu."},
        )  # not published: for the asker only
    [message] = mail_to(mailoutbox, resident, "Jā, kā aprīkojumu.")
    assert "Kas jādara tālāk" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    with django_capture_on_commit_callbacks(execute=True):  # the same answer saved again
        client.post(
            reverse("grants:question-list", args=[round_.slug]),
            {"question": question.pk, f"q{question.pk}-answer": "Jā, kā aprīkojumu."},
        )
    assert told("grant-question-answered", resident).count() == 1

    client.force_login(resident)
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "Jā, kā aprīkojumu." in page  # under the asker's own questions
    client.force_login(UserFactory())
    assert "Jā, kā aprīkojumu." not in client.get(round_.get_absolute_url()).content.decode()


def test_an_application_found_not_eligible_is_told_at_once(
    client, staff, evaluating_round, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(round=evaluating_round, title="Rotaļu laukums")
    leader = with_leader(application)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            review(client, application), {"eligible": "no", "note": "Nav valdes lēmuma."}
        )
    assert response.status_code == 302
    [message] = mail_to(mailoutbox, leader, "Nav valdes lēmuma.")
    assert "Rotaļu laukums" in message.subject and "Kas jādara tālāk" in message.body
    client.force_login(leader)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Nav valdes lēmuma." in page and "neatbilst" in page.lower()


def test_ideas_left_out_and_invited_are_told_and_the_invited_reminded(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    round_ = RoundFactory(
        two_stage=True,
        stage=Round.Stage.IDEA,
        status=Round.Status.EVALUATION,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    idea = ApplicationFactory(round=round_, status=Application.Status.ELIGIBLE, title="Dārzs")
    other = ApplicationFactory(round=round_, status=Application.Status.ELIGIBLE, title="Tilts")
    invited_leader, left_out_leader = with_leader(idea), with_leader(other)
    client.force_login(staff)
    client.post(review(client, idea), {"award": "yes"})
    client.post(review(client, other), {"award": "no", "reason": "Ārpus prioritātēm."})
    assert not told("grant-application-stopped", left_out_leader).exists()  # not yet final
    full_deadline = timezone.localtime() + datetime.timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("grants:round-invite", args=[round_.slug]),
            {"full_deadline": full_deadline.strftime("%Y-%m-%dT%H:%M")},
        )
    assert mail_to(mailoutbox, invited_leader, "Dārzs")
    [message] = mail_to(mailoutbox, left_out_leader, "Ārpus prioritātēm.")
    assert "Tilts" in message.body
    client.force_login(left_out_leader)
    page = client.get(other.get_absolute_url()).content.decode()
    assert "Ārpus prioritātēm." in page
    client.force_login(invited_leader)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Aizpildiet pilno pieteikumu" in page or "pilno pieteikumu" in page

    # The worker's sweep reminds the invited (not the left out) before the full deadline.
    due = full_deadline.date()
    sweep(due - datetime.timedelta(days=8))
    assert not told("grant-full-stage-reminder", invited_leader).exists()
    sweep(due - datetime.timedelta(days=7))
    sweep(due - datetime.timedelta(days=7))  # twice: once
    assert told("grant-full-stage-reminder", invited_leader).count() == 1
    assert not told("grant-full-stage-reminder", left_out_leader).exists()
    deliver_due()
    [reminder] = [
        m
        for m in mailoutbox
        if m.to == [invited_leader.email]
        and round_.title in m.body
        and "Kas jādara tālāk" in m.body
        and m.subject.startswith("Pilnais")
    ]
    assert full_deadline.strftime("%d.%m.%Y") in reminder.body


def test_awarded_and_rejected_are_told_with_the_results(
    client, staff, evaluating_round, mailoutbox, django_capture_on_commit_callbacks
):
    awarded = ApplicationFactory(
        round=evaluating_round, status=Application.Status.ELIGIBLE, title="Soliņi"
    )
    Application.objects.filter(pk=awarded.pk).update(requested_amount=Decimal("900"))
    rejected = ApplicationFactory(
        round=evaluating_round, status=Application.Status.ELIGIBLE, title="Strūklaka"
    )
    awarded_leader, rejected_leader = with_leader(awarded), with_leader(rejected)
    client.force_login(staff)
    client.post(review(client, awarded), {"award": "yes", "amount": ""})
    client.post(review(client, rejected), {"award": "no", "reason": "Par dārgu."})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("grants:round-move", args=[evaluating_round.slug, "results"]))
    assert mail_to(mailoutbox, awarded_leader, "Soliņi")
    assert mail_to(mailoutbox, rejected_leader, "Par dārgu.")
    client.force_login(rejected_leader)
    page = client.get(rejected.get_absolute_url()).content.decode()
    assert "Par dārgu." in page
    client.force_login(awarded_leader)
    assert "900,00" in client.get(awarded.get_absolute_url()).content.decode()


def test_leaders_hear_that_a_report_is_returned(
    client, staff, evaluating_round, mailoutbox, django_capture_on_commit_callbacks
):
    from grants.services.evaluation import decide_application, publish_results
    from grants.services.grant_reports import file_report

    application = ApplicationFactory(round=evaluating_round, status=Application.Status.ELIGIBLE)
    decide_application(actor=staff, application=application, award=True)
    publish_results(actor=staff, round=evaluating_round)
    leader = with_leader(application)
    report = application.reports.get(kind=Report.Kind.PROGRESS)
    spent = [
        {"budget_line": line.pk, "spent": line.amount} for line in application.budget_lines.all()
    ]
    file_report(actor=leader, report=report, narrative="Izdarīts.", lines=spent)
    url = reverse("grants:report", args=[evaluating_round.slug, application.pk, report.pk])
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"accept": "no", "reason": "Pievienojiet čekus."})
    [message] = mail_to(mailoutbox, leader, "Pievienojiet čekus.")
    assert "Kas jādara tālāk" in message.body
    client.force_login(leader)
    page = client.get(url).content.decode()
    assert "Pievienojiet čekus." in page
