"""Latvian as the portal writes it: dates dd.mm.gggg. (``07.12.2026.``), amounts 1 234,56 €.

Django's own Latvian short format is ``j.m.Y`` (``7.12.2026``, no leading zero and no closing
dot); the portal writes the day with two digits and ends the date with a dot, as Latvian
ordinal numbers do. Pages, PDFs, emails, calendar descriptions and CSV files take their dates
from here through ``date:"SHORT_DATE_FORMAT"`` or ``portal.dates``; nothing formats one by hand.
A sentence that ends with such a date ends with the date's own dot, never two.
"""

DATE_FORMAT = r"Y. \g\a\d\a j. F"  # 2026. gada 7. decembris
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"Y. \g\a\d\a j. F, H:i"
YEAR_MONTH_FORMAT = r"Y. \g. F"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "d.m.Y."  # 07.12.2026.
SHORT_DATETIME_FORMAT = "d.m.Y. H:i"  # 07.12.2026. 18:00
FIRST_DAY_OF_WEEK = 1  # Monday

# ISO first: Django renders a date field's value in the first input format, and the browser's
# date input wants ISO. People may type the date with or without the closing dot.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-07
    "%d.%m.%Y.",  # 07.12.2026.
    "%d.%m.%Y",  # 07.12.2026
    "%d.%m.%y.",  # 07.12.26.
    "%d.%m.%y",  # 07.12.26
]
TIME_INPUT_FORMATS = [
    "%H:%M:%S",  # 14:30:59
    "%H:%M:%S.%f",  # 14:30:59.000200
    "%H:%M",  # 14:30
    "%H.%M",  # 14.30
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # 2026-12-07 14:30:59
    "%Y-%m-%d %H:%M:%S.%f",  # 2026-12-07 14:30:59.000200
    "%Y-%m-%d %H:%M",  # 2026-12-07 14:30
    "%d.%m.%Y. %H:%M:%S",  # 07.12.2026. 14:30:59
    "%d.%m.%Y. %H:%M",  # 07.12.2026. 14:30
    "%d.%m.%Y %H:%M:%S",  # 07.12.2026 14:30:59
    "%d.%m.%Y %H:%M",  # 07.12.2026 14:30
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a non-breaking space: 1 234,56 €
NUMBER_GROUPING = 3
