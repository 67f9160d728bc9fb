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
- waiting problem reports by age (``consultations.problems.AGE_BUCKETS``, the queue's filter).

The data is plain JSON, so the PDF (the reports kit, ``portal/reports.py``) is keyed by it.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from communities.models import Community
from consultations.feedback import figures_by_consultation, records_by_municipality
from consultations.models import Consultation
from consultations.problems import AGE_BUCKETS, ProblemReport, age_filter
from grants.budget import money
from grants.models import Application, Programme, Round, SubsidyTier
from grants.tiers import meets, with_facts

from ..mixins import PortalPermissionMixin
from ..models import Territory
from ..reports import ReportKind, register_report, request_report

DASHBOARD_REPORT = "staff-dashboard"
STAFF_ONLY = gettext_lazy("Only the municipality's staff see its dashboard.")
NEIGHBOURHOOD_ROWS = 25  # the chart's bars; every neighbourhood is on the territory list
CONSULTATION_ROWS = 10  # the latest published consultations
GRANT_NEIGHBOURHOOD_ROWS = 25

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


def _communities(municipality, counts):
    # The most communities first, then alphabetically (``sort_name`` is ``portal.text.sort_key``
    # of the name): the neighbourhoods without any come last, alphabetically.
    neighbourhoods = list(
        Territory.objects.of(municipality)
        .neighbourhoods()
        .order_by("-community_count", "sort_name")
        .values_list("name", "slug", "community_count")
    )
    covered = [row for row in neighbourhoods if row[2]]
    without = [row for row in neighbourhoods if not row[2]]
    return {
        "total": counts["public"],
        "neighbourhoods": len(neighbourhoods),
        "covered": len(covered),
        "rows": [
            {"name": name, "slug": slug, "count": count}
            for name, slug, count in covered[:NEIGHBOURHOOD_ROWS]
        ],
        "more": max(len(covered) - NEIGHBOURHOOD_ROWS, 0),
        "without": [{"name": name, "slug": slug} for name, slug, _count in without],
    }


def _consultations(municipality, today):
    consultations = list(
        Consultation.objects.of(municipality)
        .published()
        .order_by("-closes_on", "-pk")
        .values_list("pk", "title", "slug", "closes_on")[:CONSULTATION_ROWS]
    )
    figures = figures_by_consultation([row[0] for row in consultations], today)
    rows = []
    for pk, title, slug, closes_on in consultations:
        found = figures[pk]
        rows.append(
            {
                "title": title,
                "slug": slug,
                "closes_on": formats.date_format(closes_on, "SHORT_DATE_FORMAT"),
                "total": found.total,
                "answered": found.answered,
                "waiting": found.total - found.answered,
                "late": found.late,
                "rate": _percent(found.answered, found.total),
                "median_days": _days(found.median_days),
            }
        )
    record = records_by_municipality([municipality.pk], today).get(municipality.pk)
    year = {
        "total": record.total if record else 0,
        "answered": record.answered if record else 0,
        "late": record.late if record else 0,
        "rate": _percent(record.answered, record.total) if record else None,
        "median_days": _days(record.median_days) if record else None,
    }
    return {"rows": rows, "year": year}


def _grants(municipality):
    awarded = Application.objects.filter(
        round__municipality=municipality,
        round__status__in=Round.LOCKED_STATUSES,
        status=Application.Status.AWARDED,
    )
    by_programme = list(
        awarded.values("round__programme_id", "round__programme__name")
        .annotate(count=Count("pk"), amount=Sum("awarded_amount"))
        .order_by("-amount", "round__programme__name")
    )
    programmes = [
        {
            "name": row["round__programme__name"],
            "count": row["count"],
            "amount": str(row["amount"] or Decimal("0")),
            "amount_text": money(row["amount"] or 0),
        }
        for row in by_programme
    ]
    places = (
        Application.neighbourhoods.through.objects.filter(application__in=awarded)
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
    totals = {
        "count": sum(row["count"] for row in by_programme),
        "amount": sum((row["amount"] or Decimal("0") for row in by_programme), Decimal("0")),
    }
    return {
        "programmes": programmes,
        "neighbourhoods": neighbourhoods,
        "count": totals["count"],
        "amount": str(totals["amount"] or Decimal("0")),
        "amount_text": money(totals["amount"] or 0),
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
        if row["tiers__id"] is not None:
            tiers.append(
                SubsidyTier(**{field.attname: row[f"tiers__{field.name}"] for field in TIER_FIELDS})
            )
    return list(programmes.values())


def _community_counts(municipality, programmes, year):
    """One aggregate over the municipality's communities: the public ones (the registry), the
    working ones (those the subsidy overview lists), how many of these meet each tier
    (``grants.tiers.meets``, the rules of the overview's ``evaluate``) and any tier of each
    programme. No community is read into Python."""
    working = Q(status__in=Community.WORKING_STATUSES)
    counts = {
        "public": Count("pk"),
        "working": Count("pk", filter=working),
    }
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
    return {"year": year, "communities": counts["working"], "programmes": shown}


def _problems(municipality, today):
    waiting = ProblemReport.objects.of(municipality).waiting()
    counts = waiting.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        **{f"age_{key}": Count("pk", filter=age_filter(key, today)) for key in AGE_BUCKETS},
    )
    return {
        "total": counts["total"],
        "overdue": counts["overdue"],
        "buckets": [
            {"key": key, "label": str(AGE_LABELS[key]), "count": counts[f"age_{key}"]}
            for key in AGE_BUCKETS
        ],
    }


def dashboard_data(municipality, today=None):
    """Everything the dashboard shows, as plain JSON (the PDF's content key is its hash)."""
    today = today or timezone.localdate()
    programmes = _subsidy_programmes(municipality)
    counts = _community_counts(municipality, programmes, today.year)
    return {
        "municipality": municipality.name,
        "municipality_slug": municipality.slug,
        "date": formats.date_format(today, "SHORT_DATE_FORMAT"),
        "date_iso": today.isoformat(),
        "communities": _communities(municipality, counts),
        "consultations": _consultations(municipality, today),
        "grants": _grants(municipality),
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
