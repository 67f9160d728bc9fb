"""The minutes as a PDF, made through the reports kit (portal/reports.py): published minutes
ask for it, a reader opens it from the meeting's page over HTTP, the worker renders it, they
download it; in Latvian, with the municipality, the present members and the votes; the same
minutes reuse the file; no PDF before the minutes, and another municipality's is not found
on this host."""

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from councils.models import Meeting
from councils.reports import MINUTES, minutes_data
from councils.services import meetings, recommendations
from portal import reports
from portal.models import Report
from tests.councils.factories import CouncilFactory, MeetingFactory, seat_for
from tests.pdf_checks import assert_first_page_not_blank, download, pdf_text
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def pdf_url(meeting):
    return reverse("councils:minutes-pdf", kwargs={"slug": meeting.council.slug, "pk": meeting.pk})


@pytest.fixture
def minuted(staff):
    meeting = MeetingFactory(place="Ķekavas kultūras nams", starts_at=timezone.now())
    present = [UserFactory(full_name="Žanis Ūdris"), UserFactory(full_name="Ērika Ozola")]
    absent = UserFactory(full_name="Nebija Klāt")
    for member in (*present, absent):
        seat_for(member, meeting.council)
    meeting.attendance.create(member=absent, attends=True)  # said so, and did not come
    meetings.record_presence(actor=staff, meeting=meeting, present=present)
    item = meetings.add_agenda_item(
        actor=staff, meeting=meeting, title="Ielu apgaismojums", late_reason="Steidzami."
    )
    recommendations.record_recommendation(
        actor=staff, item=item, text="Atbalstīt gājēju pāreju.", voted=True, votes_for=2
    )
    meetings.publish_minutes(actor=staff, meeting=meeting, minutes="Sēde notika klātienē.")
    return meeting


def test_a_reader_opens_the_minutes_from_the_meeting_page_and_downloads_them(
    client, minuted, municipality, tmp_path
):
    report = Report.objects.get(kind=MINUTES)  # asked for when the minutes were published
    page = client.get(minuted.get_absolute_url())
    assert pdf_url(minuted) in page.content.decode()
    asked = client.get(pdf_url(minuted))  # anonymous: public like the meeting
    assert asked["Location"] == reverse("report-detail", args=[report.pk])
    assert "data-hx-trigger" in client.get(asked["Location"]).content.decode()

    assert reports.render(report.pk) == Report.Status.READY  # the worker
    data = download(client, asked["Location"])
    text = " ".join(pdf_text(data).split())
    assert "Protokols" in text
    assert municipality.name in text
    assert minuted.council.name in text
    assert "Ķekavas kultūras nams" in text and "Žanis Ūdris" in text
    assert "Nebija Klāt" not in text
    assert "Atbalstīt gājēju pāreju." in text and "par 2" in text
    assert_first_page_not_blank(data, tmp_path)

    assert client.get(pdf_url(minuted))["Location"] == asked["Location"]  # the same minutes
    assert Report.objects.count() == 1


def test_the_data_is_plain_json_with_the_time_written_in_latvian(minuted):
    data = minutes_data(minuted)
    assert data["present"] == ["Ērika Ozola", "Žanis Ūdris"]
    assert data["items"][0]["recommendation"]["for"] == 2
    assert minutes_data(minuted) == data


@pytest.mark.parametrize("who", ["resident", "council_member", "staff", None])
def test_no_pdf_before_the_minutes_are_published(request, client, who):
    meeting = MeetingFactory(status=Meeting.Status.PUBLISHED)
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(pdf_url(meeting)).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.parametrize("who", ["resident", "staff", None])
def test_another_municipalitys_minutes_are_not_found_on_this_host(request, client, who):
    other = MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])
    meeting = MeetingFactory(
        council=CouncilFactory(municipality=other), status=Meeting.Status.MINUTED
    )
    asked = client.get(pdf_url(meeting), HTTP_HOST="beta.test")
    pk = resolve(asked["Location"]).kwargs["pk"]
    reports.render(pk)
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(pdf_url(meeting)).status_code == 404
    for name in ("report-detail", "report-download"):
        assert client.get(reverse(name, args=[pk])).status_code == 404
    assert (
        client.get(reverse("report-download", args=[pk]), HTTP_HOST="beta.test").status_code == 200
    )
