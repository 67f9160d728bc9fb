"""Charts drawn on the server as inline SVG: they read without JavaScript and print into PDFs.

``bar_chart(rows, label=…, values=…)`` computes the geometry of a horizontal bar chart from
plain rows (dicts, e.g. a report's JSON data); ``draw(chart)`` writes it as markup
(``{% load charts %}{% bar_chart rows label="name" values="count" %}``), in Python rather than
a template: a chart has a handful of attributes per bar, and a template node for each was
most of the dashboard's rendering time. With several
``values`` each bar is stacked from their segments (e.g. answered on time, answered late,
waiting). The SVG is hidden from assistive technology (``aria-hidden``): every chart has a
table beside it with the same figures, which is what screen readers read.
"""

import html
import unicodedata

from django.conf import settings
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

# Fills with at least 3:1 contrast against white (WCAG 1.4.11), in the order of ``values``.
PALETTE = ("#0b4f6c", "#9e2a2b", "#6b6b6b", "#1d5e2f")
WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 90
BAR_HEIGHT = 18
GAP = 10
LABEL_CHARACTERS = 30


def written(value):
    """``value`` as a template writes it, localised and escaped, without Django's machinery
    where it changes nothing: an ``int`` is written as Python writes it unless thousands are
    separated (Django's own shortcut in ``numberformat.format``)."""
    if type(value) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)
    return html.escape(str(localize(value)))


def _number(value):
    try:
        return max(float(value or 0), 0.0)
    except (TypeError, ValueError):
        return 0.0


def _label(text):
    """``Truncator(text).chars(LABEL_CHARACTERS)``, without its machinery when the label is
    short enough already (as most are): the same NFC text it returns then."""
    text = unicodedata.normalize("NFC", text)
    if len(text) <= LABEL_CHARACTERS:
        return text
    return Truncator(text).chars(LABEL_CHARACTERS)


def bar_chart(rows, *, label, values, text=None, width=WIDTH):
    """The geometry of a horizontal bar chart: one bar per row, ``values`` stacked.

    ``label``: the key of each row's name; ``values``: a key or a list of keys of numbers;
    ``text``: the key of the text printed after the bar (the sum of the values if ``None``).
    """
    keys = [values] if isinstance(values, str) else list(values)
    numbers = [[_number(row.get(key)) for key in keys] for row in rows]
    top = max((sum(parts) for parts in numbers), default=0.0) or 1.0
    room = width - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (row, parts) in enumerate(zip(rows, numbers, strict=True)):
        y = GAP + index * (BAR_HEIGHT + GAP)
        x = float(LABEL_WIDTH)
        segments = []
        for number, part in enumerate(parts):
            length = round(room * part / top, 1)
            if length > 0:
                segments.append(
                    {"x": round(x, 1), "width": length, "fill": PALETTE[number % len(PALETTE)]}
                )
            x += length
        total = sum(parts)
        shown = row.get(text) if text else (int(total) if total == int(total) else total)
        bars.append(
            {
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.75,
                "label": _label(str(row.get(label, ""))),
                "segments": segments,
                "value_x": round(x + 6, 1),
                "value": shown,
            }
        )
    return {
        "width": width,
        "height": GAP + len(rows) * (BAR_HEIGHT + GAP),
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
        "series": [PALETTE[number % len(PALETTE)] for number in range(len(keys))],
    }


def _bar(bar, chart):
    segments = "".join(
        f'<rect x="{segment["x"]}" y="{bar["y"]}" width="{segment["width"]}" '
        f'height="{chart["bar_height"]}" fill="{segment["fill"]}"/>'
        for segment in bar["segments"]
    )
    return (
        f'<g><text x="{chart["label_x"]}" y="{bar["text_y"]}" text-anchor="end" '
        f'fill="#1b1b1b">{html.escape(bar["label"])}</text>{segments}'
        f'<text x="{bar["value_x"]}" y="{bar["text_y"]}" fill="#1b1b1b">'
        f"{written(bar['value'])}</text></g>"
    )


def draw(chart, legend=()):
    """The markup of ``chart`` (from ``bar_chart``): the SVG, hidden from assistive technology,
    and the legend ``[(colour, name)]`` of stacked values. Coordinates are written as Python
    writes numbers, never localised (Latvian writes decimals with a comma); the value after
    each bar is localised, as a template would."""
    if not chart["bars"]:
        return ""
    width, height = chart["width"], chart["height"]
    bars = "\n    ".join(_bar(bar, chart) for bar in chart["bars"])
    keys = "".join(
        f'<span class="chart__key"><svg width="12" height="12" focusable="false">'
        f'<rect width="12" height="12" fill="{colour}"/></svg> {html.escape(str(name))}</span> '
        for colour, name in legend
    )
    return mark_safe(
        '<div class="chart">\n  <svg class="chart__svg" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" preserveAspectRatio="xMinYMin meet" '
        f'font-family="DejaVu Sans, Portal Sans, sans-serif" font-size="12">\n    {bars}\n  </svg>'
        + (f'\n  <p class="chart__legend" aria-hidden="true">{keys}</p>' if keys else "")
        + "\n</div>"
    )
