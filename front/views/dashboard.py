"""The staff dashboard of a municipality: what its staff read at a glance, also as a PDF.

Five charts, each over plain data computed in a fixed number of queries whatever the size of
the municipality (``dashboard_data``), drawn on the server as SVG (``portal/charts.py``) with a
table beside each, and each figure the same as the list it summarises:

- communities by neighbourhood (``Territory.community_count``, what the registry filtered by
  the neighbourhood shows) and the neighbourhoods without one;
- consultations: answer rate, median working days to answer and late answers per
  consultation (``consultations.feedback.figures_by_consultation``, the figures of each
  consultation's feedback page), and the last 365 days as the national view counts them;
- grants awarded in rounds whose results are published, by programme and by neighbourhood;
- subsidy tiers met this year (``grants.tiers.meets``, the "meets" of the subsidy
  overview's ``evaluate``, counted in the database);
- waiting problem reports by age (``consultations.models.problems.AGE_BUCKETS``, the queue's
  filter).

The data is plain JSON, so the PDF (the reports kit, ``portal/reports.py``) is keyed by it.
"""

import datetime
import decimal
import statistics
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from communities.models import Community
from consultations.models import Consultation, ProblemReport, Submission
from consultations.models.problems import AGE_BUCKETS
from grants.budget import money
from grants.models import Application, Programme, Round, SubsidyTier
from grants.tiers import meets, with_facts
from portal.charts import written
from portal.mixins import PortalPermissionMixin
from portal.reports import ReportKind, register_report, request_report

DASHBOARD_REPORT = "staff-dashboard"
STAFF_ONLY = gettext_lazy("Only the municipality's staff see its dashboard.")
NEIGHBOURHOOD_ROWS = 25  # the chart's bars; every neighbourhood is on the territory list
CONSULTATION_ROWS = 10  # the latest published consultations
GRANT_NEIGHBOURHOOD_ROWS = 25
SLUG = "--slug--"  # a URL reversed once per list, the row's slug put in its place

AGE_LABELS = {
    "0-7": gettext_lazy("up to 7 days"),
    "8-30": gettext_lazy("8–30 days"),
    "31-90": gettext_lazy("31–90 days"),
    "91-": gettext_lazy("more than 90 days"),
}


def _municipality_of(report):
    return report.municipality


register_report(
    ReportKind(
        code=DASHBOARD_REPORT,
        label=gettext_lazy("Staff dashboard"),
        template="portal/pdf/dashboard.html",
        permission="portal.view_dashboard",
        subject=_municipality_of,
        filename=lambda data: f"{data['municipality_slug']}-dashboard-{data['date_iso']}",
    )
)


def _percent(part, whole):
    return round(part * 100 / whole) if whole else None


def _days(value):
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _communities(municipality):
    """The neighbourhoods with their public communities, and the registry's count: all kept
    on the territory rows (``Territory.community_count``; the root counts every public
    community of the municipality, as the registry does), in one query."""
    with connection.cursor() as cursor:
        cursor.execute(TERRITORIES_SQL, [municipality.pk, True])
        rows = cursor.fetchall()
    neighbourhoods, total = [], None
    for is_neighbourhood, parent_id, name, slug, count in rows:
        if parent_id is None:
            total = count
        if is_neighbourhood:
            neighbourhoods.append((name, slug, count))
    if total is None:  # no territory tree yet: count them
        total = Community.objects.of(municipality).public().count()
    covered = [row for row in neighbourhoods if row[2]]
    without = [row for row in neighbourhoods if not row[2]]
    # Each figure links to the list it counts: the registry filtered by the neighbourhood.
    registry = reverse("communities:community-list") + "?neighbourhood="
    territory = reverse("territory-detail", args=[SLUG])
    return {
        "total": total,
        "neighbourhoods": len(neighbourhoods),
        "covered": len(covered),
        "rows": [
            {"name": name, "slug": slug, "count": count, "link": registry + slug}
            for name, slug, count in covered[:NEIGHBOURHOOD_ROWS]
        ],
        "more": max(len(covered) - NEIGHBOURHOOD_ROWS, 0),
        "without": [
            {"name": name, "slug": slug, "link": territory.replace(SLUG, slug)}
            for name, slug, _count in without
        ],
    }


