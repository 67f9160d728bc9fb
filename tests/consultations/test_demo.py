"""The consultations' demo rows: built through the services, idempotent, in both demo
municipalities."""

from io import StringIO

import pytest
from django.core.management import call_command

from consultations.models import Consultation, MunicipalEvent, ProblemReport, Submission
from consultations.reports import FEEDBACK_REPORT
from portal.models import Municipality, Notification, Report

pytestmark = [pytest.mark.django_db, pytest.mark.no_default_municipality]


def test_each_demo_municipality_has_open_and_completed_consultations_and_events(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):  # the worker renders the PDFs
        call_command("seed_demo", stdout=StringIO())
    counts = (Consultation.objects.count(), Submission.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Consultation.objects.count(), Submission.objects.count()) == counts

    for municipality in Municipality.objects.filter(slug__in=["kekavas-novads", "riga"]):
        consultations = Consultation.objects.of(municipality)
        open_one = consultations.open_now().get()
        assert open_one.submissions.filter(community__isnull=False).exists()
        assert open_one.submissions.filter(community__isnull=True).count() >= 2
        done = consultations.get(status=Consultation.Status.COMPLETED)
        assert not done.submissions.unanswered().exists()
        assert done.submissions.values("answer__status").distinct().count() >= 3
        report = Report.objects.of(municipality).get(
            kind=FEEDBACK_REPORT, subject=f"consultation:{done.pk}"
        )
        assert report.status == Report.Status.READY  # the worker made it on completion
        kinds = set(MunicipalEvent.objects.of(municipality).values_list("kind", flat=True))
        assert {MunicipalEvent.Kind.FORUM, MunicipalEvent.Kind.NGO_DAY} <= kinds
        states = set(ProblemReport.objects.of(municipality).values_list("status", flat=True))
        assert states == set(ProblemReport.Status.values)
    # Nobody is told today about the demo's past answers, nor invited by the demo.
    assert not Notification.objects.filter(kind__startswith="consultation-").exists()
    assert not Notification.objects.filter(kind__startswith="problem-report-").exists()
