"""Dates are written one way (issue 30): dd.mm.gggg. in Latvian, from the project's formats
module, and nothing in a template or a service formats one by hand."""

import datetime
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from grants.budget import money
from portal.dates import short_date, short_datetime
from portal.history import EVENTS

pytestmark = pytest.mark.dates

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = ["portal", "communities", "consultations", "councils", "grants", "front"]
# Named formats (the formats module decides) and the machine-readable ones (<time datetime>).
TEMPLATE_FORMATS = {
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "TIME_FORMAT",
    "Y-m-d",
    "Y-m-d\\TH:i",
    "Y-m-d\\TH:i:sO",
    "c",
}
# strftime/f-string codes that only a date written for people would use.
BY_HAND = re.compile(r"%-?d[./]|%m[./]%-?[Yy]|%-[dm]|%e\b|%B|%b\b")
DAY = datetime.date(2026, 12, 7)
EVENING = datetime.datetime(2026, 12, 6, 22, 30, tzinfo=datetime.UTC)  # 00:30 on 7 Dec in Riga


def test_latvian_dates_have_two_digit_days_and_a_closing_dot():
    with translation.override("lv"):
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "07.12.2026."
        assert short_date(DAY) == "07.12.2026."
        assert short_date(EVENING) == "07.12.2026."  # the day in Riga, not in UTC
        assert short_datetime(EVENING) == "07.12.2026. 00:30"
        assert formats.date_format(DAY) == "2026. gada 7. decembris"
        template = Template(
            '{{ day|date:"SHORT_DATE_FORMAT" }} {{ at|date:"SHORT_DATETIME_FORMAT" }}'
        )
        assert template.render(Context({"day": DAY, "at": EVENING})) == (
            "07.12.2026. 07.12.2026. 00:30"
        )
    with translation.override("en"):
        assert short_date(DAY) == "07.12.2026"
    assert short_date(None) == "" and short_date(None, "—") == "—"
    assert short_date(DAY, lang="lv") == "07.12.2026."


def test_latvian_amounts_keep_the_non_breaking_space_and_the_comma():
    with translation.override("lv"):
        assert money(Decimal("1234.56")) == "1\xa0234,56 €"


@pytest.mark.parametrize("typed", ["07.12.2026.", "07.12.2026", "2026-12-07", "07.12.26"])
def test_a_date_field_reads_what_latvians_type(typed):
    with translation.override("lv"):
        assert forms.DateField().clean(typed) == DAY


def test_a_datetime_field_reads_the_date_with_its_dot():
    with translation.override("lv"):
        value = forms.DateTimeField().clean("07.12.2026. 18:00")
    assert (value.date(), value.hour, value.minute) == (DAY, 18, 0)


def test_council_history_keeps_iso_days_and_writes_them_for_the_reader():
    row = SimpleNamespace(
        data={"member": "Anna Ozola", "seat": 2, "starts": "2026-12-07", "ends": "2030-12-06"}
    )
    old = SimpleNamespace(data={"member": "Anna Ozola", "seat": 2, "ends": "6.12.2030"})
    with translation.override("lv"):
        assert EVENTS["seat_filled"].render(row).endswith("no 07.12.2026. līdz 06.12.2030.")
        assert EVENTS["term_ended"].render(old).endswith("beidzās 6.12.2030")  # as written then
    with translation.override("en"):
        assert EVENTS["seat_filled"].render(row).endswith("from 07.12.2026 to 06.12.2030.")


def _files(*suffixes):
    for name in SOURCES + ["templates"]:
        for path in (ROOT / name).rglob("*"):
            if path.suffix in suffixes and "migrations" not in path.parts:
                yield path


def test_no_template_formats_a_date_by_hand():
    found = []
    for path in _files(".html", ".txt", ".ics"):
        text = path.read_text(encoding="utf-8")
        for fmt in re.findall(r"""\|date:["']([^"']*)["']|\{% now ["']([^"']*)["']""", text):
            value = fmt[0] or fmt[1]
            if value not in TEMPLATE_FORMATS:
                found.append(f"{path.relative_to(ROOT)}: {value}")
    assert found == []


def test_no_service_formats_a_date_by_hand():
    found = []
    for path in _files(".py"):
        if "formats" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ("strftime" in line or ":%" in line) and BY_HAND.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