def _median(values):
    return statistics.median(values) if values else None


# The submissions of the municipality's published consultations (``Consultation.objects
# .of(municipality).published()``: not drafts) that meet a further condition, counted by
# consultation and by what the figures read of each (status, working days to answer, answered
# late, extension): few rows, and no filtered aggregate. A consultation without submissions has
# one row of 0. Written SQL (the same on SQLite and PostgreSQL): the dashboard's queries cost
# more to compile than to run.
CONSULTATIONS_SQL = """
SELECT c.id, c.title, c.slug, c.closes_on, c.response_due_on, s.status,
    s.working_days_to_answer, s.answered_late, s.extended_until, COUNT(s.id)
FROM consultations_consultation c
LEFT OUTER JOIN consultations_submission s ON s.consultation_id = c.id
WHERE c.municipality_id = %s AND c.status <> %s AND {condition}
GROUP BY c.id, c.title, c.slug, c.closes_on, c.response_due_on, s.status,
    s.working_days_to_answer, s.answered_late, s.extended_until
"""
RECENT = "c.closes_on >= %s"
# The latest of those that closed before: ``older`` of them, latest first.
OLDER = """c.id IN (
    SELECT id FROM consultations_consultation
    WHERE municipality_id = %s AND status <> %s AND closes_on < %s
    ORDER BY closes_on DESC, id DESC LIMIT %s
)"""
# The neighbourhoods with the count kept on them, the most first, then alphabetically
# (``sort_name`` is ``portal.text.sort_key`` of the name): those without any come last. And
# the municipality's root territory, whose count is the registry's. Written SQL, as above.
TERRITORIES_SQL = """
SELECT is_neighbourhood, parent_id, name, slug, community_count FROM portal_territory
WHERE municipality_id = %s AND (is_neighbourhood = %s OR parent_id IS NULL)
ORDER BY community_count DESC, sort_name
"""


def _consultation_rows(condition, params):
    with connection.cursor() as cursor:
        cursor.execute(CONSULTATIONS_SQL.format(condition=condition), params)
        return cursor.fetchall()


def _count_consultations(municipality, since):
    """The rows of the published consultations that closed since ``since`` or close later
    (one query); the latest 10 are among them, unless fewer than 10 are: then the latest of
    the older ones too (a second query)."""
    published = [municipality.pk, Consultation.Status.DRAFT.value]
    found = {}

    def add(rows):
        for pk, title, slug, closes_on, due_on, *submissions in rows:
            one = found.setdefault(
                pk,
                {"pk": pk, "title": title, "slug": slug, "closes_on": closes_on, "rows": []},
            )
            one["due_on"] = due_on
            one["rows"].append(submissions)

    add(_consultation_rows(RECENT, [*published, since]))
    if len(found) < CONSULTATION_ROWS:
        older = [*published, since, CONSULTATION_ROWS - len(found)]
        add(_consultation_rows(OLDER, [*published, *older]))
    return found


def _consultation_row(one, feedback, until):
    """A row of the table of the latest consultations, with the texts its cells show."""
    closes_on = formats.date_format(one["closes_on"], "SHORT_DATE_FORMAT")
    rate = _percent(one["answered"], one["total"])
    median_days = _days(_median(one["days"]))
    return {
        "title": one["title"],
        "slug": one["slug"],
        "link": feedback.replace(SLUG, one["slug"]),
        "closes_on": closes_on,
        "until": until % {"date": closes_on},
        "total": one["total"],
        "answered": one["answered"],
        "waiting": one["total"] - one["answered"],
        "late": one["late"],
        "rate": rate,
        "rate_text": "—" if rate is None else f"{written(rate)} %",
        "median_days": median_days,
        "median_text": "—" if median_days is None else formats.localize(median_days),
    }


