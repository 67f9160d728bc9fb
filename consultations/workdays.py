"""Working days: weekends and Latvian public holidays skipped, and the Saturdays the Cabinet
makes working days counted (``portal.workdays``: the ``holidays`` package and a local file of
the orders it does not know yet).

The Law on Submissions counts its deadlines in working days; so do answers to consultation
submissions and problem reports. ``portal.workdays.is_working_day`` is the one calendar the
reminders use too.
"""

import datetime

from portal.workdays import is_working_day

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
