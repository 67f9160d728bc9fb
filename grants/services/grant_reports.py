"""Reports of awarded projects: due on the round's dates, filed line by line against the
approved budget with files, accepted or returned.

The approved budget is the application's budget lines as they stood when it was awarded (an
application no longer changes once submitted). A report says, for each line, what was spent
against it and why it differs; the report's ``spent_amount`` is the sum of its lines.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from communities.duties import refuse_own_community
from portal.history import log_event, move_to, record_start, require_move

from ..budget import ZERO, money
from ..models import Application, BudgetLine, Report, ReportFile, ReportLine
from ..models.grant_reports import MAX_REPORT_FILES
from ..outbox.decisions import tell_report_reviewed


@dataclass(frozen=True)
class SpendingRow:
    """One approved budget line and what a report says was spent against it."""

    budget_line: BudgetLine
    spent: Decimal | None  # None: not reported yet
    note: str

    @property
    def approved(self):
        return self.budget_line.amount

    @property
    def difference(self):
        """Spent less approved: above zero when more was spent than approved."""
        return (self.spent or ZERO) - self.approved

    @property
    def is_over(self):
        return self.spent is not None and self.spent > self.approved

    @property
    def over_text(self):
        """Said in words, not by colour alone: how much more than approved was spent."""
        if not self.is_over:
            return ""
        return _("%(amount)s more than approved") % {"amount": money(self.difference)}


@dataclass(frozen=True)
class SpendingTotals:
    approved: Decimal
    spent: Decimal

    @property
    def difference(self):
        return self.spent - self.approved

    @property
    def is_over(self):
        return self.spent > self.approved


def spending(budget_lines, report_lines) -> tuple[list[SpendingRow], SpendingTotals]:
    """Each approved line with what the report says of it, and the totals (server-side)."""
    said = {line.budget_line_id: line for line in report_lines}
    rows = [
        SpendingRow(
            budget_line=line,
            spent=said[line.pk].spent if line.pk in said else None,
            note=said[line.pk].note if line.pk in said else "",
        )
        for line in budget_lines
    ]
    totals = SpendingTotals(
        approved=sum((row.approved for row in rows), ZERO),
        spent=sum((row.spent or ZERO for row in rows), ZERO),
    )
    return rows, totals


def report_dates(round_) -> dict[str, datetime.date]:
    """The due dates staff set with the round; a round may ask for no progress report."""
    dates = {}
    if round_.progress_report_due_on is not None:
        dates[Report.Kind.PROGRESS] = round_.progress_report_due_on
    dates[Report.Kind.FINAL] = round_.final_report_due_on
    return dates


def create_reports(round_) -> int:
    """A progress and a final report due for each awarded application (results published)."""
    dates = report_dates(round_)
    created = 0
    for application in round_.applications.filter(status=Application.Status.AWARDED):
        for kind, due in dates.items():
            report, new = Report.objects.get_or_create(
                application=application, kind=kind, defaults={"due_on": due}
            )
            if new:
                record_start(report, actor=None)
                created += 1
    return created


def _checked_lines(report: Report, lines) -> list[ReportLine]:
    """``lines``: ``[{"budget_line": pk, "spent": Decimal, "note": str}]``, one for each line
    of the approved budget and no other."""
    approved = {line.pk: line for line in report.application.budget_lines.all()}
    given = [int(line["budget_line"]) for line in lines]
    if set(given) - set(approved) or len(given) != len(set(given)):
        raise ValidationError(
            _("A line that is not in this application's approved budget was sent."),
            code="foreign_line",
        )
    if set(approved) - set(given):
        raise ValidationError(
            _("Say what was spent against every line of the approved budget."),
            code="missing_line",
        )
    rows = []
    for line in lines:
        budget_line = approved[int(line["budget_line"])]
        spent = line["spent"] if line["spent"] is not None else ZERO
        note = (line.get("note") or "").strip()
        if spent < 0:
            raise ValidationError(_("An amount spent cannot be negative."), code="negative")
        if spent > budget_line.amount and not note:
            raise ValidationError(
                _("Say why more was spent than approved on “%(line)s”.")
                % {"line": budget_line.description},
                code="over_without_note",
            )
        rows.append(ReportLine(report=report, budget_line=budget_line, spent=spent, note=note))
    return rows


@transaction.atomic
def file_report(
    *,
    actor,
    report: Report,
    narrative: str,
    lines=(),
    spending_note: str = "",
) -> Report:
    """The leaders file the report: what was done and, line by line, what was spent."""
    require_move(report, Report.Status.SUBMITTED, _("This report is already filed."))
    if not narrative.strip():
        raise ValidationError({"narrative": _("Say what was done.")}, code="required")
    rows = _checked_lines(report, lines)
    report.lines.all().delete()
    ReportLine.objects.bulk_create(rows)
    report.narrative = narrative.strip()
    report.spent_amount = sum((row.spent for row in rows), ZERO)
    report.spending_note = spending_note.strip()
    report.submitted_by = actor
    report.save()
    move_to(report, Report.Status.SUBMITTED, actor=actor, stamp="submitted_at")
    return report


def _refuse_filed(report: Report):
    if not report.can_be_filed:
        raise ValidationError(
            _("The report is filed; its files change only when it is returned for corrections."),
            code="filed",
        )


@transaction.atomic
def add_report_file(*, actor, report: Report, kind: str, title: str, file) -> ReportFile:
    """A receipt, a photo or a document, added while the report is due or returned."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    _refuse_filed(report)
    if report.files.count() >= MAX_REPORT_FILES:
        raise ValidationError(
            ngettext(
                "A report holds at most %(count)d file; remove one first.",
                "A report holds at most %(count)d files; remove one first.",
                MAX_REPORT_FILES,
            )
            % {"count": MAX_REPORT_FILES},
            code="too_many_files",
        )
    return ReportFile.objects.create(
        report=report, kind=kind, title=title.strip(), file=file, added_by=actor
    )


@transaction.atomic
def remove_report_file(*, actor, report_file: ReportFile) -> None:
    """The file leaves the report and, once the transaction commits, the storage; the
    report's history keeps who removed which file, and when."""
    _refuse_filed(report_file.report)
    log_event(
        report_file.report, "report_file_removed", actor=actor, data={"title": report_file.title}
    )
    report_file.delete()


@transaction.atomic
def decide_report(*, actor, report: Report, accept: bool, reason: str = "") -> Report:
    refuse_own_community(actor, report.application.community)
    target = Report.Status.ACCEPTED if accept else Report.Status.RETURNED
    require_move(report, target, _("Only a filed report is accepted or returned."))
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Say what must be corrected.")}, code="reason_required")
    change = move_to(report, target, actor=actor, reason=reason.strip())
    tell_report_reviewed(report, change)
    return report
