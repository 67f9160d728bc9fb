"""The kit's reports (portal/reports.py) and the community's annual activity report.

Over HTTP with eager tasks: a leader asks for the report on the community page, sees its
progress and downloads the PDF; the same data is not rendered twice; old files are purged;
who may ask and see; another municipality's report is 404. The PDF's text is extracted and
its first page rendered to an image that is not blank (pdftoppm).
"""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from communities.models import Membership
from communities.reports import ANNUAL_ACTIVITY, annual_report_data
from portal import reports
from portal.models import Report
from tests.communities.factories import (
    CommunityFactory,
    EventFactory,
    JointOpinionFactory,
    MembershipFactory,
)
from tests.pdf_checks import assert_first_page_not_blank, pdf_text
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False


@pytest.fixture
def with_record(community):
    EventFactory(
        community=community,
        title="Ziemassvētku tirdziņš",
        date=datetime.date(YEAR, 12, 14),
        attendance=87,
    )
    EventFactory(community=community, title="Talka", date=datetime.date(YEAR, 4, 20), attendance=25)
    EventFactory(community=community, title="Cita gada talka", date=datetime.date(YEAR - 1, 4, 20))
    JointOpinionFactory(
        community=community, title="Par gājēju pāreju", sent_on=datetime.date(YEAR, 6, 1)
    )
    return community


def ask(client, community, year=YEAR, capture=None):
    url = reverse("communities:annual-report", args=[community.slug])
    if capture is None:
        return client.post(url, {"year": year})
    with capture(execute=True):
        return client.post(url, {"year": year})


def test_a_leader_asks_sees_the_progress_and_downloads_the_report(
    client, leader, with_record, django_capture_on_commit_callbacks, tmp_path
):
    community = with_record
    client.force_login(leader)
    page = client.get(community.get_absolute_url())
    assert reverse("communities:annual-report", args=[community.slug]) in page.content.decode()

    asked = ask(client, community)  # the worker has not run yet
    report = Report.objects.get()
    assert asked["Location"] == reverse("report-detail", args=[report.pk])
    waiting = client.get(asked["Location"])
    assert "data-hx-trigger" in waiting.content.decode()
    assert reverse("report-download", args=[report.pk]) not in waiting.content.decode()
    assert client.get(reverse("report-download", args=[report.pk])).status_code == 404

    reports.render(report.pk)  # the worker
    polled = client.get(asked["Location"], HTTP_HX_REQUEST="true")
    assert "data-hx-trigger" not in polled.content.decode()
    assert "<html" not in polled.content.decode()  # the fragment htmx swaps in
    download = reverse("report-download", args=[report.pk])
    assert download in polled.content.decode()

    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    data = b"".join(response.streaming_content)
    text = pdf_text(data)
    assert community.municipality.name in text
    words = text.split()  # table cells wrap
    assert "Ziemassvētku" in words and "tirdziņš" in words and "Talka" in words
    assert "Cita" not in words
    assert "Par gājēju pāreju" in text
    assert "112" in text  # 87 + 25 participants
    assert "Pasākumi" in text  # in Latvian

    assert_first_page_not_blank(data, tmp_path)


def test_the_same_data_reuses_the_file_and_new_data_makes_a_new_one(
    client, leader, with_record, django_capture_on_commit_callbacks, monkeypatch
):
    community = with_record
    client.force_login(leader)
    rendered = []
    real = reports.render
    monkeypatch.setattr(reports, "render", lambda pk, worker="": rendered.append(pk) or real(pk))

    first = ask(client, community, capture=django_capture_on_commit_callbacks)
    again = ask(client, community, capture=django_capture_on_commit_callbacks)
    assert first["Location"] == again["Location"]
    assert Report.objects.count() == 1 and len(rendered) == 1
    assert Report.objects.get().status == Report.Status.READY

    EventFactory(community=community, title="Jauns", date=datetime.date(YEAR, 5, 5))
    changed = ask(client, community, capture=django_capture_on_commit_callbacks)
    assert changed["Location"] != first["Location"]
    assert Report.objects.count() == 2 and len(rendered) == 2


