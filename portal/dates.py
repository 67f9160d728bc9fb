"""Dates as people read them, for code that writes text outside a template.

Templates use ``{{ value|date:"SHORT_DATE_FORMAT" }}``; services, reports, messages and CSV
files use these, which read the same formats module (``portal/formats/<lang>/formats.py``) in
the active language: ``07.12.2026.`` in Latvian. A moment (an aware datetime) is shown in the
portal's time zone first, so a deadline at 00:30 in Riga is not written as the day before.
Machine-readable places — ``<time datetime>``, JSON, iCalendar fields — keep ISO 8601.
"""

import datetime

from django.utils import dateformat, formats, timezone


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def short_date(value, empty="", *, lang=None):
    """``07.12.2026.`` in Latvian (``SHORT_DATE_FORMAT``); ``empty`` for ``None``.

    ``lang``: the language whose format to use, when not the active one (a streamed download
    formats its rows after the view has returned)."""
    if value is None:
        return empty
    value = _local(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return dateformat.format(value, formats.get_format("SHORT_DATE_FORMAT", lang))


def short_datetime(value, empty="", *, lang=None):
    """``07.12.2026. 18:00`` in Latvian (``SHORT_DATETIME_FORMAT``); ``empty`` for ``None``."""
    if value is None:
        return empty
    return dateformat.format(_local(value), formats.get_format("SHORT_DATETIME_FORMAT", lang))
