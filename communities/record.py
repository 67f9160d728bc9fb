"""The activity record as evidence: which years are locked, and the page's view of a year.

A year's record locks on the date its municipality sets (by default 31 January of the next
year): the record of 2025 can be completed up to and including 31.01.2026; from the next day
entries of 2025 can no longer be added, corrected or removed, unless staff reopened that year
for that community (``ActivityYearReopening``, open until a date).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.dates import short_date
from portal.pagination import CountingPaginator, paged
from portal.shapes import shape
from portal.text import Once

from .models import Event, JointOpinion

PLANNED_HAS_NO_ATTENDANCE = gettext_lazy(
    "An event that has not happened yet has no participants; add them after the event."
)

# Kept on the community object: the years reopened today, read once per request.
_REOPENED_ATTR = "_reopened_years_cache"


def lock_date(community, year):
    return community.municipality.activity_record_lock_date(year)


def reopened_years(community, today=None):
    """Years of ``community``'s record that staff reopened until today or later (one query)."""
    today = today or timezone.localdate()
    cached = getattr(community, _REOPENED_ATTR, None)
    if cached is None or cached[0] != today:
        years = frozenset(
            community.year_reopenings.filter(until__gte=today).values_list("year", flat=True)
        )
        cached = (today, years)
        setattr(community, _REOPENED_ATTR, cached)
    return cached[1]


def forget_reopened_years(community):
    if hasattr(community, _REOPENED_ATTR):
        delattr(community, _REOPENED_ATTR)


def is_year_locked(community, year, today=None):
    today = today or timezone.localdate()
    if today <= lock_date(community, year):
        return False
    return year not in reopened_years(community, today)


def locked_message(community, year):
    return _(
        "The activity record of %(year)s locked on %(date)s. Ask the municipality to reopen "
        "it if an entry of that year must be added, corrected or removed."
    ) % {
        "year": year,
        "date": formats.date_format(lock_date(community, year), "SHORT_DATE_FORMAT"),
    }


def refuse_locked_year(community, year, *, field=None):
    """Raise a ``ValidationError`` (on ``field`` if given) when ``year`` is locked."""
    if year is None or not is_year_locked(community, year):
        return
    message = locked_message(community, year)
    if field:
        raise ValidationError({field: message}, code="year_locked")
    raise ValidationError(message, code="year_locked")


RECORD_PER_PAGE = 20
PLANNED_SHOWN = 20

# What the community page shows of an entry, and what ``communities.change_entry`` reads
# (its community, whether it was removed, its date).
EVENT_COLUMNS = (
    "community",
    "title",
    "date",
    "place",
    "kind",
    "attendance",
    "participation_forms",
    "removed_at",
)
OPINION_COLUMNS = ("community", "title", "sent_on", "addressee", "summary", "removed_at")

# The parts of the record a year can hold (``_record_years``).
_DONE, _OPINIONS, _PLANNED = 0, 1, 2


def _page(queryset, number):
    return CountingPaginator(queryset, RECORD_PER_PAGE).get_page(number)


def _empty_page():
    return CountingPaginator([], RECORD_PER_PAGE).get_page(1)


def _record_years(community, today):
    """``{(year, part)}``: the years with events that happened (``_DONE``), with joint
    opinions (``_OPINIONS``) and with planned events (``_PLANNED``), in one query."""
    return set(_years_of(community.pk, today))


@shape
def _years_of(community_id, today):
    events = (
        Event.objects.filter(community=community_id, removed_at__isnull=True)
        .annotate(
            year=ExtractYear("date"),
            part=Case(
                When(date__gt=today, then=Value(_PLANNED)),
                default=Value(_DONE),
                output_field=IntegerField(),
            ),
        )
        .values_list("year", "part")
        .order_by()
    )
    opinions = (
        JointOpinion.objects.filter(community=community_id, removed_at__isnull=True)
        .annotate(year=ExtractYear("sent_on"), part=Value(_OPINIONS, IntegerField()))
        .values_list("year", "part")
        .order_by()
    )
    return events.union(opinions)


