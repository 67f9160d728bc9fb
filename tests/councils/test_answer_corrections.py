"""A published answer to a council's recommendation is corrected with a reason; every
earlier text stays on the meeting's page (issue 26, item 4). Over HTTP, as staff and as a
resident reading the page."""

import pytest
from django.urls import reverse

from councils.models import Meeting, Recommendation
from councils.services import recommendations
from tests.councils.factories import MeetingFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
FIRST = "Pašvaldība iestādīs desmit liepas parkā nākamajā pavasarī, kā ieteica padome."
SECOND = "Pašvaldība iestādīs sešas liepas parkā nākamajā pavasarī; vairāk neļauj budžets."
THIRD = "Pašvaldība iestādīs sešas liepas un četras kļavas, jo liepu stādu pietrūka."


@pytest.fixture
def answered(council, staff):
    meeting = MeetingFactory(council=council, status=Meeting.Status.MINUTED)
    item = meeting.items.create(number=1, title="Parka labiekārtošana")
    recommendation = Recommendation.objects.create(item=item, text="Stādīt liepas.")
    recommendation.item = item
    recommendations.answer_recommendation(
        actor=staff, recommendation=recommendation, status="accepted", explanation=FIRST
    )
    return item


def test_staff_correct_an_answer_twice_and_every_earlier_text_stays(
    client, council, staff, answered
):
    item, meeting = answered, answered.meeting
    correct = reverse(
        "councils:answer-correct", kwargs={"slug": council.slug, "pk": meeting.pk, "item": item.pk}
    )
    client.force_login(staff)
    assert correct in client.get(meeting.get_absolute_url()).content.decode()
    assert correct in client.get(council.get_absolute_url()).content.decode()
    form = client.get(correct)
    assert form.status_code == 200 and FIRST in form.content.decode()  # the answer to edit
    refused = client.post(correct, {"status": "partly", "explanation": SECOND, "reason": ""})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    for explanation, reason in ((SECOND, "Budžets mainījās."), (THIRD, "Stādu trūkums.")):
        response = client.post(
            correct, {"status": "partly", "explanation": explanation, "reason": reason}
        )
        assert response.status_code == 302

    client.force_login(UserFactory())  # a resident reads the meeting's page
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert THIRD in page and "Stādu trūkums." in page  # the answer and why it changed
    assert FIRST in page and SECOND in page and "Budžets mainījās." in page  # nothing lost
    assert correct not in page
    assert client.get(correct).status_code == 403
    refused = client.post(correct, {"status": "accepted", "explanation": FIRST, "reason": "x"})
    assert refused.status_code == 403
    client.logout()
    assert "/accounts/login/" in client.get(correct)["Location"]
    council_member = UserFactory(is_council_member=True)
    client.force_login(council_member)
    assert client.get(correct).status_code == 403
    item.recommendation.answer.refresh_from_db()
    assert item.recommendation.answer.explanation == THIRD


def test_an_unanswered_recommendation_has_nothing_to_correct(client, council, staff):
    meeting = MeetingFactory(council=council, status=Meeting.Status.MINUTED)
    item = meeting.items.create(number=1, title="Ceļš")
    Recommendation.objects.create(item=item, text="Labot ceļu.")
    client.force_login(staff)
    correct = reverse(
        "councils:answer-correct", kwargs={"slug": council.slug, "pk": meeting.pk, "item": item.pk}
    )
    assert client.get(correct).status_code == 404
