"""The councils' demo rows: built through the services, idempotent; the minutes PDF is
rendered by the worker and read back."""

from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from councils.models import Council, Meeting, Recommendation, Term
from portal.models import Municipality

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
    riga = Municipality.objects.get(slug="riga")
    residents = Council.objects.of(riga).get()
    assert residents.kind == Council.Kind.RESIDENTS
    election = residents.elections.get()
    assert election.takes_votes and election.candidacies.count() == 2
    assert election.votes.count() == 1

    text = "".join(page.extract_text() for page in PdfReader(past.minutes_pdf.open("rb")).pages)
    assert "Ķekavas novads" in text or kekava.name in text
    assert "ielu apgaismojuma plānā" in " ".join(text.split())
    assert "3" in text
