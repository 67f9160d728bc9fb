"""What a test expects a date to read like: the portal's own formatter, never strftime.

``in_latvian(day)`` is ``07.12.2026.`` for 7 December 2026, whatever language a test has
active; a test that compares a date computed from today expects it through this (or freezes
the clock), so it passes on any day of the month.
"""

from django.utils import translation

from portal.dates import short_date, short_datetime


def in_latvian(value):
    """``value`` as a Latvian page writes a day (``SHORT_DATE_FORMAT``)."""
    with translation.override("lv"):
        return short_date(value)


def in_latvian_with_time(value):
    """``value`` as a Latvian page writes a moment (``SHORT_DATETIME_FORMAT``)."""
    with translation.override("lv"):
        return short_datetime(value)
