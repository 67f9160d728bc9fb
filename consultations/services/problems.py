"""Writes of problem reports. Permission checks stay in the views."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import Membership
from communities.roles import community_roles
from portal.history import log_event, move_to, record_start, require_move
from portal.outbox import notify
from portal.validators import field_error
from portal.workdays import add_working_days

from .. import outbox
from ..boilerplate import refuse_boilerplate
from ..models import ProblemReport

Status = ProblemReport.Status


@transaction.atomic
def report_problem(
    *,
    actor,
    municipality,
    neighbourhood,
    category: str,
    title: str,
    description: str,
    address: str = "",
    latitude=None,
    longitude=None,
    photo=None,
    community=None,
) -> ProblemReport:
    """A resident's report (or, with ``community``, a leader's for the community). It is due
    within the municipality's working days to answer a submission."""
    if neighbourhood is None or neighbourhood.municipality_id != municipality.pk:
        raise field_error(
            "neighbourhood", _("Choose a neighbourhood of this municipality."), "wrong"
        )
    if (latitude is None) != (longitude is None):
        raise field_error("latitude", _("Give both the latitude and the longitude."), "half")
    if community is not None and community_roles(actor).get(community.pk) not in (
        Membership.ADMIN_ROLES
    ):
        raise ValidationError(_("Only its leaders and board report for a community."))
    report = ProblemReport.objects.create(
        municipality=municipality,
        neighbourhood=neighbourhood,
        category=category,
        title=title,
        description=description,
        address=address,
        latitude=latitude,
        longitude=longitude,
        photo=photo or "",
        reporter=actor,
        community=community,
        due_on=add_working_days(timezone.localdate(), municipality.response_working_days),
    )
    record_start(report, actor=actor)
    return report


@transaction.atomic
def route_report(*, actor, report: ProblemReport, colleague) -> ProblemReport:
    """Give the report to a colleague of the municipality; they are told by email."""
    staff = get_user_model().objects.filter(
        pk=colleague.pk, staff_roles__municipality_id=report.municipality_id, is_active=True
    )
    if not staff.exists():
        raise field_error("colleague", _("Choose a staff member of this municipality."), "wrong")
    if report.status == Status.ROUTED:
        report.assigned_to = colleague
        report.save(update_fields=["assigned_to"])
        change = log_event(report, "report_rerouted", actor=actor, data={"to": str(colleague)})
    else:
        require_move(report, Status.ROUTED, _("Only a report waiting for an answer is routed."))
        change = move_to(report, Status.ROUTED, actor=actor, fields={"assigned_to": colleague})
    notify(
        outbox.PROBLEM_ROUTED,
        occasion=change.pk,
        municipality=report.municipality,
        ids={"report": report.pk},
        recipients=[colleague],
    )
    return report


@transaction.atomic
def answer_report(*, actor, report: ProblemReport, answer: str) -> ProblemReport:
    refuse_boilerplate(answer, field="answer")
    require_move(report, Status.ANSWERED, _("This report already has an answer."))
    change = move_to(
        report, Status.ANSWERED, actor=actor, stamp="answered_at", fields={"answer": answer}
    )
    notify(
        outbox.PROBLEM_ANSWERED,
        occasion=change.pk,
        municipality=report.municipality,
        ids={"report": report.pk},
    )
    return report


@transaction.atomic
def close_report(*, actor, report: ProblemReport) -> ProblemReport:
    require_move(report, Status.CLOSED, _("Only an answered report is closed."))
    move_to(report, Status.CLOSED, actor=actor)
    return report