@paged
def _events_done(community_id, first, last):
    """The events of a community that happened between two days (one year's, to today)."""
    events = Event.objects.filter(community=community_id, removed_at__isnull=True)
    return events.filter(date__gte=first, date__lte=last).only(*EVENT_COLUMNS)


@paged
def _opinions_sent(community_id, first, last):
    opinions = JointOpinion.objects.filter(community=community_id, removed_at__isnull=True)
    return opinions.filter(sent_on__gte=first, sent_on__lte=last).only(*OPINION_COLUMNS)


def record_context(community, params, today=None):
    """What the community page shows of the record: planned events apart, then one year's
    events and joint opinions, 20 a page, and the years to choose from. The number of
    queries does not grow with the record; a part with nothing to show costs none."""
    today = today or timezone.localdate()
    found = _record_years(community, today)
    years = sorted({year for year, part in found if part != _PLANNED}, reverse=True)
    year = params.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
    # Each read with one filter (not the related manager's, then recorded()'s, then its own).
    recorded = {"community": community.pk, "removed_at__isnull": True}
    events = Event.objects.only(*EVENT_COLUMNS)
    planned = any(part == _PLANNED for _year, part in found)
    context = {
        "planned_events": list(
            events.filter(**recorded, date__gt=today).order_by("date", "pk")[:PLANNED_SHOWN]
        )
        if planned
        else [],
        "record_years": years,
        "record_year": year,
        "events_page": None,
        "opinions_page": None,
    }
    if year is not None:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        context["events_page"] = (
            _page(_events_done(community.pk, first, min(last, today)), params.get("page"))
            if (year, _DONE) in found
            else _empty_page()
        )
        context["opinions_page"] = (
            _page(_opinions_sent(community.pk, first, last), params.get("opinions"))
            if (year, _OPINIONS) in found
            else _empty_page()
        )
        context["record_year_locked"] = is_year_locked(community, year, today)
        context["record_lock_date"] = lock_date(community, year)
    return context


# A stand-in for an entry's key in the addresses of its correction and removal.
_PK = 987654321987


def _url_of(name, community):
    """``url(pk)``: the address of URL ``name`` for an entry of ``community``, reversed once."""
    head, tail = reverse(name, args=[community.slug, _PK]).rsplit(str(_PK), 1)
    return lambda pk: f"{head}{pk}{tail}"


def show_entries(entries, *, community, user, edit, remove):
    """``entries`` (events or joint opinions of ``community``) with what the page shows of
    each, worked out once per list: ``date_label``; for events ``kind_label`` and
    ``forms_label``; and, where ``user`` may correct the entry (``communities.change_entry``),
    ``change_url`` and ``remove_url`` (``communities/_entry_actions.html``)."""
    entries = list(entries)
    days = Once(short_date)
    kinds = Once(lambda value: str(dict(Event.Kind.choices).get(value, value)))
    edit_url = remove_url = None
    # Only who keeps the community's record corrects its entries (``keeps_the_entry_record``
    # is ``change_activity`` on the entry's community): asked once for the whole list.
    keeps = entries and user.has_perm("communities.change_activity", community)
    for entry in entries:
        entry.community = community  # read by key, not through it: the same row
        entry.date_label = days[entry.record_date]
        if isinstance(entry, Event):
            entry.kind_label = kinds[entry.kind]
            entry.forms_label = capfirst(
                ", ".join(map(str, entry.get_participation_forms_display()))
            )
        entry.change_url = entry.remove_url = None
        if keeps and user.has_perm("communities.change_entry", entry):
            if edit_url is None:
                edit_url, remove_url = _url_of(edit, community), _url_of(remove, community)
            entry.change_url, entry.remove_url = edit_url(entry.pk), remove_url(entry.pk)
    return entries
