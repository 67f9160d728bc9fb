"""The councils' demo rows: built through the services, idempotent; the minutes PDF is
rendered by the worker and read back."""

from io import BytesIO, StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from communities.models import Agreement
from consultations.models import ProblemReport
from councils.models import Council, Meeting, Recommendation, Term
from councils.reports import MINUTES
from portal.models import Municipality, Report

pytestmark = [pytest.mark.django_db, pytest.mark.no_default_municipality]


def client_for(council, email):
    client = Client(HTTP_HOST="kekava.localhost")
    client.force_login(get_user_model().objects.get(email=email))
    return client


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
    # The tie for the second seat, drawn by lots: shown with the results on the election's page.
    client = Client(HTTP_HOST="kekava.localhost")
    page = client.get(tied.get_absolute_url()).content.decode()
    for candidacy in tied.candidacies.filter(elected=True):
        assert candidacy.person.full_name in page

    # The upcoming meeting's papers: public ones for anyone, one for the council only.
    papers = upcoming.papers.all()
    assert papers.filter(public=True).count() == 2 and papers.filter(public=False).count() == 1
    assert papers.filter(item__isnull=False).exists()
    page = client.get(upcoming.get_absolute_url()).content.decode()
    public, protected = papers.get(item__isnull=True, public=True), papers.get(public=False)
    assert public.get_download_url() in page and protected.get_download_url() not in page
    response = client.get(public.get_download_url())
    assert response.status_code == 200
    assert PdfReader(BytesIO(b"".join(response.streaming_content))).pages
    member = client_for(upcoming.council, "council@demo.lv")
    assert member.get(protected.get_download_url()).status_code == 200

    # A closed problem report with its answer, on the map (a point the map's script reads).
    closed = ProblemReport.objects.of(kekava).get(status=ProblemReport.Status.CLOSED)
    assert closed.answer and closed.has_point
    page = client.get(reverse("problems:report-list") + "?state=closed").content.decode()
    card = page.split(f'data-url="{closed.get_absolute_url()}"')[0].rsplit("<li", 1)[1]
    assert 'data-state="closed"' in page and "data-lat=" in card
    assert closed.answer[:40] in " ".join(page.split())

    # A signed agreement with its document, downloaded by the municipality's staff.
    agreement = Agreement.objects.of(kekava).filter(status="signed", document_public=False).first()
    assert agreement is not None and agreement.document
    staff = client_for(upcoming.council, "staff@demo.lv")
    response = staff.get(reverse("practice:agreement-document", args=[agreement.pk]))
    assert response.status_code == 200
    assert (
        client.get(reverse("practice:agreement-document", args=[agreement.pk])).status_code != 200
    )

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

    from bench.seed import scratch as bench

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
