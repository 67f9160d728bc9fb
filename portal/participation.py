"""What an app offers to the participation index: open opportunities, one shape for all.

Each domain app writes one small function, ``<app>/participation.py``
``opportunities(municipality, today) -> Iterable[Opportunity]``, and names it in
``front.views.participation.SOURCES``. The index groups them by neighbourhood and by
audience; its iCalendar feed lists their deadlines and events.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from .dates import short_date, short_datetime


def _escaped(text):
    """``conditional_escape``, without Django's lazy wrapper for a plain string."""
    return escape(text) if type(text) is str else conditional_escape(text)


@dataclass(frozen=True)
class Opportunity:
    """One open opportunity: a consultation, a grant round, a nomination, an event.

    ``deadline``: the last day to take part (an all-day entry in the calendar feed);
    ``starts_at``/``ends_at``: for an event at a time. ``territories``: the neighbourhoods
    or areas it concerns, empty for the whole municipality. ``audiences``: codes of
    ``AUDIENCES`` (residents, communities, NGOs). ``uid`` is stable across feeds.
    """

    uid: str
    kind: Any  # its translated label, e.g. "consultation"
    title: str
    url: str
    how: str = ""
    deadline: datetime.date | None = None
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    place: str = ""
    territories: tuple = field(default=())
    audiences: tuple = field(default=("residents",))

    @cached_property
    def kind_label(self):
        return capfirst(self.kind)

    @cached_property
    def when_label(self):
        """The event's time, else "until" the deadline, as the index's cards show it."""
        if self.starts_at:
            return short_datetime(self.starts_at)
        return gettext("until %(date)s") % {"date": short_date(self.deadline)}

    @cached_property
    def meta_label(self):
        """The card's line under the title: kind · time or deadline · place (escaped)."""
        parts = [self.kind_label, self.when_label] + ([self.place] if self.place else [])
        return mark_safe(" · ".join(_escaped(part) for part in parts))  # noqa: S308

    @cached_property
    def how_html(self):
        """How to take part, its lines kept (``|linebreaksbr``): an item shows in several
        groups of the index, and is written once."""
        return linebreaksbr(self.how, autoescape=True)

    @cached_property
    def card_html(self):
        """The item's card on the index (``portal/_participation_content.html``), written
        once: the card was eight template nodes, for each item in each of its groups."""
        title = _escaped(self.title)
        if self.url:
            title = f'<a href="{_escaped(self.url)}">{title}</a>'
        how = f'<p class="long-text">{self.how_html}</p>' if self.how else ""
        return mark_safe(  # noqa: S308 - every text escaped
            f'\n    <li class="card">\n      <h3>{title}</h3>\n'
            f'      <p class="meta">{self.meta_label}</p>\n      {how}\n    </li>\n    '
        )

    @property
    def sort_key(self):
        when = self.starts_at.date() if self.starts_at else self.deadline
        return (when or datetime.date.max, str(self.title))
