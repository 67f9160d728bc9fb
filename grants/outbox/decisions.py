"""The messages that reach each person of a decision (issue 26): an application found not eligible
or an idea left out, a question asked and answered, a report accepted or returned."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.links import municipality_url
from portal.outbox import Kind, notify, register

from .base import _application_context, _community_admins, round_url

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
    from ..models import Question

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
    from ..models import Report

    return _community_admins(Report.objects.values_list("application_id", flat=True).get(pk=report))


def _report_context(report, change):
    from ..models import Report

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
