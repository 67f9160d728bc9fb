"""Reports line by line against the approved budget, with files, due on the round's dates
(issue 26, item 5): driven over HTTP the way staff and a community's leaders use them."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from grants.models import Application, BudgetLine, Report, ReportFile, ReportLine, Round
from grants.services.evaluation import decide_application, publish_results
from grants.services.grant_reports import file_report
from tests.communities.factories import MembershipFactory
from tests.grants.factories import ApplicationFactory, RoundFactory, assign
from tests.grants.test_rounds import round_data
from tests.portal.factories import MunicipalityFactory, UserFactory
from tests.practice.factories import PDF, PNG

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def evaluated(round_, **application):
    """An eligible application of ``round_`` with two budget lines (1000 € and 300 €)."""
    found = ApplicationFactory(round=round_, status=Application.Status.ELIGIBLE, **application)
    BudgetLine.objects.create(
        application=found,
        category=BudgetLine.Category.EVENTS,
        description="Svētku ēdināšana",
        amount=Decimal("300.00"),
    )
    return found


def awarded_in(round_, staff, client=None):
    application = evaluated(round_)
    decide_application(actor=staff, application=application, award=True)
    if client is None:
        publish_results(actor=staff, round=round_)
    else:
        client.force_login(staff)
        assert (
            client.post(reverse("grants:round-move", args=[round_.slug, "results"])).status_code
            == 302
        )
    return application


def leader_of(application):
    user = UserFactory()
    MembershipFactory(community=application.community, user=user, role=Membership.Role.LEADER)
    return user


def report_url(report):
    application = report.application
    return reverse("grants:report", args=[application.round.slug, application.pk, report.pk])


def file_add_url(report):
    application = report.application
    return reverse(
        "grants:report-file-add", args=[application.round.slug, application.pk, report.pk]
    )


def lines(application, spent=(), notes=(), keys=None):
    """What the report's form posts: one row per approved budget line, in the page's order."""
    budget = list(application.budget_lines.order_by("pk"))
    keys = keys or [line.pk for line in budget]
    data = {"lines-TOTAL_FORMS": str(len(keys)), "lines-INITIAL_FORMS": str(len(keys))}
    for number, key in enumerate(keys):
        data[f"lines-{number}-budget_line"] = str(key)
        data[f"lines-{number}-spent"] = spent[number] if number < len(spent) else ""
        data[f"lines-{number}-note"] = notes[number] if number < len(notes) else ""
    return data


def upload(name, content, kind="receipt", title="Čeks"):
    mime = "application/pdf" if name.endswith(".pdf") else "image/png"
    return {"kind": kind, "title": title, "file": SimpleUploadedFile(name, content, mime)}


@pytest.fixture
def evaluating():
    return RoundFactory(
        status=Round.Status.EVALUATION, deadline=timezone.now() - datetime.timedelta(days=1)
    )


@pytest.fixture
def awarded(evaluating, staff):
    return awarded_in(evaluating, staff)


@pytest.fixture
def leader_(awarded):
    return leader_of(awarded)


# Due dates set by staff ---------------------------------------------------------------


def test_staff_set_the_due_dates_and_the_results_create_reports_with_them(client, staff):
    from tests.grants.factories import ProgrammeFactory

    client.force_login(staff)
    programme = ProgrammeFactory()
    progress, final = TODAY + datetime.timedelta(days=300), TODAY + datetime.timedelta(days=540)
    data = round_data(
        programme,
        progress_report_due_on=progress.isoformat(),
        final_report_due_on=final.isoformat(),
    )
    assert client.post(reverse("grants:round-create"), data).status_code == 302
    round_ = Round.objects.get()
    assert (round_.progress_report_due_on, round_.final_report_due_on) == (progress, final)
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "Atskaišu termiņi" in page and final.strftime("%d.%m.%Y") in page

    Round.objects.filter(pk=round_.pk).update(
        status=Round.Status.EVALUATION, deadline=timezone.now() - datetime.timedelta(days=1)
    )
    round_.refresh_from_db()
    application = awarded_in(round_, staff, client)
    assert dict(application.reports.values_list("kind", "due_on")) == {
        Report.Kind.PROGRESS: progress,
        Report.Kind.FINAL: final,
    }


def test_a_round_without_a_progress_report_asks_for_the_final_one_only(evaluating, staff):
    Round.objects.filter(pk=evaluating.pk).update(progress_report_due_on=None)
    evaluating.refresh_from_db()
    application = awarded_in(evaluating, staff)
    assert list(application.reports.values_list("kind", "due_on")) == [
        (Report.Kind.FINAL, evaluating.final_report_due_on)
    ]


def test_due_dates_that_do_not_fit_the_implementation_get_a_message(client, staff):
    from tests.grants.factories import ProgrammeFactory

    client.force_login(staff)
    data = round_data(
        ProgrammeFactory(),
        progress_report_due_on=(TODAY + datetime.timedelta(days=10)).isoformat(),
        final_report_due_on=(TODAY + datetime.timedelta(days=200)).isoformat(),
    )
    response = client.post(reverse("grants:round-create"), data)
    assert response.status_code == 200 and not Round.objects.exists()
    errors = response.context["form"].errors
    assert "progress_report_due_on" in errors and "final_report_due_on" in errors
    page = response.content.decode()
    assert "Apkaimju iniciatīvas 2027" in page  # nothing typed is lost
    data["final_report_due_on"] = ""
    response = client.post(reverse("grants:round-create"), data)
    assert "final_report_due_on" in response.context["form"].errors


def test_the_reminders_read_the_dates_staff_set(awarded, leader_, mailoutbox):
    from portal.outbox.delivery import deliver_due
    from portal.outbox.reminders import sweep

    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    sweep(report.due_on - datetime.timedelta(days=3))
    deliver_due()
    assert any(m.to == [leader_.email] for m in mailoutbox)


# The main flow -------------------------------------------------------------------------


def test_the_leader_reports_line_by_line_with_files_staff_return_then_accept(
    client, awarded, leader_, staff, mailoutbox, django_capture_on_commit_callbacks
):
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader_)
    page = client.get(report_url(report)).content.decode()
    assert "Svētku ēdināšana" in page and "1300,00" in page.replace("\xa0", "").replace(" ", "")

    response = client.post(file_add_url(report), upload("cekis.pdf", PDF))
    assert response.status_code == 302
    response = client.post(
        file_add_url(report), upload("foto.png", PNG, kind="photo", title="Parks pēc talkas")
    )
    assert response.status_code == 302
    assert report.files.count() == 2

    response = client.post(
        report_url(report),
        {
            "narrative": "Parks sakopts, svētki notika.",
            **lines(awarded, ["850", "340"], ["", "Vairāk viesu, nekā plānots"]),
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert report.spent_amount == Decimal("1190.00")  # the sum of the lines
    assert sorted(report.lines.values_list("spent", flat=True)) == [Decimal("340"), Decimal("850")]

    client.force_login(staff)
    page = client.get(report_url(report)).content.decode()
    flat = page.replace("\xa0", "").replace(" ", "")
    assert "1190,00" in flat and "1300,00" in flat and "-110,00" in flat  # the totals
    assert "40,00€vairāk,nekāapstiprināts" in flat  # the line above its amount, in words
    for one in report.files.all():
        assert reverse("grants:report-file", args=[one.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            report_url(report), {"accept": "no", "reason": "Pievienojiet ēdināšanas rēķinu."}
        )
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED
    assert any(
        m.to == [leader_.email] and "Pievienojiet ēdināšanas rēķinu." in m.body for m in mailoutbox
    )

    client.force_login(leader_)
    page = client.get(report_url(report)).content.decode()
    assert "Pievienojiet ēdināšanas rēķinu." in page
    assert 'value="850.00"' in page  # what was filed comes back to be corrected
    client.post(file_add_url(report), upload("rekins.pdf", PDF, title="Ēdināšanas rēķins"))
    response = client.post(
        report_url(report),
        {
            "narrative": "Parks sakopts, svētki notika; rēķins pievienots.",
            **lines(awarded, ["850", "340"], ["", "Vairāk viesu, nekā plānots"]),
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and report.files.count() == 3
    assert report.lines.count() == 2  # written again, not added to

    client.force_login(staff)
    client.post(report_url(report), {"accept": "yes"})
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED
    assert [c.to_status for c in report.status_changes.all()] == [
        "due",
        "submitted",
        "returned",
        "submitted",
        "accepted",
    ]


def test_a_file_is_removed_after_a_confirmation_and_leaves_the_storage(
    client, awarded, leader_, django_capture_on_commit_callbacks
):
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader_)
    client.post(file_add_url(report), upload("cekis.pdf", PDF))
    stored = report.files.get()
    path = Path(settings.MEDIA_ROOT) / stored.file.name
    assert path.exists()
    remove = reverse(
        "grants:report-file-remove",
        args=[awarded.round.slug, awarded.pk, report.pk, stored.pk],
    )
    assert "Čeks" in client.get(remove).content.decode()  # asked first
    assert report.files.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(remove).status_code == 302
    assert not report.files.exists() and not path.exists()
    removal = report.status_changes.get(event="report_file_removed")  # who and when, kept
    assert removal.actor == leader_ and removal.data == {"title": "Čeks"}


def test_a_photo_is_stored_without_its_metadata(client, awarded, leader_):
    from PIL import Image

    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader_)
    client.post(file_add_url(report), upload("foto.png", PNG, kind="photo"))
    stored = report.files.get()
    with Image.open(stored.file.path) as picture:
        assert "exif" not in picture.info


# Who sees the files --------------------------------------------------------------------


def test_the_files_go_to_those_who_may_see_the_report_only(client, awarded, leader_, staff):
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader_)
    client.post(file_add_url(report), upload("cekis.pdf", PDF))
    download = reverse("grants:report-file", args=[report.files.get().pk])
    board = UserFactory()
    MembershipFactory(community=awarded.community, user=board, role=Membership.Role.BOARD)
    evaluator = UserFactory()
    assign(awarded.round, evaluator)
    elsewhere = MunicipalityFactory()
    other_leader = leader_of(ApplicationFactory(round=awarded.round))
    allowed = {"leader": leader_, "board": board, "staff": staff, "evaluator": evaluator}
    refused = {
        "resident": UserFactory(),
        "member": UserFactory(),
        "another community's leader": other_leader,
        "staff of another municipality": UserFactory(staff_of=elsewhere),
    }
    MembershipFactory(
        community=awarded.community, user=refused["member"], role=Membership.Role.MEMBER
    )
    for role, person in allowed.items():
        client.force_login(person)
        response = client.get(download)
        assert response.status_code == 200, role
        assert "no-store" in response["Cache-Control"]
        assert download in client.get(report_url(report)).content.decode(), role
    for role, person in refused.items():
        client.force_login(person)
        assert client.get(download).status_code == 404, role
        assert client.get(report_url(report)).status_code == 404, role
    client.force_login(refused["staff of another municipality"])
    assert client.get(download, HTTP_HOST=f"{elsewhere.slug}.test").status_code == 404
    client.force_login(leader_)
    assert client.get(download, HTTP_HOST=f"{elsewhere.slug}.test").status_code == 404
    client.logout()
    assert client.get(download).status_code in (302, 404)


def test_only_the_community_s_leaders_and_board_add_or_remove_files(
    client, awarded, leader_, staff
):
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader_)
    client.post(file_add_url(report), upload("cekis.pdf", PDF))
    stored = report.files.get()
    remove = reverse(
        "grants:report-file-remove", args=[awarded.round.slug, awarded.pk, report.pk, stored.pk]
    )
    client.force_login(staff)
    assert client.post(file_add_url(report), upload("x.pdf", PDF)).status_code == 403
    assert client.post(remove).status_code == 403
    client.force_login(UserFactory())
    assert client.post(file_add_url(report), upload("x.pdf", PDF)).status_code == 404
    assert report.files.count() == 1


def test_a_filed_report_takes_no_more_files_until_it_is_returned(client, awarded, leader_):
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader_)
    client.post(report_url(report), {"narrative": "Izdarīts.", **lines(awarded, ["100", "0"])})
    assert client.post(file_add_url(report), upload("cekis.pdf", PDF)).status_code == 403
    assert not report.files.exists()


# Bad input gets a message and loses nothing ----------------------------------------------


def test_a_negative_amount_gets_a_message_and_keeps_what_was_typed(client, awarded, leader_):
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader_)
    response = client.post(
        report_url(report),
        {"narrative": "Parks sakopts.", **lines(awarded, ["-5", "120"], ["", "Kafija"])},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lūdzu, novērsiet kļūdas" in page
    assert "Parks sakopts." in page and 'value="120"' in page and "Kafija" in page
    report.refresh_from_db()
    assert report.status == Report.Status.DUE and not report.lines.exists()


def test_more_than_approved_needs_a_reason(client, awarded, leader_):
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader_)
    response = client.post(
        report_url(report), {"narrative": "Izdarīts.", **lines(awarded, ["1200", "0"])}
    )
    assert response.status_code == 200
    assert "Paskaidrojiet, kāpēc iztērēts vairāk, nekā apstiprināts" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.DUE


def test_a_line_of_another_application_is_refused(client, awarded, leader_, evaluating):
    other = evaluated(evaluating)
    foreign = other.budget_lines.first()
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    own = list(awarded.budget_lines.order_by("pk"))
    client.force_login(leader_)
    response = client.post(
        report_url(report),
        {
            "narrative": "Izdarīts.",
            **lines(awarded, ["100", "50"], keys=[own[0].pk, foreign.pk]),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "nav šī pieteikuma apstiprinātajā budžetā" in page
    assert "Izdarīts." in page
    assert not ReportLine.objects.exists()
    report.refresh_from_db()
    assert report.status == Report.Status.DUE
    # Nor may a line be left out or sent twice.
    for keys in ([own[0].pk], [own[0].pk, own[0].pk]):
        response = client.post(
            report_url(report), {"narrative": "Izdarīts.", **lines(awarded, ["1", "1"], keys=keys)}
        )
        assert response.status_code == 200
    assert not ReportLine.objects.exists()


def test_the_service_refuses_what_the_form_would_not_send(awarded, leader_, evaluating):
    from django.core.exceptions import ValidationError

    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    own = list(awarded.budget_lines.order_by("pk"))
    foreign = evaluated(evaluating).budget_lines.first()
    for sent in (
        [{"budget_line": own[0].pk, "spent": Decimal("1")}],
        [{"budget_line": line.pk, "spent": Decimal("-1")} for line in own],
        [
            {"budget_line": own[0].pk, "spent": Decimal("1")},
            {"budget_line": foreign.pk, "spent": 1},
        ],
    ):
        with pytest.raises(ValidationError):
            file_report(actor=leader_, report=report, narrative="x", lines=sent)
    assert not ReportLine.objects.exists()


def test_a_file_that_is_not_a_pdf_or_picture_gets_a_message(client, awarded, leader_):
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader_)
    response = client.post(
        file_add_url(report),
        {"kind": "receipt", "title": "Čeks", "file": SimpleUploadedFile("a.pdf", b"not a pdf")},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Čeks" in page and "Augšupielādējiet" in page
    assert not ReportFile.objects.exists()


# Query caps ------------------------------------------------------------------------------


def test_the_report_page_reads_a_fixed_number_of_queries(
    client, awarded, leader_, staff, django_assert_max_num_queries
):
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    for number in range(8):
        BudgetLine.objects.create(
            application=awarded,
            category=BudgetLine.Category.MATERIALS,
            description=f"Materiāli {number}",
            amount=Decimal("10"),
        )
    client.force_login(leader_)
    for number in range(6):
        client.post(file_add_url(report), upload("cekis.pdf", PDF, title=f"Čeks {number}"))
    with django_assert_max_num_queries(15):
        assert client.get(report_url(report)).status_code == 200
    client.post(
        report_url(report),
        {"narrative": "Izdarīts.", **lines(awarded, ["1"] * 10)},
    )
    client.force_login(staff)
    with django_assert_max_num_queries(15):
        page = client.get(report_url(report)).content.decode()
    assert "Materiāli 7" in page and page.count("Čeks") >= 6
