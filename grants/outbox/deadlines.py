"""The deadlines grants know, and their reminders (the kit's sweep: portal.outbox.reminders): a
round's submission deadline and seminar, the evaluation deadline, a report due and overdue."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.outbox import Deadline, Occasion, register_deadline

from .base import _admins_of, _reminder_kind

SUBMISSION_REMINDER = "grant-submission-reminder"
SEMINAR_REMINDER = "grant-seminar-reminder"
EVALUATION_REMINDER = "grant-evaluation-reminder"
REPORT_REMINDER = "grant-report-reminder"
REPORT_OVERDUE = "grant-report-overdue"


_reminder_kind(
    SUBMISSION_REMINDER,
    _("A grant round's deadline is near and our application is a draft"),
    _("leaders and board of communities with a draft"),
    "grants/emails/submission_reminder",
)


_reminder_kind(
    SEMINAR_REMINDER,
    _("The application seminar of a grant round we are preparing for"),
    _("leaders and board of communities with a draft or that asked to be reminded"),
    "grants/emails/seminar_reminder",
)


_reminder_kind(
    EVALUATION_REMINDER,
    _("The evaluation deadline of a round I evaluate"),
    _("evaluators of the round"),
    "grants/emails/evaluation_reminder",
)


_reminder_kind(
    REPORT_REMINDER,
    _("A report of our awarded project is due"),
    _("leaders and board of the awarded community"),
    "grants/emails/report_reminder",
)


_reminder_kind(
    REPORT_OVERDUE,
    _("A report of an awarded project is overdue"),
    _("staff of the municipality"),
    "grants/emails/report_overdue",
)


def _open_round_deadlines(today):
    from ..models import Round

    for round_ in Round.objects.filter(status=Round.Status.OPEN, deadline__date__gte=today):
        yield timezone.localtime(round_.deadline).date(), round_


def _seminars(today):
    from ..models import Round

    for round_ in Round.objects.filter(status=Round.Status.OPEN, seminar_on__gte=today):
        yield round_.seminar_on, round_


def _communities_with_drafts(round_, due):
    """Leaders and board of communities with a draft; then, once each, those of communities
    that asked to be reminded (``asked`` in the email: they have no draft yet)."""
    from ..models import Application

    drafts = Application.objects.filter(round=round_, status__in=Application.EDITABLE_STATUSES)
    people = _admins_of(drafts.values("community_id"))
    if people:
        yield Occasion(round_.municipality, f"round-{round_.pk}", {"round": round_.pk}, people)
    told = {person.pk for person in people}
    asked = [
        person
        for person in _admins_of(round_.reminders.values("community_id"))
        if person.pk not in told
    ]
    if asked:
        yield Occasion(
            round_.municipality,
            f"round-{round_.pk}-asked",
            {"round": round_.pk, "asked": 1},
            asked,
        )


def _evaluation_deadlines(today):
    from ..models import Round

    for round_ in Round.objects.filter(
        status=Round.Status.EVALUATION, evaluation_deadline__gte=today
    ):
        yield round_.evaluation_deadline, round_


def _evaluators(round_, due):
    people = [a.user for a in round_.assignments.select_related("user") if a.user.is_active]
    if people:
        yield Occasion(round_.municipality, f"round-{round_.pk}", {"round": round_.pk}, people)


def _report_dues(today):
    from ..models import Report

    for report in Report.objects.filter(
        status__in=(Report.Status.DUE, Report.Status.RETURNED), due_on__gte=today
    ).select_related("application__round__municipality"):
        yield report.due_on, report


def _report_keepers(report, due):
    people = _admins_of([report.application.community_id])
    if people:
        yield Occasion(
            report.application.round.municipality,
            f"report-{report.pk}",
            {"report": report.pk},
            people,
        )


def _overdue_reports(today):
    """The day after a report was due (and still not filed), staff are told."""
    from ..models import Report

    for report in Report.objects.filter(
        status__in=(Report.Status.DUE, Report.Status.RETURNED),
        due_on__gte=today - datetime.timedelta(days=1),
    ).select_related("application__round__municipality"):
        yield report.due_on + datetime.timedelta(days=1), report


def _staff_of_the_report(report, due):
    municipality = report.application.round.municipality
    staff = (
        get_user_model()
        .objects.filter(is_active=True, staff_roles__municipality=municipality)
        .distinct()
    )
    yield Occasion(municipality, f"report-{report.pk}", {"report": report.pk}, list(staff))


register_deadline(
    Deadline(
        code="grant-submission",
        kind=SUBMISSION_REMINDER,
        dues=_open_round_deadlines,
        occasions=_communities_with_drafts,
        days_before=(14, 3),
        working_days=False,
        label=_("submission deadline of a grant round"),
    )
)


register_deadline(
    Deadline(
        code="grant-seminar",
        kind=SEMINAR_REMINDER,
        dues=_seminars,
        occasions=_communities_with_drafts,
        days_before=(3,),
        working_days=False,
        label=_("application seminar of a grant round"),
    )
)


register_deadline(
    Deadline(
        code="grant-evaluation",
        kind=EVALUATION_REMINDER,
        dues=_evaluation_deadlines,
        occasions=_evaluators,
        days_before=(3,),
        working_days=True,
        label=_("evaluation deadline of a grant round"),
    )
)


register_deadline(
    Deadline(
        code="grant-report",
        kind=REPORT_REMINDER,
        dues=_report_dues,
        occasions=_report_keepers,
        days_before=(14, 3),
        working_days=False,
        label=_("report of an awarded project"),
    )
)


register_deadline(
    Deadline(
        code="grant-report-overdue",
        kind=REPORT_OVERDUE,
        dues=_overdue_reports,
        occasions=_staff_of_the_report,
        days_before=(0,),
        working_days=False,
        label=_("overdue report of an awarded project"),
    )
)
