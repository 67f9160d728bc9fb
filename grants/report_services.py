"""Reports of awarded projects: due dates set at the results, filed, accepted or returned."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communities.duties import refuse_own_community
from portal.history import move_to, record_start, require_move

from . import decision_messages as notices
from .models import Application, Report


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


@transaction.atomic
def file_report(
    *,
    actor,
    report: Report,
    narrative: str,
    spent_amount=None,
    spending_note: str = "",
    photo=None,
) -> Report:
    require_move(report, Report.Status.SUBMITTED, _("This report is already filed."))
    if not narrative.strip():
        raise ValidationError({"narrative": _("Say what was done.")}, code="required")
    report.narrative = narrative.strip()
    report.spent_amount = spent_amount
    report.spending_note = spending_note.strip()
    if photo:
        report.photo = photo
    report.submitted_by = actor
    report.save()
    move_to(report, Report.Status.SUBMITTED, actor=actor, stamp="submitted_at")
    return report


@transaction.atomic
def decide_report(*, actor, report: Report, accept: bool, reason: str = "") -> Report:
    refuse_own_community(actor, report.application.community)
    target = Report.Status.ACCEPTED if accept else Report.Status.RETURNED
    require_move(report, target, _("Only a filed report is accepted or returned."))
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Say what must be corrected.")}, code="reason_required")
    change = move_to(report, target, actor=actor, reason=reason.strip())
    notices.tell_report_reviewed(report, change)
    return report
