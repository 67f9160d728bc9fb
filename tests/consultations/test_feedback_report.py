"""The feedback report as a PDF, made through the reports kit (portal/reports.py): asked for
over HTTP from the feedback page's link, rendered by the worker, downloaded; Latvian letters,
page numbers, the municipality's name and the right figures; the same data reuses the file;
public like the page, never on another municipality's host."""

import pytest
from django.urls import resolve, reverse

from consultations.models.submissions import AnswerStatus
from consultations.reports import FEEDBACK_REPORT, feedback_data
from consultations.services.answers import answer_submissions, correct_answer
from consultations.services.consultations import complete_consultation
from portal import reports
from portal.models import Report
from tests.communities.factories import CommunityFactory
from tests.consultations.factories import EXPLANATION, SubmissionFactory, answered, closed
from tests.dates import in_latvian
from tests.pdf_checks import assert_first_page_not_blank, download, pdf_text
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(staff):
    consultation = closed(title="Ķekavas ielu apgaismojuma plāns")
    named = UserFactory(full_name="Žanis Ūdris")
    answered(SubmissionFactory(consultation=consultation, author=named, show_name=True))
    answered(
        SubmissionFactory(consultation=consultation, author=UserFactory(full_name="Slēpts Vārds")),
        status=AnswerStatus.NOT_ACCEPTED,
    )
    community = CommunityFactory(name="Ābeļu kopiena")
    joint = SubmissionFactory(consultation=consultation, community=community)
    answer_submissions(
        actor=staff, submissions=[joint], status=AnswerStatus.PARTLY, explanation=EXPLANATION
    )
    complete_consultation(actor=staff, consultation=consultation)  # asks for it
    return consultation


def pdf_url(consultation):
    return reverse("consultations:feedback-pdf", kwargs={"slug": consultation.slug})


def test_anyone_opens_the_report_from_the_feedback_page_and_downloads_it(
    client, completed, municipality, tmp_path
):
    page = client.get(reverse("consultations:feedback", kwargs={"slug": completed.slug}))
    assert pdf_url(completed) in page.content.decode()

    asked = client.get(pdf_url(completed))  # anonymous: the report is public like the page
    report = Report.objects.get(kind=FEEDBACK_REPORT)
    assert asked.status_code == 302
    assert asked["Location"] == reverse("report-detail", args=[report.pk])
    waiting = client.get(asked["Location"])
    assert waiting.status_code == 200 and "data-hx-trigger" in waiting.content.decode()

    assert reports.render(report.pk) == Report.Status.READY  # the worker
    polled = client.get(asked["Location"], HTTP_HX_REQUEST="true")
    assert reverse("report-download", args=[report.pk]) in polled.content.decode()
    data = download(client, asked["Location"])
    text = pdf_text(data).replace("\n", " ")
    assert "Ķekavas ielu apgaismojuma plāns" in text
    assert municipality.name in text
    assert "Žanis Ūdris" in text
    assert "Slēpts Vārds" not in text
    assert "Ābeļu kopiena" in text
    assert "1 / " in text  # page numbers
    assert "Iesniegumi 3" in text
    assert "daļēji pieņemts" in text
    assert "Sagatavots" in text  # when this content was first asked for (report.requested_at)
    assert_first_page_not_blank(data, tmp_path)


def test_the_same_data_reuses_the_report_and_a_corrected_answer_makes_a_new_one(
    client, completed, staff, django_capture_on_commit_callbacks
):
    first = client.get(pdf_url(completed))["Location"]
    assert client.get(pdf_url(completed))["Location"] == first
    assert Report.objects.filter(kind=FEEDBACK_REPORT).count() == 1

    client.force_login(staff)
    submission = completed.submissions.filter(community__isnull=True).first()
    with django_capture_on_commit_callbacks(execute=True):  # the worker renders at once
        correct_answer(
            actor=staff,
            answer=submission.answer,
            status=AnswerStatus.PARTLY,
            explanation=EXPLANATION,
            reason="Pārskatīts pēc padomes ieteikuma.",
        )
    latest = Report.objects.filter(kind=FEEDBACK_REPORT).latest("pk")
    assert latest.status == Report.Status.READY
    assert client.get(pdf_url(completed))["Location"] == latest.get_absolute_url() != first
    text = pdf_text(download(client, latest.get_absolute_url())).replace("\n", " ")
    assert "Pārskatīts pēc padomes ieteikuma." in text


@pytest.mark.dates
def test_the_data_is_plain_json_without_the_time_it_was_taken(completed):
    data = feedback_data(completed)
    assert data["closes_on"] == in_latvian(completed.closes_on)
    assert data["figures"]["total"] == 3 and len(data["individual"]) == 2
    assert feedback_data(completed) == data  # taken again: the same key, the same file


@pytest.mark.parametrize("who", ["resident", "leader", "staff", "council_member", None])
def test_no_report_before_the_consultation_is_completed(request, client, who):
    consultation = closed()
    answered(SubmissionFactory(consultation=consultation))
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(pdf_url(consultation)).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.parametrize("who", ["resident", "staff", None])
def test_another_municipalitys_report_is_not_found_on_this_host(request, client, who):
    other = MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])
    consultation = closed(municipality=other)
    answered(SubmissionFactory(consultation=consultation))
    consultation.status = "completed"
    consultation.save(update_fields=["status"])
    asked = client.get(pdf_url(consultation), HTTP_HOST="beta.test")
    assert asked.status_code == 302
    pk = resolve(asked["Location"]).kwargs["pk"]
    reports.render(pk)
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(pdf_url(consultation)).status_code == 404
    for name in ("report-detail", "report-download"):
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code == 404
        assert client.get(reverse(name, args=[pk]), HTTP_HOST="beta.test").status_code == 200
