"""The councils' demo rows: built through the services, idempotent; the minutes PDF is
rendered by the worker and read back."""

from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from councils.models import Council, Meeting, Recommendation, Term
from councils.reports import MINUTES
from portal.models import Municipality, Report

pytestmark = [pytest.mark.django_db, pytest.mark.no_default_municipality]


def test_the_demo_councils_and_the_minutes_pdf(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the worker renders the PDFs
        call_command("seed_demo", stdout=StringIO())
    counts = (Council.objects.count(), Term.objects.count(), Meeting.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Council.objects.count(), Term.objects.count(), Meeting.objects.count()) == counts

    kekava = Municipality.objects.get(slug="kekavas-novads")
    council = Council.objects.of(kekava).get(kind=Council.Kind.ADVISORY)
    assert council.seats.filter(for_community=True).exists()
    members = set(
        Term.objects.sitting().filter(seat__council=council).values_list("member__email", flat=True)
    )
    assert "council@demo.lv" in members
    past = council.meetings.get(status=Meeting.Status.MINUTED)
    recommendation = Recommendation.objects.get(item__meeting=past)
    assert recommendation.answer.explanation
    upcoming = council.meetings.get(status=Meeting.Status.PUBLISHED)
    assert upcoming.items.filter(consultation__isnull=False).exists()
    tied = Council.objects.of(kekava).get(kind=Council.Kind.RESIDENTS).elections.get()
    assert tied.has_results and tied.drawings.get().drawn_by.email == "staff@demo.lv"
    assert tied.candidacies.filter(elected=True).count() == 2
    riga = Municipality.objects.get(slug="riga")
    residents = Council.objects.of(riga).get()
    assert residents.kind == Council.Kind.RESIDENTS
    election = residents.elections.get()
    assert election.takes_votes and election.candidacies.count() == 2
    assert election.votes.count() == 1

    report = Report.objects.of(kekava).get(kind=MINUTES, subject=f"meeting:{past.pk}")
    assert report.status == Report.Status.READY  # asked for when the minutes were published
    with report.file.open("rb") as pdf:
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Ķekavas novads" in text or kekava.name in text
    assert "ielu apgaismojuma plānā" in " ".join(text.split())
    assert "3" in text


def test_seed_bench_adds_a_council_whose_pages_answer(monkeypatch):
    from django.test import Client

    from portal.site import bench

    monkeypatch.setattr(bench, "NEIGHBOURHOODS", 6, raising=False)
    monkeypatch.setattr(bench, "USER_POOL", 1_200)  # the pages' shapes, not their size
    bench.seed(communities=30, municipalities=2, log=lambda *_: None)
    client = Client(HTTP_HOST="bench-1.localhost")
    assert client.get("/lv/councils/bench-padome/").status_code == 200
    client.force_login(bench.get_user_model().objects.get(email=bench.STAFF_EMAIL))
    review = "/lv/councils/bench-padome/meetings/900001/items/900001/review/?page=10"
    response = client.get(review)
    assert response.status_code == 200 and len(response.context["rows"]) == 50
    bench.seed(communities=40, municipalities=2, log=lambda *_: None)  # seeds afresh
    assert Council.objects.count() == 1
