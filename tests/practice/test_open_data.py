"""Open data (issue 19, item 5): CSV and JSON of the public registry, the agreements and the
stories, per municipality and for the whole installation, streamed, exactly the public
fields, with the licence and the date of the data."""

import csv
import datetime
import gc
import io
import json
import tracemalloc

import pytest
from django.urls import reverse
from django.utils import translation

from communities import open_data
from communities.models import Community, Story
from communities.open_data import DATASETS
from tests.communities.factories import CommunityFactory
from tests.portal.factories import MunicipalityFactory, default_municipality
from tests.practice.factories import AgreementFactory, StoryFactory

pytestmark = pytest.mark.django_db

SECRET = "slepena-adrese@example.lv"


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def download(client, dataset, fmt, host="testserver", **params):
    url = reverse("practice:open-data-download", args=[dataset, fmt])
    return client.get(url, params, HTTP_HOST=host)


def test_the_page_lists_the_downloads_with_licence_and_date(client):
    html = client.get(reverse("practice:open-data")).content.decode()
    for dataset in DATASETS:
        for fmt in ("csv", "json"):
            assert reverse("practice:open-data-download", args=[dataset, fmt]) in html
    assert "CC BY 4.0" in html


@pytest.mark.dates
@pytest.mark.parametrize(("language", "written"), [("lv", "07.12.2026."), ("en", "07.12.2026")])
def test_csv_writes_dates_as_the_pages_do_and_json_in_iso(client, language, written):
    AgreementFactory(
        title="Parakstīts līgums",
        starts_on=datetime.date(2026, 12, 7),
        ends_on=datetime.date(2027, 12, 6),
    )
    with translation.override(language):
        csv_url = reverse("practice:open-data-download", args=["agreements", "csv"])
        json_url = reverse("practice:open-data-download", args=["agreements", "json"])
        page = client.get(reverse("practice:open-data")).content.decode()

    rows = list(csv.DictReader(io.StringIO(body(client.get(csv_url)).lstrip("\ufeff"))))
    assert rows[0]["starts_on"] == written
    assert rows[0]["ends_on"] == written.replace("07.12.2026", "06.12.2027")
    data = json.loads(body(client.get(json_url)))
    assert data["rows"][0]["starts_on"] == "2026-12-07"
    assert "ISO 8601" in page


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_exports_hold_exactly_the_public_fields_and_rows(client, dataset):
    public = CommunityFactory(name="Publiskā kopiena", contact_email=SECRET, contact_name="X Y")
    CommunityFactory(name="Melnraksta kopiena", status=Community.Status.DRAFT)
    StoryFactory(community=public, title="Publicēts stāsts")
    StoryFactory(community=public, title="Nepublicēts stāsts", status=Story.Status.SUBMITTED)
    AgreementFactory(community=public, title="Parakstīts līgums")
    AgreementFactory(community=public, title="Līguma melnraksts", status="draft")

    response = download(client, dataset, "csv")
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body(response).lstrip("\ufeff"))))
    assert tuple(rows[0]) == DATASETS[dataset].fields
    assert len(rows) == 2  # the header and the one public row
    text = "\n".join(",".join(row) for row in rows)
    assert SECRET not in text and "melnraksts" not in text.lower()
    assert "Nepublicēts" not in text

    data = json.loads(body(download(client, dataset, "json")))
    assert data["licence"] == "CC BY 4.0" and data["generated"]
    assert [set(row) for row in data["rows"]] == [set(DATASETS[dataset].fields)]
    assert SECRET not in json.dumps(data)


def test_a_municipality_exports_its_own_rows_and_the_national_host_every_one(client):
    beta = MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])
    CommunityFactory(name="Alfa kopiena")
    CommunityFactory(name="Beta kopiena", municipality=beta)

    here = json.loads(body(download(client, "communities", "json")))
    assert [row["name"] for row in here["rows"]] == ["Alfa kopiena"]
    assert here["municipality"] == default_municipality().name

    everything = json.loads(body(download(client, "communities", "json", host="localhost")))
    assert {row["name"] for row in everything["rows"]} == {"Alfa kopiena", "Beta kopiena"}
    assert everything["municipality"] is None
    only_beta = json.loads(
        body(download(client, "communities", "json", host="localhost", municipality="beta"))
    )
    assert [row["name"] for row in only_beta["rows"]] == ["Beta kopiena"]
    assert client.get("/lv/open-data/", HTTP_HOST="localhost").status_code == 200


def _bulk_communities(n, start=0):
    municipality = default_municipality()
    rows = []
    for i in range(start, start + n):
        name = f"Kopiena numur {i:05d}"
        sort_name, search_text = Community.search_fields(name, "Apraksts " * 10)
        rows.append(
            Community(
                municipality=municipality,
                name=name,
                slug=f"kopiena-{i}",
                sort_name=sort_name,
                search_text=search_text,
                description="Apraksts " * 10,
                status=Community.Status.ACTIVE,
            )
        )
    Community.objects.bulk_create(rows, batch_size=1000)


def _memory_while_streaming(client, fmt, every):
    """Memory held after every ``every`` rows (garbage collected first) and the peak."""
    response = download(client, "communities", fmt)
    held, size = [], 0
    gc.collect()
    tracemalloc.start()
    for number, chunk in enumerate(response.streaming_content, start=1):
        size += len(chunk)
        if number % every == 0:
            gc.collect()
            held.append(tracemalloc.get_traced_memory()[0])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return held, peak, size


def test_an_export_streams_in_constant_memory(client, monkeypatch):
    # Ten chunks of 200 rows (production reads 500 at a time; the shape is the same, and
    # tracing memory makes every row slow).
    monkeypatch.setattr(open_data, "CHUNK", 200)
    _bulk_communities(2_000)
    for fmt in ("csv", "json"):
        held, peak, size = _memory_while_streaming(client, fmt, every=200)

        assert size > 2_000 * 100  # every row went out ...
        assert len(held) == 10
        # ... while the memory held stays what it was after the first chunk: nothing
        # accumulates ...
        assert max(held) < held[0] + 256 * 1024, fmt
        # ... and never more than a chunk or two at once (the 2,000 rows loaded at once
        # take about 15 MB).
        assert peak < 6 * 1024 * 1024, fmt
