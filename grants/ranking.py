"""Weighted totals and the ranking, with ties shown, in a fixed number of queries.

An evaluator's weighted total for an application is the sum over the criteria of
``score × weight``; the application's total is the mean of its evaluators' totals (only
evaluators who scored every criterion count). Equal totals share a rank: 1, 2, 2, 4.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .models import Application, Score

CENT = Decimal("0.01")


@dataclass
class Row:
    application: Application
    total: Decimal | None
    evaluators: int
    rank: int | None = None
    tied: bool = False
    per_evaluator: dict = field(default_factory=dict)


def weighted_total(scores, weights) -> Decimal:
    """``scores``: ``{criterion_id: score}``; ``weights``: ``{criterion_id: weight}``."""
    return sum((Decimal(scores[c]) * weights[c] for c in weights), Decimal(0))


def ranking(round_) -> list[Row]:
    """The round's eligible and decided applications, best first (three queries)."""
    criteria = {c.pk: c.weight for c in round_.criteria.all()}
    applications = list(
        round_.applications.exclude(
            status__in=(
                Application.Status.DRAFT,
                Application.Status.SUBMITTED,
                Application.Status.INELIGIBLE,
            )
        ).select_related("community")
    )
    by_evaluator = defaultdict(lambda: defaultdict(dict))
    for application_id, evaluator_id, criterion_id, score in Score.objects.filter(
        application__round=round_
    ).values_list("application_id", "evaluator_id", "criterion_id", "score"):
        by_evaluator[application_id][evaluator_id][criterion_id] = score
    rows = []
    for application in applications:
        totals = {
            evaluator: weighted_total(scores, criteria)
            for evaluator, scores in by_evaluator[application.pk].items()
            if criteria and set(criteria) <= set(scores)
        }
        mean = (
            (sum(totals.values()) / len(totals)).quantize(CENT, ROUND_HALF_UP) if totals else None
        )
        rows.append(Row(application, mean, len(totals), per_evaluator=totals))
    rows.sort(key=lambda r: (r.total is None, -(r.total or 0), r.application.title))
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if row.total is None:
            continue
        if row.total != previous:
            rank, previous = position, row.total
        row.rank = rank
    counts = defaultdict(int)
    for row in rows:
        if row.rank is not None:
            counts[row.rank] += 1
    for row in rows:
        row.tied = row.rank is not None and counts[row.rank] > 1
    return rows
