"""Dates as people read them, for code that writes text outside a template.

Templates use ``{{ value|date:"SHORT_DATE_FORMAT" }}``; services, reports, messages and CSV
files use these, which read the same formats module (``portal/formats/<lang>/formats.py``) in
the active language: ``07.12.2026.`` in Latvian. A moment (an aware datetime) is shown in the
portal's time zone first, so a deadline at 00:30 in Riga is not written as the day before.
Machine-readable places — ``<time datetime>``, JSON, iCalendar fields — keep ISO 8601.
"""

import datetime

from django.utils import dateformat, formats, timezone
from django.utils.translation import pgettext_lazy


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


# The months as a sentence says when something happens: "beidzas 2027. gada 5. janvārī"
# (Latvian's locative; English keeps the name).
MONTHS_WHEN = {
    1: pgettext_lazy("in a month, when", "January"),
    2: pgettext_lazy("in a month, when", "February"),
    3: pgettext_lazy("in a month, when", "March"),
    4: pgettext_lazy("in a month, when", "April"),
    5: pgettext_lazy("in a month, when", "May"),
    6: pgettext_lazy("in a month, when", "June"),
    7: pgettext_lazy("in a month, when", "July"),
    8: pgettext_lazy("in a month, when", "August"),
    9: pgettext_lazy("in a month, when", "September"),
    10: pgettext_lazy("in a month, when", "October"),
    11: pgettext_lazy("in a month, when", "November"),
    12: pgettext_lazy("in a month, when", "December"),
}


def date_when(value, empty="", *, lang=None):
    """The long date as a sentence says *when*: ``2027. gada 5. janvārī`` in Latvian (the
    month in the locative), ``January 5, 2027`` in English; ``empty`` for ``None``.
    Use it after "on" — "beidzas", "notiks" — where ``DATE_FORMAT`` would give the
    nominative ("5. janvāris")."""
    if value is None:
        return empty
    value = _local(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    month = "".join(f"\\{char}" for char in str(MONTHS_WHEN[value.month]))
    pattern = formats.get_format("DATE_FORMAT", lang).replace("F", month)
    return dateformat.format(value, pattern)
