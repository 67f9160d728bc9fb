"""The submitter hears of a longer answer deadline, and no correction of an answer loses
the text it replaced (issue 26, items 2 and 4), each over HTTP as staff and submitter."""

import datetime

import pytest
from django.urls import reverse

from portal.models import Notification
from tests.consultations.factories import EXPLANATION, SubmissionFactory, answered, closed

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def url(name, consultation, **kwargs):
    return reverse(f"consultations:{name}", kwargs={"slug": consultation.slug, **kwargs})


def test_the_submitter_is_told_the_new_date_of_the_answer(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    consultation = closed()
    submission = SubmissionFactory(consultation=consultation)
    until = consultation.response_due_on + 3 * DAY
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("answer-extend", consultation, pk=submission.pk),
            {"until": until.isoformat(), "reason": "Jāsaņem ceļu dienesta atzinums."},
        )
    assert response.status_code == 302
    author = submission.author
    assert Notification.objects.filter(kind="consultation-answer-extended", user=author).exists()
    [message] = [m for m in mailoutbox if m.to == [author.email]]
    assert until.strftime("%d.%m.%Y") in message.subject
    assert "Jāsaņem ceļu dienesta atzinums." in message.body
    assert "Kas jādara tālāk" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    client.force_login(author)
    page = client.get(submission.get_absolute_url()).content.decode()
    assert until.strftime("%d.%m.%Y") in page and "Jāsaņem ceļu dienesta atzinums." in page


def test_a_second_correction_keeps_the_first_explanation(client, staff):
    consultation = closed()
    submission = answered(SubmissionFactory(consultation=consultation))
    original = submission.answer.explanation
    client.force_login(staff)
    first = EXPLANATION + " Apgaismojums – nākamgad."
    second = EXPLANATION + " Apgaismojums – pēc diviem gadiem."
    for explanation, reason in ((first, "Budžets ļauj tikai pāreju."), (second, "Kļūda gadā.")):
        response = client.post(
            url("answer-correct", consultation, pk=submission.pk),
            {"status": "partly", "explanation": explanation, "reason": reason},
        )
        assert response.status_code == 302
    client.force_login(submission.author)
    page = client.get(submission.get_absolute_url()).content.decode()
    assert second in page  # the answer now
    assert original in page and first in page  # both earlier texts, in the history
    assert "Budžets ļauj tikai pāreju." in page and "Kļūda gadā." in page
