"""Answer deadlines in working days: weekends and Latvian public holidays are skipped."""

import datetime

import pytest

from consultations.models import Consultation
from consultations.workdays import add_months, add_working_days, working_days_between

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
