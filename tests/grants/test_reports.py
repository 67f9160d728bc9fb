"""Awarded projects file progress and final reports; staff accept or return them (item 6)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from grants.models import Application, Report, Round
from grants.services.evaluation import decide_application, publish_results
from tests.communities.factories import MembershipFactory
from tests.grants.factories import ApplicationFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def awarded(staff):
    round_ = RoundFactory(
        status=Round.Status.EVALUATION, deadline=timezone.now() - datetime.timedelta(days=1)
    )
    application = ApplicationFactory(round=round_, status=Application.Status.ELIGIBLE)
    decide_application(actor=staff, application=application, award=True)
    publish_results(actor=staff, round=round_)
    return application


def report_url(report):
    application = report.application
    return reverse("grants:report", args=[application.round.slug, application.pk, report.pk])


def lines(application, spent=(), notes=()):
    """The posted report lines: one per approved budget line, in the page's order."""
    budget = list(application.budget_lines.order_by("pk"))
    data = {"lines-TOTAL_FORMS": str(len(budget)), "lines-INITIAL_FORMS": str(len(budget))}
    for number, line in enumerate(budget):
        data[f"lines-{number}-budget_line"] = str(line.pk)
        data[f"lines-{number}-spent"] = spent[number] if number < len(spent) else ""
        data[f"lines-{number}-note"] = notes[number] if number < len(notes) else ""
    return data


def test_reports_are_due_once_the_results_are_published(awarded):
    kinds = dict(awarded.reports.values_list("kind", "due_on"))
    round_ = awarded.round
    assert kinds == {
        Report.Kind.PROGRESS: round_.progress_report_due_on,
        Report.Kind.FINAL: round_.final_report_due_on,
    }


def test_the_leader_files_and_staff_return_then_accept(client, awarded, staff, user_factory):
    leader = user_factory()
    MembershipFactory(community=awarded.community, user=leader, role=Membership.Role.LEADER)
    report = awarded.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader)
    assert client.post(report_url(report), {"narrative": ""}).status_code == 200
    response = client.post(
        report_url(report),
        {"narrative": "Parks sakopts.", "spending_note": "Stādi 600", **lines(awarded, ["600"])},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and report.spent_amount == Decimal("600")
    client.force_login(staff)
    client.post(report_url(report), {"accept": "no", "reason": ""})
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED  # a return needs a reason
    client.post(report_url(report), {"accept": "no", "reason": "Pievienojiet foto"})
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED
    client.force_login(leader)
    client.post(report_url(report), {"narrative": "Parks sakopts, foto klāt.", **lines(awarded)})
    client.force_login(staff)
    client.post(report_url(report), {"accept": "yes"})
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED


def test_a_resident_cannot_file(client, awarded, resident):
    report = awarded.reports.first()
    client.force_login(resident)
    assert client.post(report_url(report), {"narrative": "x"}).status_code == 404
