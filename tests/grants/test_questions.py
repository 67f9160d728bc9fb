"""Q&A on the round's page: anyone signed in asks, staff answer and publish (item 2)."""

import pytest
from django.urls import reverse

from grants.models import Question
from tests.grants.factories import RoundFactory

pytestmark = pytest.mark.django_db


def test_a_resident_asks_and_staff_publish_the_answer(client, resident, staff):
    round_ = RoundFactory()
    client.force_login(resident)
    client.post(
        reverse("grants:question-ask", args=[round_.slug]), {"text": "Vai drīkst pirkt soliņus?"}
    )
    question = Question.objects.get()
    assert question.asked_by == resident
    client.logout()  # the asker sees it under her own questions; nobody else yet
    assert "soliņus" not in client.get(round_.get_absolute_url()).content.decode()
    client.force_login(staff)
    url = reverse("grants:question-list", args=[round_.slug])
    assert client.get(url).status_code == 200
    client.post(
        url,
        {
            "question": question.pk,
            f"q{question.pk}-answer": "Jā, kā aprīkojumu.",
            f"q{question.pk}-published": "on",
        },
    )
    client.logout()
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "soliņus" in page and "kā aprīkojumu" in page
    assert round_.status_changes.filter(event="answer_published", actor=staff).exists()


def test_unpublished_answers_stay_private_and_anonymous_people_cannot_ask(client, staff):
    round_ = RoundFactory()
    question = Question.objects.create(round=round_, text="Privāts jautājums")
    client.force_login(staff)
    client.post(
        reverse("grants:question-list", args=[round_.slug]),
        {"question": question.pk, f"q{question.pk}-answer": "Atbilde tikai jums."},
    )
    client.logout()
    assert "Atbilde tikai jums" not in client.get(round_.get_absolute_url()).content.decode()
    response = client.post(reverse("grants:question-ask", args=[round_.slug]), {"text": "X"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Question.objects.count() == 1


@pytest.mark.parametrize("rows", [3, 25])
def test_staff_see_the_questions_waiting_first_a_page_at_a_time(
    client, staff, django_assert_max_num_queries, rows
):
    from django.utils import timezone

    round_ = RoundFactory()
    for number in range(rows):
        Question.objects.create(
            round=round_,
            text=f"Atbildēts {number}?",
            answer="Jā.",
            answered_at=timezone.now(),
        )
    Question.objects.create(round=round_, text="Vēl gaida?")
    client.force_login(staff)
    url = reverse("grants:question-list", args=[round_.slug])
    client.get(url)
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert page.index("Vēl gaida?") < page.index("Atbildēts 0?")  # waiting first
    last = f"Atbildēts {rows - 1}?"
    assert (last in page) is (rows < 20)
    if rows > 20:
        assert last in client.get(url, {"page": 2}).content.decode()
