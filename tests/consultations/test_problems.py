"""Problem reports over HTTP: report with a photo and a point, route, answer, close; the
neighbourhood page's list and map; who sees what; nothing of another municipality."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from consultations.models import ProblemReport
from consultations.services.problems import answer_report, report_problem
from portal.models import Notification
from portal.workdays import add_working_days
from tests.communities.factories import CommunityFactory
from tests.consultations.factories import EXPLANATION, TODAY
from tests.portal.factories import MunicipalityFactory, NeighbourhoodFactory, UserFactory
from tests.practice.factories import PNG  # a picture Pillow decodes: it is stored re-encoded

pytestmark = pytest.mark.django_db


def _report(municipality, reporter, neighbourhood, **fields):
    values = {
        "category": "road",
        "title": "Bedre Skolas ielā",
        "description": "Dziļa bedre pie gājēju pārejas.",
        "address": "Skolas iela 5",
        **fields,
    }
    return report_problem(
        actor=reporter, municipality=municipality, neighbourhood=neighbourhood, **values
    )


def test_a_resident_reports_with_a_photo_and_a_point(client, resident, municipality):
    area = NeighbourhoodFactory()
    client.force_login(resident)
    assert client.get(reverse("problems:report-create")).status_code == 200
    response = client.post(
        reverse("problems:report-create"),
        {
            "neighbourhood": area.pk,
            "category": "environment",
            "title": "Izgāztuve mežmalā",
            "description": "Kāds izgāzis būvgružus.",
            "address": "",
            "latitude": "56.812345",
            "longitude": "24.234567",
            "photo": SimpleUploadedFile("foto.png", PNG, content_type="image/png"),
        },
    )
    report = ProblemReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert report.due_on == add_working_days(TODAY, municipality.response_working_days)
    assert str(report.latitude) == "56.812345"
    assert report.changes.count() == 1
    photo = client.get(reverse("problems:report-photo", kwargs={"pk": report.pk}))
    assert photo.status_code == 200
    other = Client()
    other.force_login(UserFactory())
    assert other.get(reverse("problems:report-photo", kwargs={"pk": report.pk})).status_code == 403
    public = Client().get(report.get_absolute_url()).content.decode()
    assert "Izgāztuve mežmalā" in public
    assert resident.full_name not in public
    assert 'data-lat="56.812345"' in public


def test_half_a_point_is_refused(client, resident):
    client.force_login(resident)
    response = client.post(
        reverse("problems:report-create"),
        {
            "neighbourhood": NeighbourhoodFactory().pk,
            "category": "road",
            "title": "Bedre",
            "description": "Bedre.",
            "latitude": "56.8",
        },
    )
    assert response.status_code == 200
    assert not ProblemReport.objects.exists()


def test_staff_route_answer_and_close_and_the_reporter_follows(
    client, staff, resident, municipality
):
    report = _report(municipality, resident, NeighbourhoodFactory())
    colleague = UserFactory(is_municipal_staff=True)
    client.force_login(staff)
    queue = client.get(reverse("problems:report-queue"))
    assert list(queue.context["reports"]) == [report]
    action = "problems:report-action"
    client.post(
        reverse(action, kwargs={"pk": report.pk, "action": "route"}), {"colleague": colleague.pk}
    )
    report.refresh_from_db()
    assert report.status == ProblemReport.Status.ROUTED
    assert report.assigned_to == colleague
    assert Notification.objects.filter(kind="problem-report-routed", user=colleague).exists()

    client.post(
        reverse(action, kwargs={"pk": report.pk, "action": "answer"}), {"answer": "Paldies!"}
    )
    report.refresh_from_db()
    assert report.status == ProblemReport.Status.ROUTED  # boilerplate refused
    client.post(
        reverse(action, kwargs={"pk": report.pk, "action": "answer"}), {"answer": EXPLANATION}
    )
    report.refresh_from_db()
    assert report.status == ProblemReport.Status.ANSWERED
    assert Notification.objects.filter(kind="problem-report-answered", user=resident).exists()
    client.post(reverse(action, kwargs={"pk": report.pk, "action": "close"}))
    report.refresh_from_db()
    assert report.status == ProblemReport.Status.CLOSED
    assert [c.to_status for c in report.changes.all()] == [
        "received",
        "routed",
        "answered",
        "closed",
    ]
    client.force_login(resident)
    mine = client.get(reverse("problems:report-mine"))
    assert list(mine.context["reports"]) == [report]
    page = client.get(report.get_absolute_url()).content.decode()
    assert EXPLANATION in page


def test_residents_and_reporters_do_not_handle_reports(client, resident, municipality):
    report = _report(municipality, resident, NeighbourhoodFactory())
    client.force_login(resident)
    response = client.post(
        reverse("problems:report-action", kwargs={"pk": report.pk, "action": "close"})
    )
    assert response.status_code == 403
    assert client.get(reverse("problems:report-queue")).status_code == 403
    reporter_staff = UserFactory(is_municipal_staff=True)
    own = _report(municipality, reporter_staff, NeighbourhoodFactory())
    client.force_login(reporter_staff)
    response = client.post(
        reverse("problems:report-action", kwargs={"pk": own.pk, "action": "answer"}),
        {"answer": EXPLANATION},
    )
    assert response.status_code == 403


def test_closed_reports_stay_public_with_their_answers_filtered_and_on_the_map(
    client, settings, resident, staff, municipality
):
    parish_area = NeighbourhoodFactory()
    open_one = _report(
        municipality, resident, parish_area, title="Atvērts", latitude=56.9, longitude=24.1
    )
    answered = _report(municipality, resident, parish_area, title="Atbildēts")
    answer_report(actor=staff, report=answered, answer=EXPLANATION)
    closed = _report(
        municipality, resident, parish_area, title="Slēgts", latitude=56.95, longitude=24.2
    )
    client.force_login(staff)  # staff answer and close it through their forms
    action = "problems:report-action"
    client.post(
        reverse(action, kwargs={"pk": closed.pk, "action": "answer"}),
        {"answer": EXPLANATION + " Bedre aizbērta."},
    )
    client.post(reverse(action, kwargs={"pk": closed.pk, "action": "close"}))
    closed.refresh_from_db()
    assert closed.status == ProblemReport.Status.CLOSED
    client.logout()

    pages = (
        parish_area.get_absolute_url(),
        parish_area.parent.get_absolute_url(),
        reverse("problems:report-list"),
    )
    for url in pages:
        page = client.get(url).content.decode()
        assert "Atvērts" in page and "Atbildēts" in page and "Slēgts" in page
        assert "data-report-map" in page and "leaflet.js" in page
        assert 'data-lat="56.900000"' in page and 'data-state="open"' in page
        assert 'data-lat="56.950000"' in page and 'data-state="closed"' in page
        assert 'class="map-legend"' in page and "Atbildēti vai slēgti" in page
        assert open_one.get_absolute_url() in page and closed.get_absolute_url() in page
        assert "Bedre aizbērta." in page  # with its answer
        only_open = client.get(url, {"state": "open"}).content.decode()
        assert "Atvērts" in only_open and "Slēgts" not in only_open
        assert "Atbildēts" not in only_open
        only_closed = client.get(url, {"state": "closed"}).content.decode()
        assert "Slēgts" in only_closed and "Atbildēts" in only_closed
        assert "Atvērts" not in only_closed
    detail = client.get(closed.get_absolute_url()).content.decode()
    assert "Bedre aizbērta." in detail  # the answer stays with the closed report

    settings.PORTAL_MAP_TILE_URL = ""  # without the tile server the list stays
    page = client.get(parish_area.get_absolute_url()).content.decode()
    assert 'data-tiles=""' in page
    assert "Atvērts" in page


@pytest.mark.parametrize("rows", [3, 30])
def test_the_neighbourhood_page_pages_its_reports_in_fixed_queries(
    client, resident, municipality, django_assert_max_num_queries, rows
):
    area = NeighbourhoodFactory()
    for number in range(rows):
        _report(municipality, resident, area, title=f"Problēma {number}")
    client.get(area.get_absolute_url())
    with django_assert_max_num_queries(8):
        page = client.get(area.get_absolute_url()).content.decode()
    assert "Problēma 0" not in page if rows > 20 else "Problēma 0" in page  # newest first
    if rows > 20:
        second = client.get(area.get_absolute_url(), {"reports": 2}).content.decode()
        assert "Problēma 0" in second


def test_leaflet_is_served_by_the_portal(client):
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/leaflet/leaflet.js")
    assert finders.find("vendor/leaflet/leaflet.css")
    assert finders.find("js/report-map.js")


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(
    client, resident, municipality, django_assert_max_num_queries, rows
):
    area = NeighbourhoodFactory()
    for number in range(rows):
        _report(municipality, resident, area, title=f"Problēma {number}")
    with django_assert_max_num_queries(6):
        assert client.get(reverse("problems:report-list")).status_code == 200


def test_nothing_of_another_municipality(client, resident):
    beta = MunicipalityFactory()
    area = NeighbourhoodFactory(parent=beta.root, municipality=beta)
    theirs = _report(beta, resident, area, title="Beta bedre")
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert "Beta bedre" not in client.get(reverse("problems:report-list")).content.decode()
    staff_here = UserFactory(is_municipal_staff=True)
    client.force_login(staff_here)
    response = client.post(
        reverse("problems:report-action", kwargs={"pk": theirs.pk, "action": "close"})
    )
    assert response.status_code == 404
    assert client.get(reverse("problems:report-photo", kwargs={"pk": theirs.pk})).status_code == 404
    with pytest.raises(Exception):  # noqa: B017 - a neighbourhood of another municipality
        report_problem(
            actor=resident,
            municipality=NeighbourhoodFactory().municipality,
            neighbourhood=area,
            category="road",
            title="x",
            description="y",
        )


def _report_form(area, **fields):
    return {
        "neighbourhood": area.pk,
        "category": "road",
        "title": "Bedre Skolas ielā",
        "description": "Dziļa bedre pie gājēju pārejas.",
        "address": "Skolas iela 5",
        "latitude": "",
        "longitude": "",
        **fields,
    }


def test_a_leader_reports_a_problem_on_behalf_of_the_community(
    client, leader, community, board_member
):
    """Issue 26 item 5: the form offers the communities the person leads, and no other."""
    area = community.neighbourhoods.get()
    other = CommunityFactory(name="Svešā kopiena")
    client.force_login(leader)
    page = client.get(reverse("problems:report-create")).content.decode()
    assert 'name="community"' in page and community.name in page
    assert other.name not in page
    refused = client.post(reverse("problems:report-create"), _report_form(area, community=other.pk))
    assert refused.status_code == 200 and not ProblemReport.objects.exists()
    response = client.post(
        reverse("problems:report-create"), _report_form(area, community=community.pk)
    )
    report = ProblemReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    assert report.community == community and report.reporter == leader
    assert community.name in client.get(report.get_absolute_url()).content.decode()
    # A board member and a resident report for themselves only: no choice offered.
    client.force_login(board_member)
    assert 'name="community"' not in client.get(reverse("problems:report-create")).content.decode()
    client.post(reverse("problems:report-create"), _report_form(area, community=community.pk))
    assert ProblemReport.objects.latest("pk").community is None
