"""The feedback report as a PDF: rendered by the worker's task, Latvian letters, page numbers,
the municipality's name and the right figures."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from consultations import services
from consultations.models import AnswerStatus
from tests.communities.factories import CommunityFactory
from tests.consultations.factories import EXPLANATION, SubmissionFactory, answered, closed
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_completing_renders_the_report_with_latvian_letters_and_the_figures(
    client, staff, municipality, django_capture_on_commit_callbacks
):
    consultation = closed(title="Ķekavas ielu apgaismojuma plāns")
    named = UserFactory(full_name="Žanis Ūdris")
    answered(SubmissionFactory(consultation=consultation, author=named, show_name=True))
    answered(
        SubmissionFactory(consultation=consultation, author=UserFactory(full_name="Slēpts Vārds")),
        status=AnswerStatus.NOT_ACCEPTED,
    )
    community = CommunityFactory(name="Ābeļu kopiena")
    joint = SubmissionFactory(consultation=consultation, community=community)
    services.answer_submissions(
        actor=staff, submissions=[joint], status=AnswerStatus.PARTLY, explanation=EXPLANATION
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.complete_consultation(actor=staff, consultation=consultation)

    consultation.refresh_from_db()
    assert consultation.feedback_report
    response = client.get(reverse("consultations:feedback-pdf", kwargs={"slug": consultation.slug}))
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert "Ķekavas ielu apgaismojuma plāns" in text
    assert municipality.name in text
    assert "Žanis Ūdris" in text
    assert "Slēpts Vārds" not in text
    assert "Ābeļu kopiena" in text
    assert "1 / " in text  # page numbers
    assert "Iesniegumi 3" in text or "Submissions 3" in text
    assert "daļēji pieņemts" in text
