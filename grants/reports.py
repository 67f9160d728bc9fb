"""The round's results protocol as a PDF, made by the worker through the reports kit.

Criteria, each evaluator's scores with justifications, the conflicts declared, the ranking and
the decisions with amounts. ``protocol_data(round)`` is everything the PDF shows, as plain
JSON taken in the request (amounts and dates already written the Latvian way); staff ask for
it on the round's page (``grants.manage_round``), and asking again while nothing changed finds
the same file (``portal/reports.py``).
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.template.defaultfilters import floatformat
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import Report
from portal.reports import ReportKind, register_report, request_report

from .budget import money
from .models import ConflictDeclaration, Round, Score
from .ranking import ranking

RESULTS_PROTOCOL = "grants-results-protocol"


def _round_of(report):
    return Round.objects.get(pk=report.data["round_id"], municipality=report.municipality)


def _filename(data):
    return f"protokols-{data['slug']}"


register_report(
    ReportKind(
        code=RESULTS_PROTOCOL,
        label=gettext_lazy("Results protocol"),
        template="grants/pdf/protocol.html",
        permission="grants.manage_round",
        subject=_round_of,
        filename=_filename,
    )
)


def _money(value):
    return "—" if value is None or value == "" else money(value)


def protocol_data(round_: Round) -> dict:
    """The plain data the protocol shows (its content key is the hash of this)."""
    with translation.override("lv"):
        rows = ranking(round_)
        scores = defaultdict(list)
        for score in (
            Score.objects.filter(application__round=round_)
            .select_related("evaluator", "criterion")
            .order_by("application_id", "evaluator__full_name", "criterion__order", "pk")
        ):
            scores[score.application_id].append(
                {
                    "evaluator": str(score.evaluator),
                    "criterion": score.criterion.name,
                    "score": score.score,
                    "max_score": score.criterion.max_score,
                    "justification": score.justification,
                }
            )
        conflicts = defaultdict(list)
        for declaration in (
            ConflictDeclaration.objects.filter(application__round=round_)
            .select_related("evaluator")
            .order_by("application_id", "evaluator__full_name", "pk")
        ):
            conflicts[declaration.application_id].append(
                {
                    "evaluator": str(declaration.evaluator),
                    "has_conflict": declaration.has_conflict,
                    "known": declaration.known,
                }
            )
        awarded = sum((row.application.awarded_amount or 0 for row in rows), 0)
        return {
            "round_id": round_.pk,
            "slug": round_.slug,
            "municipality": round_.municipality.name,
            "title": round_.title,
            "programme": round_.programme.name,
            "budget": _money(round_.budget),
            "deadline": formats.date_format(
                timezone.localtime(round_.deadline), "SHORT_DATE_FORMAT"
            )
            if round_.deadline
            else "",
            "awarded_total": _money(awarded),
            "criteria": [
                {
                    "name": criterion.name,
                    "weight": floatformat(criterion.weight, "-2"),
                    "max_score": criterion.max_score,
                }
                for criterion in round_.criteria.all()
            ],
            "rows": [
                {
                    "rank": row.rank,
                    "tied": row.tied,
                    "title": row.application.title,
                    "community": row.application.community.name,
                    "total": floatformat(row.total, 2) if row.total is not None else "",
                    "requested": _money(row.application.requested_amount),
                    "status": str(row.application.get_status_display()),
                    "awarded": _money(row.application.awarded_amount),
                    "decision_reason": row.application.decision_reason,
                    "conflicts": conflicts[row.application.pk],
                    "scores": scores[row.application.pk],
                }
                for row in rows
            ],
        }


def request_protocol(*, actor, round: Round) -> Report:
    """Ask for the round's results protocol: the existing file, or one made anew."""
    if round.is_draft or round.status == Round.Status.OPEN:
        raise ValidationError(
            _("The protocol is made once the evaluation has begun."), code="too_early"
        )
    return request_report(
        RESULTS_PROTOCOL,
        actor=actor,
        municipality=round.municipality,
        subject=f"round:{round.pk}",
        data=protocol_data(round),
        language="lv",
    )


def latest_protocol(round: Round) -> Report | None:
    """The protocol asked for last, for the round's page to link to (its page or download)."""
    return (
        Report.objects.of(round.municipality)
        .filter(kind=RESULTS_PROTOCOL, subject=f"round:{round.pk}")
        .order_by("-last_requested_at", "-pk")
        .first()
    )
