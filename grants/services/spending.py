"""What an awarded annual subsidy was spent on: the community's leaders and board write the
report (lines and documents) and submit it; staff who do not belong to the community accept
it or return it with a reason; the leaders hear the decision through the outbox. The
accepted total becomes the award's ``spent_amount`` (a later tier's ``min_spent_percent``)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from communities.duties import refuse_own_community
from portal.history import move_to, record_start, require_move
from portal.uploads import delete_file_on_commit

from ..models import SpendingDocument, SpendingLine, SpendingReport, SubsidyAward
from ..outbox.spending import tell_spending_reviewed

Status = SpendingReport.Status


def report_of(award: SubsidyAward) -> SpendingReport:
    """The award's spending report, started (a draft, with its first history row) when the
    leaders first write to it."""
    report = SpendingReport.objects.select_for_update().filter(award=award).first()
    if report is None:
        report = SpendingReport.objects.create(award=award)
        record_start(report, actor=None)
    report.award = award
    return report


def _require_editable(report):
    if not report.is_editable:
        raise ValidationError(
            _("The report is with the municipality; it changes only if they return it."),
            code="not_editable",
        )


@transaction.atomic
def save_spending_lines(*, actor, award: SubsidyAward, lines: list[tuple[str, Decimal]]):
    """Replace the report's lines with ``lines`` (what, amount)."""
    report = report_of(award)
    _require_editable(report)
    report.lines.all().delete()
    SpendingLine.objects.bulk_create(
        SpendingLine(report=report, what=what.strip(), amount=amount) for what, amount in lines
    )
    return report


@transaction.atomic
def add_spending_document(*, actor, award: SubsidyAward, title: str, file) -> SpendingDocument:
    report = report_of(award)
    _require_editable(report)
    return SpendingDocument.objects.create(
        report=report, title=title.strip(), file=file, added_by=actor
    )


@transaction.atomic
def remove_spending_document(*, actor, document: SpendingDocument) -> None:
    report = SpendingReport.objects.select_for_update().get(pk=document.report_id)
    _require_editable(report)
    delete_file_on_commit(document.file)
    document.delete()


def spent_total(report) -> Decimal:
    return report.lines.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")


@transaction.atomic
def submit_spending_report(*, actor, award: SubsidyAward) -> SpendingReport:
    report = report_of(award)
    require_move(report, Status.SUBMITTED, _("The report is already with the municipality."))
    errors = []
    if not report.lines.exists():
        errors.append(_("Add at least one line: what the subsidy was spent on and how much."))
    if not report.documents.exists():
        errors.append(_("Add at least one document: receipts, invoices or an account statement."))
    if errors:
        raise ValidationError(errors, code="incomplete")
    move_to(report, Status.SUBMITTED, actor=actor, stamp="submitted_at")
    return report


@transaction.atomic
def decide_spending_report(
    *, actor, report: SpendingReport, accept: bool, reason: str = ""
) -> SpendingReport:
    """Accept the report (its total becomes the award's ``spent_amount``) or return it with
    the reason the leaders must address; either way they are told."""
    award = report.award
    refuse_own_community(actor, award.community)
    target = Status.ACCEPTED if accept else Status.RETURNED
    require_move(report, target, _("Only a submitted report is accepted or returned."))
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Say what must be corrected.")}, code="reason_required")
    change = move_to(report, target, actor=actor, reason=reason.strip())
    if accept:
        award.spent_amount = spent_total(report)
        award.save(update_fields=["spent_amount"])
    tell_spending_reviewed(report, change)
    return report
