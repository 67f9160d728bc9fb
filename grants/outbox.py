"""Every kind of message about grants, and the deadlines grants know (reminders); below them,
the messages that reach each person of a decision (issue 26): an application found not eligible
or an idea left out, a question asked and answered, a report accepted or returned, and the
reminder of the full application's deadline to the invited ideas."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Membership
from portal.links import municipality_url
from portal.outbox import Deadline, Kind, Occasion, notify, register, register_deadline

APPLICATION_RECEIVED = "grant-application-received"
INVITED_TO_FULL_STAGE = "grant-invited-to-full-stage"
RESULTS_PUBLISHED = "grant-results-published"


def _application(pk):
    from .models import Application

    return Application.objects.select_related("round__municipality", "community").get(pk=pk)


def _community_admins(application):
    application = _application(application)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__community_id=application.community_id,
            memberships__status=Membership.Status.ACTIVE,
            memberships__role__in=Membership.ADMIN_ROLES,
        )
        .distinct()
    )


def _application_context(application):
    application = _application(application)
    return {
        "application": application,
        "round": application.round,
        "url": lambda: municipality_url(
            application.round.municipality, application.get_absolute_url()
        ),
    }


register(
    Kind(
        code=APPLICATION_RECEIVED,
        label=_("Our grant application was submitted"),
        audience=_("leaders and board of the applying community"),
        template="grants/emails/application_received",
        recipients=_community_admins,
        context=_application_context,
    )
)
register(
    Kind(
        code=INVITED_TO_FULL_STAGE,
        label=_("Our idea is invited to the full stage of a grant round"),
        audience=_("leaders and board of the applying community"),
        template="grants/emails/invited",
        recipients=_community_admins,
        context=_application_context,
    )
)
register(
    Kind(
        code=RESULTS_PUBLISHED,
        label=_("The results of a grant round we applied to"),
        audience=_("leaders and board of the applying communities"),
        template="grants/emails/results",
        recipients=_community_admins,
        context=_application_context,
    )
)


def tell_application_received(application):
    notify(
        APPLICATION_RECEIVED,
        occasion=f"{application.pk}:{application.version}",
        municipality=application.round.municipality,
        ids={"application": application.pk},
    )


def tell_invited(application):
    notify(
        INVITED_TO_FULL_STAGE,
        occasion=application.pk,
        municipality=application.round.municipality,
        ids={"application": application.pk},
    )


def tell_results(round_, change):
    from .models import Application

    for application in round_.applications.filter(status__in=Application.DECIDED_STATUSES):
        notify(
            RESULTS_PUBLISHED,
            occasion=f"{change.pk}:{application.pk}",
            municipality=round_.municipality,
            ids={"application": application.pk},
        )


def round_url(round_):
    return municipality_url(round_.municipality, reverse("grants:round-detail", args=[round_.slug]))


# --- reminders (the kit's sweep: portal.outbox.reminders) -----------------------------------

SUBMISSION_REMINDER = "grant-submission-reminder"
SEMINAR_REMINDER = "grant-seminar-reminder"
EVALUATION_REMINDER = "grant-evaluation-reminder"
REPORT_REMINDER = "grant-report-reminder"
REPORT_OVERDUE = "grant-report-overdue"


def _round(pk):
    from .models import Round

    return Round.objects.select_related("municipality").get(pk=pk)


def _reminder_context(**ids):
    """What every reminder says: which round or report, by when, and a link."""
    from django.utils import formats
    from django.utils.dateparse import parse_date

    from .models import Report

    due = parse_date(ids["due"])
    context = {
        "due": formats.date_format(due, "SHORT_DATE_FORMAT"),
        "days": ids.get("days"),
        "asked": bool(ids.get("asked")),
    }
    if "report" in ids:
        report = Report.objects.select_related(
            "application__round__municipality", "application__community"
        ).get(pk=ids["report"])
        application = report.application
        context.update(
            report=report,
            application=application,
            round=application.round,
            url=lambda: municipality_url(
                application.round.municipality,
                reverse(
                    "grants:report",
                    args=[application.round.slug, application.pk, report.pk],
                ),
            ),
        )
    else:
        round_ = _round(ids["round"])
        context.update(round=round_, url=lambda: round_url(round_))
    return context


def _reminder_kind(code, label, audience, template):
    register(
        Kind(
            code=code,
            label=label,
            audience=audience,
            template=template,
            context=_reminder_context,
        )
    )


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


def _admins_of(community_ids):
    rows = Membership.objects.filter(
        community_id__in=community_ids,
        status=Membership.Status.ACTIVE,
        role__in=Membership.ADMIN_ROLES,
        user__is_active=True,
    ).select_related("user")
    people = {}
    for membership in rows:
        people.setdefault(membership.user_id, membership.user)
    return list(people.values())


def _open_round_deadlines(today):
    from .models import Round

    for round_ in Round.objects.filter(status=Round.Status.OPEN, deadline__date__gte=today):
        yield timezone.localtime(round_.deadline).date(), round_


def _seminars(today):
    from .models import Round

    for round_ in Round.objects.filter(status=Round.Status.OPEN, seminar_on__gte=today):
        yield round_.seminar_on, round_


def _communities_with_drafts(round_, due):
    """Leaders and board of communities with a draft; then, once each, those of communities
    that asked to be reminded (``asked`` in the email: they have no draft yet)."""
    from .models import Application

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
    from .models import Round

    for round_ in Round.objects.filter(
        status=Round.Status.EVALUATION, evaluation_deadline__gte=today
    ):
        yield round_.evaluation_deadline, round_


def _evaluators(round_, due):
    people = [a.user for a in round_.assignments.select_related("user") if a.user.is_active]
    if people:
        yield Occasion(round_.municipality, f"round-{round_.pk}", {"round": round_.pk}, people)


def _report_dues(today):
    from .models import Report

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
    from .models import Report

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


# --- each person of a decision (issue 26) ------------------------------------------------------

APPLICATION_STOPPED = "grant-application-stopped"
QUESTION_ASKED = "grant-question-asked"
QUESTION_ANSWERED = "grant-question-answered"
REPORT_REVIEWED = "grant-report-reviewed"

register(
    Kind(
        code=APPLICATION_STOPPED,
        label=_("Our grant application is found not eligible, or our idea is not shortlisted"),
        audience=_("leaders and board of the applying community"),
        template="grants/emails/application_stopped",
        recipients=_community_admins,
        context=_application_context,
    )
)


def tell_stopped(application):
    """Not eligible (told at once, with the reason) or not shortlisted (told when the
    shortlisted ideas are invited): the application goes no further. Both are final, so
    the application and its new status name the occasion."""
    notify(
        APPLICATION_STOPPED,
        occasion=f"{application.pk}:{application.status}",
        municipality=application.round.municipality,
        ids={"application": application.pk},
    )


def _question(pk):
    from .models import Question

    return Question.objects.select_related("round__municipality", "round__created_by").get(pk=pk)


def _staff_for_the_question(question):
    """The staff member who created the round; the municipality's staff when they are no
    longer staff of it."""
    question = _question(question)
    municipality = question.round.municipality
    staff = get_user_model().objects.filter(is_active=True, staff_roles__municipality=municipality)
    author = staff.filter(pk=question.round.created_by_id)
    return author if author.exists() else staff.distinct()


def _asker(question):
    return get_user_model().objects.filter(is_active=True, pk=_question(question).asked_by_id)


def _question_context(question):
    question = _question(question)
    round_ = question.round
    return {
        "question": question,
        "round": round_,
        "url": lambda: municipality_url(
            round_.municipality, reverse("grants:question-list", args=[round_.slug])
        ),
        "round_url": lambda: round_url(round_) + "#my-questions-heading",
    }


register(
    Kind(
        code=QUESTION_ASKED,
        label=_("A question about a grant round waits for an answer"),
        audience=_("the staff member who created the round (or the municipality's staff)"),
        template="grants/emails/question_asked",
        recipients=_staff_for_the_question,
        context=_question_context,
    )
)
register(
    Kind(
        code=QUESTION_ANSWERED,
        label=_("The municipality answered my question about a grant round"),
        audience=_("the person who asked"),
        template="grants/emails/question_answered",
        recipients=_asker,
        context=_question_context,
    )
)


def tell_question_asked(question):
    notify(
        QUESTION_ASKED,
        occasion=question.pk,
        municipality=question.round.municipality,
        ids={"question": question.pk},
    )


def tell_question_answered(question):
    """Each different answer once: saving the same answer again sends nothing."""
    import hashlib

    digest = hashlib.sha256(question.answer.encode()).hexdigest()[:16]
    notify(
        QUESTION_ANSWERED,
        occasion=f"{question.pk}:{digest}",
        municipality=question.round.municipality,
        ids={"question": question.pk},
    )


def _report_admins(report, change=None):
    from .models import Report

    return _community_admins(Report.objects.values_list("application_id", flat=True).get(pk=report))


def _report_context(report, change):
    from .models import Report

    report = Report.objects.select_related(
        "application__round__municipality", "application__community"
    ).get(pk=report)
    application = report.application
    reason = report.status_changes.filter(pk=change).values_list("reason", flat=True).first()
    return {
        "report": report,
        "application": application,
        "round": application.round,
        "reason": reason or "",
        "url": lambda: municipality_url(
            application.round.municipality,
            reverse("grants:report", args=[application.round.slug, application.pk, report.pk]),
        ),
    }


register(
    Kind(
        code=REPORT_REVIEWED,
        label=_("The municipality accepted or returned a report of our project"),
        audience=_("leaders and board of the awarded community"),
        template="grants/emails/report_reviewed",
        recipients=_report_admins,
        context=_report_context,
    )
)


def tell_report_reviewed(report, change):
    notify(
        REPORT_REVIEWED,
        occasion=change.pk,
        municipality=report.application.round.municipality,
        ids={"report": report.pk, "change": change.pk},
    )


# --- an annual subsidy's spending report, accepted or returned --------------------------------

SPENDING_REVIEWED = "subsidy-spending-reviewed"


def _spending_admins(report, change=None):
    from .models import SpendingReport

    community = SpendingReport.objects.values_list("award__community_id", flat=True).get(pk=report)
    return _admins_of([community])


def _spending_context(report, change):
    from .models import SpendingReport

    report = SpendingReport.objects.select_related(
        "award__tier__programme", "award__community__municipality"
    ).get(pk=report)
    award = report.award
    row = report.changes.filter(pk=change).values("reason", "to_status").first() or {}
    return {
        "report": report,
        "award": award,
        "tier": award.tier,
        "community": award.community,
        "accepted": row.get("to_status") == report.Status.ACCEPTED,
        "reason": row.get("reason", ""),
        "url": lambda: municipality_url(
            award.community.municipality, reverse("grants:spending-report", args=[award.pk])
        ),
    }


register(
    Kind(
        code=SPENDING_REVIEWED,
        label=_("The municipality accepted or returned our report on spending a subsidy"),
        audience=_("leaders and board of the community awarded the subsidy"),
        template="grants/emails/spending_reviewed",
        recipients=_spending_admins,
        context=_spending_context,
    )
)


def tell_spending_reviewed(report, change):
    notify(
        SPENDING_REVIEWED,
        occasion=change.pk,
        municipality=report.award.community.municipality,
        ids={"report": report.pk, "change": change.pk},
    )


# --- the full stage's deadline (the kit's sweep) ---------------------------------------------

FULL_STAGE_REMINDER = "grant-full-stage-reminder"

_reminder_kind(
    FULL_STAGE_REMINDER,
    _("The deadline of the full application our idea is invited to"),
    _("leaders and board of communities whose idea is invited and not yet submitted in full"),
    "grants/emails/full_stage_reminder",
)


def _full_stage_deadlines(today):
    from .models import Round

    for round_ in Round.objects.filter(
        status=Round.Status.FULL_STAGE, full_deadline__date__gte=today
    ).select_related("municipality"):
        yield timezone.localtime(round_.full_deadline).date(), round_


def _invited_communities(round_, due):
    """Leaders and board of the invited ideas whose full application is not submitted yet."""
    from .models import Application

    invited = Application.objects.filter(round=round_, status=Application.Status.INVITED)
    people = _admins_of(invited.values("community_id"))
    if people:
        yield Occasion(round_.municipality, f"round-{round_.pk}", {"round": round_.pk}, people)


register_deadline(
    Deadline(
        code="grant-full-stage",
        kind=FULL_STAGE_REMINDER,
        dues=_full_stage_deadlines,
        occasions=_invited_communities,
        days_before=(7, 2),
        working_days=False,
        label=_("deadline of the full applications of a two-stage round"),
    )
)