def test_a_render_claimed_once_and_taken_over_after_its_lease(with_record, leader, settings):
    settings.PORTAL_REPORT_LEASE_SECONDS = 60
    report = reports.request_report(
        ANNUAL_ACTIVITY,
        actor=leader,
        municipality=with_record.municipality,
        subject="x",
        data=annual_report_data(with_record, YEAR),
    )
    assert reports.claim(report.pk, "a") is not None
    assert reports.claim(report.pk, "b") is None  # someone has it
    assert reports.render(report.pk, "b") is None
    later = timezone.now() + datetime.timedelta(seconds=61)
    with freeze_time(later):  # "a" died: its lease ran out
        assert reports.resume() == 1
        assert reports.render(report.pk, "b") == Report.Status.READY
    report.refresh_from_db()
    assert (report.status, report.attempts, report.claimed_by) == ("ready", 2, "b")


def test_old_reports_are_removed_after_the_retention_period(
    client, leader, with_record, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_REPORT_RETENTION_DAYS = 30
    client.force_login(leader)
    ask(client, with_record, capture=django_capture_on_commit_callbacks)
    report = Report.objects.get()
    name = report.file.name
    assert default_storage.exists(name)

    with freeze_time(timezone.now() + datetime.timedelta(days=29)):
        assert reports.purge() == 0
    with freeze_time(timezone.now() + datetime.timedelta(days=31)):
        assert reports.purge() == 1
    assert not default_storage.exists(name) and not Report.objects.exists()


def test_a_failed_render_is_tried_again_when_asked_again(
    client, leader, with_record, django_capture_on_commit_callbacks, monkeypatch, settings
):
    settings.PORTAL_REPORT_MAX_ATTEMPTS = 1
    client.force_login(leader)

    def broken(*args, **kwargs):
        raise OSError("no fonts")

    monkeypatch.setattr("portal.pdf.render_pdf", broken)
    page = client.get(
        ask(client, with_record, capture=django_capture_on_commit_callbacks)["Location"]
    )
    assert Report.objects.get().status == Report.Status.FAILED
    assert "data-hx-trigger" not in page.content.decode()
    monkeypatch.undo()
    ask(client, with_record, capture=django_capture_on_commit_callbacks)
    assert Report.objects.get().status == Report.Status.READY


@pytest.mark.parametrize(
    ("who", "may"),
    [
        ("leader", True),
        ("staff", True),
        ("board_member", False),
        ("member", False),
        ("resident", False),
    ],
)
def test_who_may_ask_for_and_see_the_report(request, client, community, who, may):
    person = request.getfixturevalue(who)
    client.force_login(person)
    asked = ask(client, community)
    assert asked.status_code == (302 if may else 403)
    report = Report.objects.first() or reports.request_report(
        ANNUAL_ACTIVITY,
        actor=None,
        municipality=community.municipality,
        subject="x",
        data=annual_report_data(community, YEAR),
    )
    reports.render(report.pk)
    page = client.get(reverse("report-detail", args=[report.pk]))
    download = client.get(reverse("report-download", args=[report.pk]))
    assert page.status_code == (200 if may else 404)
    assert download.status_code == (200 if may else 404)


def test_anonymous_people_are_sent_to_sign_in(client, community):
    report = reports.request_report(
        ANNUAL_ACTIVITY,
        actor=None,
        municipality=community.municipality,
        subject="x",
        data=annual_report_data(community, YEAR),
    )
    assert (
        client.post(reverse("communities:annual-report", args=[community.slug])).status_code == 302
    )
    for name in ("report-detail", "report-download"):
        response = client.get(reverse(name, args=[report.pk]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_municipalitys_report_is_not_found_on_this_host(client):
    other = MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])
    community = CommunityFactory(municipality=other, status="active")
    staff = UserFactory(is_municipal_staff=True)
    report = reports.request_report(
        ANNUAL_ACTIVITY,
        actor=None,
        municipality=other,
        subject="x",
        data=annual_report_data(community, YEAR),
    )
    reports.render(report.pk)
    client.force_login(staff)
    assert client.get(reverse("report-detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("report-download", args=[report.pk])).status_code == 404


def test_membership_through_the_year(community):
    leader = MembershipFactory(community=community, role=Membership.Role.LEADER)
    Membership.objects.filter(pk=leader.pk).update(
        requested_at=timezone.make_aware(datetime.datetime(YEAR - 1, 3, 1))
    )
    joined = MembershipFactory(community=community)
    Membership.objects.filter(pk=joined.pk).update(
        requested_at=timezone.make_aware(datetime.datetime(YEAR, 7, 10))
    )
    membership = annual_report_data(community, YEAR)["membership"]
    assert (membership["at_start"], membership["at_end"]) == (1, 2)
    assert [row["members"] for row in membership["months"]][5:7] == [1, 2]
