"""The results protocol: criteria, each evaluator's scores with justifications, conflicts
declared, the ranking and the decisions with amounts — a PDF rendered by the worker."""

from collections import defaultdict

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.pdf import render_pdf

from .models import ConflictDeclaration, Round, Score
from .ranking import ranking


def protocol_context(round_: Round) -> dict:
    rows = ranking(round_)
    scores = defaultdict(list)
    for score in (
        Score.objects.filter(application__round=round_)
        .select_related("evaluator", "criterion")
        .order_by("application_id", "evaluator__full_name", "criterion__order", "pk")
    ):
        scores[score.application_id].append(score)
    conflicts = defaultdict(list)
    for declaration in ConflictDeclaration.objects.filter(application__round=round_).select_related(
        "evaluator"
    ):
        conflicts[declaration.application_id].append(declaration)
    for row in rows:
        row.scores = scores[row.application.pk]
        row.conflicts = conflicts[row.application.pk]
    awarded = sum((row.application.awarded_amount or 0 for row in rows), 0)
    return {
        "round": round_,
        "municipality": round_.municipality,
        "criteria": list(round_.criteria.all()),
        "rows": rows,
        "awarded_total": awarded,
        "made_at": timezone.now(),
    }


def build_protocol(round_id: int) -> Round:
    """Render the protocol in Latvian and keep it on the round (called by the worker)."""
    round_ = Round.objects.select_related("municipality", "programme").get(pk=round_id)
    pdf = render_pdf("grants/pdf/protocol.html", protocol_context(round_), "lv")
    if round_.protocol:
        round_.protocol.delete(save=False)
    round_.protocol.save(f"protokols-{round_.slug}.pdf", ContentFile(pdf), save=False)
    Round.objects.filter(pk=round_.pk).update(
        protocol=round_.protocol.name, protocol_made_at=timezone.now()
    )
    return round_
