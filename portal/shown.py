"""Values written exactly as the templates' filters write them, for views that label the
rows of a long list once in Python instead of in a template loop (see
docs/performance.md: each template node costs on every row)."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def short_date(value, empty=""):
    """``value|date:"SHORT_DATE_FORMAT"`` (a moment in the current time zone, or a date);
    ``empty`` when there is no value (``|default:"—"``)."""
    if value is None:
        return empty
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return date_format(value, "SHORT_DATE_FORMAT")


def capfirst(text):
    """``text|capfirst``."""
    text = str(text)
    return text[:1].upper() + text[1:]