def _consultations(municipality, today):
    """The 10 latest published consultations with the figures of each one's feedback page
    (``consultations.feedback.figures``), and the last 365 days as the national view counts
    them (``records_by_municipality``), from the rows of ``_count_consultations`` (one query,
    two when fewer than 10 are recent), by the same rules: late is
    answered late, or waiting past the extension's due date, else the consultation's;
    ``figures`` counts a submission that is both twice, the national view once."""
    since = today - datetime.timedelta(days=365)
    found = _count_consultations(municipality, since)
    for one in found.values():
        one.update(total=0, answered=0, late=0, late_once=0, days=[])
        for status, days, late, extended, count in one["rows"]:
            if not count:
                continue
            overdue = status == Submission.Status.RECEIVED and (
                extended < today
                if extended is not None
                else one["due_on"] is not None and one["due_on"] < today
            )
            one["total"] += count
            if status == Submission.Status.ANSWERED:
                one["answered"] += count
            one["late"] += count * (late + overdue)
            one["late_once"] += count * (late or overdue)
            if days is not None:
                one["days"] += [days] * count
    latest = sorted(found.values(), key=lambda one: (one["closes_on"], one["pk"]), reverse=True)
    feedback = reverse("consultations:feedback", args=[SLUG])
    until = gettext("until %(date)s")
    year = [one for one in found.values() if since <= one["closes_on"] < today]
    total = sum(one["total"] for one in year)
    answered = sum(one["answered"] for one in year)
    return {
        "rows": [_consultation_row(one, feedback, until) for one in latest[:CONSULTATION_ROWS]],
        "year": {
            "total": total,
            "answered": answered,
            "late": sum(one["late_once"] for one in year),
            "rate": _percent(answered, total),
            "median_days": _days(_median([days for one in year for days in one["days"]])),
        },
    }


# The municipality's programmes, their rounds and applications, counted by programme and by
# the statuses of round and application, with the sum awarded. Written SQL, as above.
PROGRAMMES_SQL = """
SELECT p.id, p.kind, p.name, r.status, a.status, COUNT(a.id), SUM(a.awarded_amount)
FROM grants_programme p
LEFT OUTER JOIN grants_round r ON r.programme_id = p.id
LEFT OUTER JOIN grants_application a ON a.round_id = r.id
WHERE p.municipality_id = %s
GROUP BY p.id, p.kind, p.name, r.status, a.status
ORDER BY p.name, p.id
"""


def _decimal(value):
    """A sum of amounts as the ORM reads it: PostgreSQL gives a ``Decimal``; SQLite a float or
    an integer, which the ORM makes a ``Decimal`` of at most 15 digits (as its converter of a
    ``Sum`` does)."""
    if value is None or isinstance(value, Decimal):
        return value
    return decimal.Context(prec=15).create_decimal_from_float(value)


def _grants(municipality):
    """Awarded applications of rounds whose results are published, by programme (one query
    over the programmes, which also says whether any is an annual subsidy) and by the
    neighbourhoods the projects serve (a second one, when anything is awarded)."""
    with connection.cursor() as cursor:
        cursor.execute(PROGRAMMES_SQL, [municipality.pk])
        rows = cursor.fetchall()
    has_subsidy, by_programme = False, {}
    for pk, kind, name, round_status, status, count, amount in rows:
        amount = _decimal(amount)
        has_subsidy = has_subsidy or kind == Programme.Kind.SUBSIDY
        if round_status in Round.LOCKED_STATUSES and status == Application.Status.AWARDED:
            row = by_programme.setdefault(pk, {"name": name, "count": 0, "amount": None})
            row["count"] += count
            if amount is not None:
                row["amount"] = (row["amount"] or Decimal("0")) + amount
    # The most awarded first; in the order of their names (the database's) among equals.
    ordered = sorted(by_programme.values(), key=lambda row: row["amount"] or 0, reverse=True)
    programmes = [
        {
            "name": row["name"],
            "count": row["count"],
            "amount": str(row["amount"] or Decimal("0")),
            "amount_text": money(row["amount"] or 0),
        }
        for row in ordered
    ]
    neighbourhoods = []
    if ordered:
        places = (
            Application.neighbourhoods.through.objects.filter(
                application__round__municipality=municipality,
                application__round__status__in=Round.LOCKED_STATUSES,
                application__status=Application.Status.AWARDED,
            )
            .values("territory__name", "territory__slug")
            .annotate(count=Count("application_id"), amount=Sum("application__awarded_amount"))
            .order_by("-amount", "territory__name")
        )
        neighbourhoods = [
            {
                "name": row["territory__name"],
                "slug": row["territory__slug"],
                "count": row["count"],
                "amount": str(row["amount"] or Decimal("0")),
                "amount_text": money(row["amount"] or 0),
            }
            for row in places[:GRANT_NEIGHBOURHOOD_ROWS]
        ]
    # Every awarded application is of one programme: the totals are the programmes' sums.
    count = sum(row["count"] for row in ordered)
    amount = sum((row["amount"] or Decimal("0") for row in ordered), Decimal("0"))
    return has_subsidy, {
        "programmes": programmes,
        "neighbourhoods": neighbourhoods,
        "count": count,
        "amount": str(amount),
        "amount_text": money(amount or 0),
    }


