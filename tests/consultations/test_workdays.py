"""Answer deadlines in working days: weekends and Latvian public holidays are skipped."""

import datetime

import pytest

from consultations.models import Consultation
from portal.workdays import add_months, add_working_days, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2026, 11, 17), 1, D(2026, 11, 19)),  # 18 November, Proclamation Day
        (D(2026, 11, 13), 10, D(2026, 11, 30)),  # a weekend, 18 November, another weekend
        (D(2026, 12, 23), 1, D(2026, 12, 28)),  # Christmas Eve, Christmas, the weekend
        (D(2026, 12, 30), 1, D(2027, 1, 4)),  # New Year's Eve and Day, then the weekend
        (D(2026, 4, 2), 1, D(2026, 4, 7)),  # Good Friday, Easter, Easter Monday
        (D(2027, 3, 25), 2, D(2027, 3, 31)),  # Easter 2027 moves with the moon
        (D(2026, 11, 27), 1, D(2026, 11, 30)),  # Friday → Monday
        (D(2026, 11, 28), 1, D(2026, 11, 30)),  # Saturday → Monday
        (D(2026, 6, 19), 2, D(2026, 6, 26)),  # Midsummer and the day off before it
    ],
)
def test_working_days_skip_weekends_and_latvian_holidays(start, days, due):
    assert add_working_days(start, days) == due


def test_counting_back_matches_counting_forward():
    start = D(2026, 12, 20)
    for days in range(0, 25):
        assert working_days_between(start, add_working_days(start, days)) == days


def test_working_days_between_is_zero_for_an_earlier_day():
    assert working_days_between(D(2026, 5, 10), D(2026, 5, 1)) == 0


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2028, 1, 30), 1, D(2028, 2, 29)),
    ],
)
def test_one_month_later(day, months, expected):
    assert add_months(day, months) == expected


def test_the_response_deadline_is_a_municipality_setting(consultation_factory, municipality):
    consultation = consultation_factory(opens_on=D(2026, 10, 1), closes_on=D(2026, 11, 13))
    assert consultation.response_due_on == D(2026, 11, 30)

    municipality.response_working_days = 5
    municipality.save()
    consultation = Consultation.objects.get(pk=consultation.pk)
    consultation.save()
    assert consultation.response_due_on == D(2026, 11, 23)


# The Cabinet's transfers: a Saturday made a working day, the day it frees a day off
# (issue 26, item 7). The package knows 2025 and 2026; later years come from the local file.
@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2025, 5, 9), 1, D(2025, 5, 10)),  # Saturday 10 May 2025 is a working day
        (D(2025, 4, 30), 1, D(2025, 5, 6)),  # 1 May, 2 May moved off, 4 May a Sunday: 5 May off
        (D(2025, 11, 7), 1, D(2025, 11, 8)),  # Saturday 8 November 2025
        (D(2025, 11, 14), 1, D(2025, 11, 19)),  # 17 November moved off, 18 November
        (D(2026, 1, 16), 1, D(2026, 1, 17)),  # Saturday 17 January 2026
        (D(2025, 12, 31), 1, D(2026, 1, 5)),  # 1 January, 2 January moved off, the weekend
        (D(2026, 6, 26), 1, D(2026, 6, 27)),  # Saturday 27 June 2026
        (D(2026, 6, 19), 1, D(2026, 6, 25)),  # 22 June moved off, 23 and 24 June
        (D(2027, 5, 3), 1, D(2027, 5, 5)),  # 4 May 2027, a Tuesday
        (D(2027, 11, 17), 1, D(2027, 11, 19)),  # 18 November 2027, a Thursday
        (D(2027, 12, 23), 1, D(2027, 12, 27)),  # Christmas Eve 2027, a Friday, the weekend
    ],
)
def test_transferred_working_days_are_working_days(start, days, due):
    assert add_working_days(start, days) == due


def test_a_year_the_package_lacks_comes_from_the_local_file(monkeypatch):
    from portal import workdays

    assert add_working_days(D(2027, 5, 7), 1) == D(2027, 5, 10)  # no order known: Monday
    monkeypatch.setattr(
        workdays,
        "local_transfers",
        lambda: {2027: {"working": {D(2027, 5, 8)}, "off": {D(2027, 5, 3)}}},
    )
    assert add_working_days(D(2027, 5, 7), 1) == D(2027, 5, 8)
    assert add_working_days(D(2027, 4, 30), 1) == D(2027, 5, 5)  # 3 May off, 4 May holiday
    assert working_days_between(D(2027, 5, 1), D(2027, 5, 10)) == 5  # 5, 6, 7, 8, 10 May


def test_the_local_file_holds_only_years_the_package_lacks():
    """Once the pinned package knows a year's transfers, its entry in the file goes."""
    import holidays

    from portal.workdays import local_transfers

    for year, entry in local_transfers().items():
        assert not holidays.country_holidays("LV", years=year).weekend_workdays, year
        assert all(day.weekday() == 5 and day.year == year for day in entry["working"])
        assert all(day.weekday() < 5 and day.year == year for day in entry["off"])
