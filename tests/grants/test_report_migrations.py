"""The migrations of issue 26, item 5 keep what existing rounds and reports had: the rounds'
report dates from the old formula (0004), a report's photo as one of its files (0006)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = ("grants", "0003_drop_results_protocol_file_now_made_by_the_reports_kit")
AFTER = ("grants", "0006_report_lines_and_files")


def migrate(grants):
    """Every other app at its latest migration, the grants at ``grants``; their models."""
    executor = MigrationExecutor(connection)
    targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "grants"]
    targets.append(grants)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_old_rounds_get_the_formula_s_dates_and_a_photo_becomes_a_file(django_user_model):
    old = migrate(BEFORE)
    Municipality = old.get_model("portal", "Municipality")
    Programme, Round = old.get_model("grants", "Programme"), old.get_model("grants", "Round")
    Community = old.get_model("communities", "Community")
    Application, Report = old.get_model("grants", "Application"), old.get_model("grants", "Report")
    User = old.get_model(*django_user_model._meta.label.split("."))
    municipality = Municipality.objects.first()
    programme = Programme.objects.create(
        municipality=municipality, kind="competition", name="Konkurss", slug="konkurss-m"
    )
    starts, ends = datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)
    round_ = Round.objects.create(
        municipality=municipality,
        programme=programme,
        title="Kārta",
        slug="karta-m",
        budget=Decimal("1000"),
        announced_on=datetime.date(2026, 6, 1),
        deadline=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC),
        implementation_starts=starts,
        implementation_ends=ends,
        status="results",
    )
    community = Community.objects.create(
        municipality=municipality, name="Kopiena M", slug="kopiena-m", status="active"
    )
    application = Application.objects.create(
        round=round_, community=community, title="Projekts", status="awarded"
    )
    leader = User.objects.create(email="vaditajs-m@example.lv")
    filed = datetime.datetime(2027, 6, 1, 12, tzinfo=datetime.UTC)
    Report.objects.create(
        application=application,
        kind="progress",
        due_on=datetime.date(2027, 7, 1),
        status="submitted",
        narrative="Izdarīts.",
        photo="uploads/grants/report/abc.png",
        submitted_by=leader,
        submitted_at=filed,
    )

    new = migrate(AFTER)
    round_ = new.get_model("grants", "Round").objects.get(slug="karta-m")
    assert round_.progress_report_due_on == starts + (ends - starts) / 2
    assert round_.final_report_due_on == ends + datetime.timedelta(days=30)
    moved = new.get_model("grants", "ReportFile").objects.get()
    assert moved.file.name == "uploads/grants/report/abc.png"
    assert (moved.kind, moved.title, moved.added_by_id) == ("photo", "Foto", leader.pk)
    assert moved.added_at == filed