TIER_FIELDS = list(SubsidyTier._meta.concrete_fields)


def _subsidy_programmes(municipality):
    """The annual-subsidy programmes with their tiers, in one query (a programme without
    tiers too): ``[(programme row, [SubsidyTier, ...])]``."""
    rows = (
        Programme.objects.of(municipality)
        .filter(kind=Programme.Kind.SUBSIDY)
        .order_by("name", "pk", "tiers__order", "tiers__pk")
        .values("pk", "name", "slug", *(f"tiers__{field.name}" for field in TIER_FIELDS))
    )
    programmes = {}
    for row in rows:
        _programme, tiers = programmes.setdefault(
            row["pk"], ({"name": row["name"], "slug": row["slug"]}, [])
        )
        # A retired tier is history: no longer offered, not counted.
        if row["tiers__id"] is not None and row["tiers__status"] == SubsidyTier.Status.OFFERED:
            tiers.append(
                SubsidyTier(**{field.attname: row[f"tiers__{field.name}"] for field in TIER_FIELDS})
            )
    return list(programmes.values())


def _community_counts(municipality, programmes, year):
    """One aggregate over the municipality's communities: the working ones (those the subsidy
    overview lists), how many of these meet each tier (``grants.tiers.meets``, the rules of
    the overview's ``evaluate``) and any tier of each programme. No community is read into
    Python."""
    working = Q(status__in=Community.WORKING_STATUSES)
    counts = {"working": Count("pk", filter=working)}
    for number, (_programme, tiers) in enumerate(programmes):
        conditions = [meets(tier, year) for tier in tiers]
        for tier, condition in zip(tiers, conditions, strict=True):
            counts[f"tier_{tier.pk}"] = Count("pk", filter=working & condition)
        if conditions and all(conditions):  # an empty condition: a tier everyone meets
            met_any = Q()
            for condition in conditions:
                met_any |= condition
            counts[f"any_{number}"] = Count("pk", filter=working & met_any)
    tiers = [tier for _programme, tiers in programmes for tier in tiers]
    # Counted over the rows of facts as a derived table; ``distinct()`` (over unique rows: the
    # primary key is among them) keeps PostgreSQL from merging it into the count, which would
    # run each fact's subquery again wherever a tier reads it.
    facts = with_facts(Community.objects.of(municipality).public(), tiers, year)
    found = (facts.distinct() if tiers else facts).aggregate(**counts)
    for number, (_programme, tiers) in enumerate(programmes):
        found.setdefault(f"any_{number}", found["working"] if tiers else 0)
    return found


def _tiers(programmes, counts, year):
    none_label = str(gettext_lazy("No tier met"))
    shown = []
    for number, (programme, tiers) in enumerate(programmes):
        rows = [
            {"name": tier.name, "amount_text": money(tier.amount), "met": counts[f"tier_{tier.pk}"]}
            for tier in tiers
        ]
        none = counts["working"] - counts[f"any_{number}"]
        shown.append(
            {
                **programme,
                "tiers": rows,
                "none": none,
                # The chart's bars: each tier, then the communities that meet none.
                "bars": [*rows, {"name": none_label, "met": none}],
            }
        )
    return {"year": year, "programmes": shown}


