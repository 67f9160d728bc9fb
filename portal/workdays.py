"""Latvia's working days: the one calendar of every deadline counted in working days.

A day is a working day unless it is a weekend or a public holiday — and a Saturday the
Cabinet makes a working day (its yearly order "Par darba dienu pārcelšanu", moving the
working day between a holiday and a weekend) is one, while the day it frees is not. The
pinned ``holidays`` package knows both for the years it covers (``is_working_day()``,
``weekend_workdays``); ``working_day_transfers.yaml`` next to this module adds the orders of
years the package does not know yet, and only those (a test holds it to that).
"""

import datetime
import functools
from pathlib import Path

import holidays
import yaml

TRANSFERS_FILE = Path(__file__).with_name("working_day_transfers.yaml")


@functools.cache
def local_transfers() -> dict[int, dict[str, frozenset[datetime.date]]]:
    """``{year: {"working": Saturdays made working days, "off": days made days off}}``."""
    with open(TRANSFERS_FILE, encoding="utf-8") as handle:
        rows = yaml.safe_load(handle) or {}
    return {
        int(year): {
            "working": frozenset(entry.get("working") or ()),
            "off": frozenset(entry.get("off") or ()),
        }
        for year, entry in rows.items()
    }


@functools.lru_cache(maxsize=16)
def latvian_calendar(year: int):
    return holidays.country_holidays("LV", years=year)


def is_working_day(day: datetime.date) -> bool:
    local = local_transfers().get(day.year)
    if local:
        if day in local["working"]:
            return True
        if day in local["off"]:
            return False
    return latvian_calendar(day.year).is_working_day(day)


ONE_DAY = datetime.timedelta(days=1)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
    day = start
    while days > 0:
        day += ONE_DAY
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end``; 0 when ``end`` is not later."""
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        if is_working_day(day):
            count += 1
    return count


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - ONE_DAY).day
    return datetime.date(year, month, min(day.day, last))
