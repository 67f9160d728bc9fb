"""The activity record as evidence: which years are locked, and the page's view of a year.

A year's record locks on the date its municipality sets (by default 31 January of the next
year): the record of 2025 can be completed up to and including 31.01.2026; from the next day
entries of 2025 can no longer be added, corrected or removed, unless staff reopened that year
for that community (``ActivityYearReopening``, open until a date).
"""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.pagination import CountingPaginator

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


def _page(queryset, number):
    return CountingPaginator(queryset, RECORD_PER_PAGE).get_page(number)


def record_context(community, params, today=None):
    """What the community page shows of the record: planned events apart, then one year's
    events and joint opinions, 20 a page, and the years to choose from. The number of
    queries does not grow with the record."""
    today = today or timezone.localdate()
    events = community.events.recorded()
    # The years of both kinds of entry, in one query.
    event_years = events.filter(date__lte=today).dates("date", "year")
    opinion_years = community.joint_opinions.recorded().dates("sent_on", "year")
    years = sorted(
        {d.year for d in event_years.order_by().union(opinion_years.order_by())}, reverse=True
    )
    year = params.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
    context = {
        "planned_events": list(
            events.filter(date__gt=today).order_by("date", "pk")[:PLANNED_SHOWN]
        ),
        "record_years": years,
        "record_year": year,
        "events_page": None,
        "opinions_page": None,
    }
    if year is not None:
        context["events_page"] = _page(
            events.filter(date__year=year, date__lte=today), params.get("page")
        )
        context["opinions_page"] = _page(
            community.joint_opinions.recorded().of_year(year), params.get("opinions")
        )
        context["record_year_locked"] = is_year_locked(community, year, today)
        context["record_lock_date"] = lock_date(community, year)
    return context
