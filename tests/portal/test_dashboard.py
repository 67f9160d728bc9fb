"""The staff dashboard over HTTP: who may open it, every figure against the list it
summarises, a fixed number of queries, and the PDF made by the worker through the kit."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from communities.models import Community
from consultations.models import ProblemReport
from consultations.services.problems import report_problem
from grants.models import Application, Programme, Round
from grants.services.subsidies import add_tier
from portal import reports
from portal.models import Report
from tests.communities.factories import CommunityFactory, EventFactory, JointOpinionFactory
from tests.consultations.factories import ConsultationFactory, SubmissionFactory, answered, closed
from tests.grants.factories import ApplicationFactory, ProgrammeFactory, RoundFactory
from tests.pdf_checks import assert_first_page_not_blank, pdf_text
from tests.portal.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    ParishFactory,
    UserFactory,
    default_municipality,
)

pytestmark = pytest.mark.django_db
URL = "/lv/dashboard/"
TODAY = timezone.localdate()
FIGURE = re.compile(r'data-figure="([^"]+)"[^>]*>([^<]*)<')


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False


def figures(client):
    response = client.get(URL)
    assert response.status_code == 200
    return dict(FIGURE.findall(response.content.decode()))


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# Who may open it -----------------------------------------------------------------------


def test_staff_and_administrators_open_it_from_the_staff_menu(client, staff, admin_user):
    client.force_login(staff)
    home = page(client, "/lv/")
    assert f'href="{URL}"' in home and "Pārskats" in home
    body = page(client, URL)
    assert "<h1>Darbinieku pārskats</h1>" in body
    assert "Lejupielādēt PDF" in body
    client.force_login(admin_user)
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("role", ["resident", "leader", "evaluator", "council", "other staff"])
def test_everyone_else_is_refused(client, role, resident, leader, evaluator, council_member):
    people = {
        "resident": resident,
        "leader": leader,
        "evaluator": evaluator,
        "council": council_member,
        "other staff": UserFactory(staff_of=MunicipalityFactory()),
    }
    client.force_login(people[role])
    assert client.get(URL).status_code == 403
    assert client.post(reverse("dashboard-pdf")).status_code == 403
    assert f'href="{URL}"' not in page(client, "/lv/")
    assert not Report.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client):
    for response in (client.get(URL), client.post(reverse("dashboard-pdf"))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


# Every figure equals its list ----------------------------------------------------------


def test_communities_by_neighbourhood_equal_the_registry_filtered_by_it(client, staff):
    parish = ParishFactory(parent=default_municipality().root)
    busy, quiet, empty = (NeighbourhoodFactory(parent=parish) for _ in range(3))
    CommunityFactory(neighbourhoods=[busy])
    CommunityFactory(neighbourhoods=[busy, quiet])
    CommunityFactory(neighbourhoods=[busy], status=Community.Status.INACTIVE)
    CommunityFactory(neighbourhoods=[quiet], status=Community.Status.SUBMITTED)  # not public
    client.force_login(staff)
    shown = figures(client)
    assert shown[f"communities-{busy.slug}"] == "3"
    assert shown[f"communities-{quiet.slug}"] == "1"
    assert f"communities-{empty.slug}" not in shown
    for area in (busy, quiet):
        registry = page(client, f"/lv/communities/?neighbourhood={area.slug}")
        found = re.search(r"Atrast\w* (\d+) kopien", registry).group(1)
        assert found == shown[f"communities-{area.slug}"]
    body = page(client, URL)
    without = body.split("bez nevienas kopienas")[1]
    assert empty.name in without and busy.name not in without
    assert f'href="/lv/communities/?neighbourhood={busy.slug}"' in body


def _feedback_figure(body, label):
    return re.search(rf'<th scope="row">{label}</th><td>([^<]*)</td>', body).group(1)


def test_consultation_figures_equal_each_feedback_page(client, staff):
    done = closed(title="Budžets")
    for number in range(4):
        answered(SubmissionFactory(consultation=done), days=2 + number, late=number == 3)
    SubmissionFactory(consultation=done)  # unanswered: the consultation closed yesterday
    late = ConsultationFactory(
        opens_on=TODAY - datetime.timedelta(days=90), closes_on=TODAY - datetime.timedelta(days=60)
    )
    SubmissionFactory(consultation=late)  # overdue
    answered(SubmissionFactory(consultation=late), days=7)
    ConsultationFactory(status="draft")  # not on the dashboard
    client.force_login(staff)
    shown = figures(client)
    assert shown[f"consultation-{done.slug}-total"] == "5"
    assert shown[f"consultation-{done.slug}-late"] == "1"
    assert shown[f"consultation-{done.slug}-median"] == "3,5"
    for consultation in (done, late):
        feedback = page(client, reverse("consultations:feedback", args=[consultation.slug]))
        prefix = f"consultation-{consultation.slug}"
        assert shown[f"{prefix}-total"] == _feedback_figure(feedback, "Iesniegumi")
        assert shown[f"{prefix}-answered"] == _feedback_figure(feedback, "Atbildēti")
        assert shown[f"{prefix}-late"] == _feedback_figure(
            feedback, "Atbildēti novēloti vai nokavēti"
        )
        assert shown[f"{prefix}-median"] == _feedback_figure(
            feedback, r"Atbildes laika mediāna darbdienās \(pēc apspriešanas beigām\)"
        )
    assert shown[f"consultation-{late.slug}-late"] == "1"
    assert 'href="/lv/consultations/' + done.slug + '/feedback/"' in page(client, URL)


@pytest.mark.parametrize("apart", [40, 100])  # days between: 11 or 5 in the last 365 days
def test_consultation_figures_equal_the_feedback_functions_whatever_the_case(apart):
    """The dashboard counts its consultations in a query of its own: the same figures as
    ``figures_by_consultation`` (each feedback page) and ``records_by_municipality`` (the
    national view), over submissions answered on time and late, waiting within and past the
    due date or an extension, and late both ways (counted twice by one, once by the other);
    the latest 10 also when fewer than 10 closed in the last 365 days."""
    from consultations.feedback import figures_by_consultation, records_by_municipality
    from consultations.models import Consultation, Submission
    from front.views.dashboard import dashboard_data

    day = datetime.timedelta(days=1)
    old = ConsultationFactory(opens_on=TODAY - 500 * day, closes_on=TODAY - 400 * day)
    answered(SubmissionFactory(consultation=old), days=9)
    for number in range(12):
        closes_on = TODAY - (1 + apart * number) * day
        consultation = ConsultationFactory(opens_on=closes_on - 30 * day, closes_on=closes_on)
        for days in range(number % 4):
            submission = SubmissionFactory(consultation=consultation)
            answered(submission, days=days + number, late=days > 1)
        waiting = SubmissionFactory(consultation=consultation)
        if number % 3 == 0:
            Submission.objects.filter(pk=waiting.pk).update(extended_until=TODAY + 5 * day)
        if number % 3 == 1:
            Submission.objects.filter(pk=waiting.pk).update(
                extended_until=TODAY - day, answered_late=True
            )
    ConsultationFactory()  # open: among the latest, not of the last 365 days
    ConsultationFactory(status="draft")
    municipality = default_municipality()
    data = dashboard_data(municipality)["consultations"]
    latest = list(
        Consultation.objects.of(municipality).published().order_by("-closes_on", "-pk")[:10]
    )
    expected = figures_by_consultation([c.pk for c in latest], TODAY)
    assert [row["slug"] for row in data["rows"]] == [c.slug for c in latest]
    for consultation, row in zip(latest, data["rows"], strict=True):
        found = expected[consultation.pk]
        assert (row["total"], row["answered"], row["late"]) == (
            found.total,
            found.answered,
            found.late,
        ), consultation.slug
        assert row["median_days"] == found.median_days
    record = records_by_municipality([municipality.pk], TODAY)[municipality.pk]
    year = data["year"]
    assert (year["total"], year["answered"], year["late"]) == (
        record.total,
        record.answered,
        record.late,
    )
    assert year["median_days"] == record.median_days
    assert record.total > 5 and record.late > 0


def _award(round_, amount, neighbourhoods=()):
    application = ApplicationFactory(
        round=round_, status=Application.Status.AWARDED, awarded_amount=Decimal(amount)
    )
    application.neighbourhoods.set(neighbourhoods)
    return application


def test_grants_by_programme_are_the_sums_the_orm_reads():
    """The programmes' query is written SQL: its sums are the amounts the ORM reads (on SQLite
    too, which sums into a float), and the totals theirs."""
    from django.db.models import Count, Sum

    from front.views.dashboard import dashboard_data

    competition = ProgrammeFactory(name="Apkaimju konkurss")
    decided = RoundFactory(programme=competition, status=Round.Status.RESULTS)
    closed_round = RoundFactory(programme=competition, status=Round.Status.CLOSED)
    other = RoundFactory(programme=ProgrammeFactory(name="Līdzfinansējums"), status="results")
    for round_, amount in ((decided, "0.10"), (decided, "0.20"), (closed_round, "1200.55")):
        _award(round_, amount)
    _award(other, "2000.00")
    ApplicationFactory(round=decided, status=Application.Status.REJECTED)
    expected = {
        row["round__programme__name"]: (row["count"], row["amount"])
        for row in Application.objects.filter(status=Application.Status.AWARDED)
        .values("round__programme__name")
        .annotate(count=Count("pk"), amount=Sum("awarded_amount"))
        .order_by()
    }
    grants = dashboard_data(default_municipality(), TODAY)["grants"]
    shown = {row["name"]: (row["count"], Decimal(row["amount"])) for row in grants["programmes"]}
    assert shown == expected
    assert grants["count"] == 4


def test_grants_awarded_equal_the_rounds_results(client, staff):
    parish = ParishFactory(parent=default_municipality().root)
    north, south = NeighbourhoodFactory(parent=parish), NeighbourhoodFactory(parent=parish)
    competition = ProgrammeFactory(name="Apkaimju konkurss")
    decided = RoundFactory(programme=competition, status=Round.Status.RESULTS)
    finished = RoundFactory(programme=competition, status=Round.Status.CLOSED)
    other = RoundFactory(
        programme=ProgrammeFactory(name="Līdzfinansējums"), status=Round.Status.RESULTS
    )
    evaluating = RoundFactory(programme=competition, status=Round.Status.EVALUATION)
    _award(decided, "1200.00", [north])
    _award(decided, "300.50", [north, south])
    _award(finished, "1000.00", [south])
    _award(other, "2000.00")
    ApplicationFactory(round=decided, status=Application.Status.REJECTED)
    _award(evaluating, "999.00", [north])  # results not published: not counted
    client.force_login(staff)
    body = page(client, URL)
    grants = body.split('id="chart-grants"')[1].split("</section>")[0]
    assert "4 projekti" in grants and "4500,50 €" in grants.replace("\xa0", "")

    def row(caption_part, name):
        table = grants.split(caption_part)[1].split("</table>")[0]
        match = re.search(rf'<th scope="row">{name}</th><td>(\d+)</td><td>([^<]*)</td>', table)
        return int(match.group(1)), match.group(2).replace("\xa0", " ")

    # By programme: the results tables of its rounds, and the awarded in their lists.
    for programme, rounds in ((competition, (decided, finished)), (other.programme, (other,))):
        count, amount = row("pēc programmas", programme.name)
        listed = sum(
            page(client, f"/lv/grants/{r.slug}/applications/?status=awarded").count("/review/")
            for r in rounds
        )
        results = [
            Decimal(value.replace("\xa0", "").replace(" ", "").replace(",", ".").rstrip("€"))
            for r in rounds
            for value in re.findall(
                r'data-label="Piešķirts">([^<]*)</td>', page(client, r.get_absolute_url())
            )
            if value != "—"
        ]
        assert count == listed
        assert amount.replace(" ", "") == f"{sum(results):.2f}".replace(".", ",") + "€"
    # By neighbourhood: a project serving two counts in each.
    assert row("pēc apkaimes", north.name) == (2, "1 500,50 €")
    assert row("pēc apkaimes", south.name) == (2, "1 300,50 €")


def test_tiers_met_equal_the_subsidy_overview(client, staff):
    subsidy = ProgrammeFactory(kind=Programme.Kind.SUBSIDY, name="Dotācija")
    add_tier(actor=None, programme=subsidy, name="Pamata", amount=Decimal("500"), min_events=1)
    add_tier(
        actor=None,
        programme=subsidy,
        name="Augstākā",
        amount=Decimal("1500"),
        order=1,
        min_events=1,
        min_joint_opinions=1,
    )
    day = min(TODAY, datetime.date(TODAY.year, 1, 2))
    for number in range(3):
        community = CommunityFactory()
        if number < 2:
            EventFactory(community=community, date=day, attendance=30)
        if number == 0:
            JointOpinionFactory(community=community, sent_on=day)
    client.force_login(staff)
    shown = figures(client)
    assert (shown[f"tier-{subsidy.slug}-1"], shown[f"tier-{subsidy.slug}-2"]) == ("2", "1")
    overview = page(client, f"/lv/grants/subsidies/{subsidy.slug}/?year={TODAY.year}")
    rows = re.findall(r"<tr>(.*?)</tr>", overview.split("<tbody>")[1], re.S)
    cells = [re.findall(r'data-label="([^"]+)">(.*?)</td>', row, re.S) for row in rows]
    for number, name in ((1, "Pamata"), (2, "Augstākā")):
        meets = sum(
            1 for row in cells for label, text in row if label == name and "atbilst" in text
        )
        assert shown[f"tier-{subsidy.slug}-{number}"] == str(meets)


def test_waiting_problem_reports_by_age_equal_the_queue_filtered_by_age(client, staff, resident):
    area = NeighbourhoodFactory()
    ages = {"0-7": [0, 7], "8-30": [8, 30, 12], "31-90": [45], "91-": [200]}
    for days in [d for values in ages.values() for d in values] + [3]:
        report = report_problem(
            actor=resident,
            municipality=default_municipality(),
            neighbourhood=area,
            category="road",
            title=f"Bedre {days}",
            description="Dziļa bedre.",
        )
        ProblemReport.objects.filter(pk=report.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days)
        )
    ProblemReport.objects.filter(title="Bedre 3").update(status=ProblemReport.Status.ANSWERED)
    client.force_login(staff)
    shown = figures(client)
    assert {key: shown[f"problems-{key}"] for key in ages} == {
        key: str(len(values)) for key, values in ages.items()
    }
    for key in ages:
        queue = page(client, f"/lv/reports/queue/?age={key}")
        assert queue.count('<th scope="row">') == int(shown[f"problems-{key}"])
    assert page(client, "/lv/reports/queue/").count('<th scope="row">') == 7
    assert 'href="/lv/reports/queue/?age=8-30"' in page(client, URL)


def test_a_change_shows_on_the_next_request(client, staff, resident):
    subsidy = ProgrammeFactory(kind=Programme.Kind.SUBSIDY)
    add_tier(actor=None, programme=subsidy, name="Pamata", amount=Decimal("500"), min_events=1)
    community = CommunityFactory()
    client.force_login(staff)
    shown = figures(client)
    assert shown["problems-0-7"] == "0" and shown[f"tier-{subsidy.slug}-1"] == "0"
    report_problem(
        actor=resident,
        municipality=default_municipality(),
        neighbourhood=NeighbourhoodFactory(),
        category="road",
        title="Bedre",
        description="Dziļa bedre.",
    )
    EventFactory(community=community, date=TODAY, attendance=30)
    shown = figures(client)
    assert shown["problems-0-7"] == "1" and shown[f"tier-{subsidy.slug}-1"] == "1"


def test_nothing_of_another_municipality(client, staff):
    elsewhere = MunicipalityFactory()
    CommunityFactory(municipality=elsewhere, name="Citur esoša kopiena")
    ConsultationFactory(municipality=elsewhere, title="Citas pašvaldības apspriešana")
    client.force_login(staff)
    body = page(client, URL)
    assert "Citur esoša kopiena" not in body and "Citas pašvaldības" not in body


# A fixed number of queries -------------------------------------------------------------


def _world(size):
    parish = ParishFactory(parent=default_municipality().root)
    areas = [NeighbourhoodFactory(parent=parish) for _ in range(size)]
    subsidy = ProgrammeFactory(kind=Programme.Kind.SUBSIDY)
    add_tier(actor=None, programme=subsidy, name="Pamata", amount=Decimal("500"), min_events=1)
    decided = RoundFactory(status=Round.Status.RESULTS)
    for number in range(size):
        community = CommunityFactory(neighbourhoods=[areas[number]])
        EventFactory(community=community)
        consultation = closed()
        answered(SubmissionFactory(consultation=consultation))
        SubmissionFactory(consultation=consultation)
        _award(decided, "100.00", [areas[number]])
        ProblemReport.objects.create(
            municipality=default_municipality(),
            neighbourhood=areas[number],
            category="road",
            title="Bedre",
            description="Bedre.",
            due_on=TODAY,
        )


def test_the_page_makes_a_fixed_number_of_queries(client, staff, django_assert_max_num_queries):
    client.force_login(staff)
    _world(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    _world(12)  # more of every row each chart counts, and a second subsidy programme
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["data"]["tiers"]["programmes"]) == 2
    assert len(response.context["data"]["consultations"]["rows"]) == 10


def test_the_page_makes_at_most_15_queries(client, staff, django_assert_max_num_queries):
    """Session, account, municipality and roles included (issue 24); the first request after
    signing in also saves the session."""
    _world(15)
    client.force_login(staff)
    assert client.get("/lv/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(URL).status_code == 200


# The PDF -------------------------------------------------------------------------------


def test_staff_download_the_dashboard_as_a_pdf_made_by_the_worker(client, staff, tmp_path):
    parish = ParishFactory(parent=default_municipality().root)
    area = NeighbourhoodFactory(parent=parish, name="Ziedkalne")
    CommunityFactory(neighbourhoods=[area], name="Ziedkalnes kaimiņi")
    CommunityFactory(neighbourhoods=[area])
    decided = RoundFactory(status=Round.Status.RESULTS)
    _award(decided, "1234.00", [area])
    client.force_login(staff)
    asked = client.post(reverse("dashboard-pdf"))
    report = Report.objects.get()
    assert asked.status_code == 302 and asked["Location"] == report.get_absolute_url()
    assert report.kind == "staff-dashboard" and report.data["communities"]["total"] == 3
    assert "data-hx-trigger" in page(client, asked["Location"])

    assert reports.render(report.pk) == Report.Status.READY  # the worker
    again = client.post(reverse("dashboard-pdf"))  # the same data: the same file
    assert again["Location"] == asked["Location"] and Report.objects.count() == 1
    response = client.get(reverse("report-download", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    text = pdf_text(data)
    assert default_municipality().name in text
    assert "Darbinieku pārskats" in text and "Kopienas pa apkaimēm" in text
    assert "Ziedkalne" in text and "Piešķirtais finansējums" in text
    assert "1 234,00 €" in text.replace("\xa0", " ")
    assert "ā" in text and "ņ" in text.lower()  # Latvian letters survive

    assert_first_page_not_blank(data, tmp_path)


def test_another_municipality_s_staff_cannot_see_the_pdf(client, staff):
    client.force_login(staff)
    report = Report.objects.get(pk=_location_pk(client.post(reverse("dashboard-pdf"))))
    client.force_login(UserFactory(staff_of=MunicipalityFactory()))
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(reverse("report-download", args=[report.pk])).status_code == 404


def _location_pk(response):
    return int(response["Location"].rstrip("/").split("/")[-1])


# The demo --------------------------------------------------------------------------------


@pytest.mark.dates
@pytest.mark.no_default_municipality
@freeze_time("2026-09-15 10:00:00", tick=True)  # the tiers count this year: not 1 January
def test_every_chart_of_each_demo_municipality_is_filled(client, settings):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from portal.models import Municipality, MunicipalityHost

    call_command("seed_demo", stdout=StringIO())
    client.force_login(get_user_model().objects.get(email="both.staff@demo.lv"))
    for municipality in Municipality.objects.all():
        host = MunicipalityHost.objects.get(municipality=municipality, is_primary=True).name
        response = client.get(URL, HTTP_HOST=host)
        assert response.status_code == 200, municipality
        data = response.context["data"]
        communities, consultations = data["communities"], data["consultations"]["rows"]
        assert any(row["count"] for row in communities["rows"]) and communities["without"]
        assert any(row["answered"] for row in consultations)
        assert any(row["late"] for row in consultations)
        assert any(row["median_days"] for row in consultations)
        assert data["grants"]["count"] and data["grants"]["neighbourhoods"]
        assert all(
            any(tier["met"] for tier in programme["tiers"])
            for programme in data["tiers"]["programmes"]
        ), municipality
        assert data["tiers"]["programmes"]
        assert len([b for b in data["problems"]["buckets"] if b["count"]]) >= 2, municipality