# Waiting problem reports (``ProblemReport.objects.of(municipality).waiting()``: received or
# routed) counted by their age bucket and by whether they are overdue. Written SQL, as above;
# a bucket is a span of ``created_at`` between the starts of two days of the municipality's
# calendar, worked out in Python, so no database reads a date in a time zone.
PROBLEMS_SQL = """
SELECT CASE {buckets} END, due_on < %s, COUNT(*)
FROM consultations_problemreport
WHERE municipality_id = %s AND status IN (%s, %s)
GROUP BY 1, 2
"""


def _day_starts(day):
    """The first moment of ``day`` in the current time zone, as a query parameter."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return connection.ops.adapt_datetimefield_value(start)


def _problems(municipality, today):
    """Waiting problem reports by age and due date (one query of a few rows), in the queue's
    age buckets (``consultations.models.problems.AGE_BUCKETS``, read as ``age_filter`` reads them:
    ``first`` to ``last`` days since the day reported)."""
    buckets, params = [], []
    for key, (first, last) in AGE_BUCKETS.items():
        # Reported on or before the day ``first`` days ago, on or after the one ``last`` ago.
        before = _day_starts(today - datetime.timedelta(days=first - 1))
        if last is None:
            buckets.append("WHEN created_at < %s THEN %s")
            params += [before, key]
        else:
            buckets.append("WHEN created_at < %s AND created_at >= %s THEN %s")
            params += [before, _day_starts(today - datetime.timedelta(days=last)), key]
    waiting = [ProblemReport.Status.RECEIVED.value, ProblemReport.Status.ROUTED.value]
    with connection.cursor() as cursor:
        cursor.execute(
            PROBLEMS_SQL.format(buckets=" ".join(buckets)),
            [*params, today, municipality.pk, *waiting],
        )
        rows = cursor.fetchall()
    total = overdue = 0
    ages = dict.fromkeys(AGE_BUCKETS, 0)
    for key, late, count in rows:
        total += count
        if late:
            overdue += count
        if key is not None:
            ages[key] += count
    return {
        "total": total,
        "overdue": overdue,
        "buckets": [
            {"key": key, "label": str(AGE_LABELS[key]), "count": ages[key]} for key in AGE_BUCKETS
        ],
    }


def dashboard_data(municipality, today=None):
    """Everything the dashboard shows, as plain JSON (the PDF's content key is its hash)."""
    today = today or timezone.localdate()
    has_subsidy, grants = _grants(municipality)
    # The tiers, and the communities meeting them, only where there is an annual subsidy.
    programmes = _subsidy_programmes(municipality) if has_subsidy else []
    counts = _community_counts(municipality, programmes, today.year) if programmes else {}
    return {
        "municipality": municipality.name,
        "municipality_slug": municipality.slug,
        "date": formats.date_format(today, "SHORT_DATE_FORMAT"),
        "date_iso": today.isoformat(),
        "communities": _communities(municipality),
        "consultations": _consultations(municipality, today),
        "grants": grants,
        "tiers": _tiers(programmes, counts, today.year),
        "problems": _problems(municipality, today),
    }


def request_dashboard_report(*, actor, municipality, language):
    return request_report(
        DASHBOARD_REPORT,
        actor=actor,
        municipality=municipality,
        subject=f"dashboard:{municipality.pk}",
        data=dashboard_data(municipality),
        language=language,
    )


class DashboardView(PortalPermissionMixin, TemplateView):
    """The dashboard page, rendered from the data on every request."""

    permission_required = "portal.view_dashboard"
    permission_denied_message = STAFF_ONLY
    template_name = "portal/dashboard.html"

    def get_permission_object(self):
        return self.request.municipality

    def dispatch(self, request, *args, **kwargs):
        if request.municipality is None:  # the national host has no dashboard
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": gettext("Staff dashboard"),
            "data": dashboard_data(self.request.municipality),
        }


class DashboardReportView(PortalPermissionMixin, View):
    """POST: ask the worker for the dashboard as a PDF, then follow its progress."""

    permission_required = "portal.view_dashboard"
    permission_denied_message = STAFF_ONLY

    def get_permission_object(self):
        return self.request.municipality

    def post(self, request):
        if request.municipality is None:
            raise Http404
        report = request_dashboard_report(
            actor=request.user, municipality=request.municipality, language=get_language()
        )
        return redirect(report.get_absolute_url())
