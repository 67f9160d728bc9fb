"""Every kind of message about consultations, and the deadlines consultations know.

Invitations and answers are written by the services; the reminders about answers due,
answers overdue and the feedback report of a planning document come from the kit's sweep.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.links import municipality_url
from portal.outbox import Deadline, Kind, Occasion, register, register_deadline
from portal.workdays import add_working_days

from .models import Consultation, Submission

INVITATION = "consultation-invitation"
ANSWER_GIVEN = "consultation-answer-given"
ANSWER_EXTENDED = "consultation-answer-extended"
ANSWERS_DUE = "consultation-answers-due"
FEEDBACK_REPORT_DUE = "consultation-feedback-report-due"


def _consultation(pk):
    return Consultation.objects.select_related("municipality").get(pk=pk)


def _url(consultation, name="consultation-detail", **kwargs):
    path = reverse(f"consultations:{name}", kwargs={"slug": consultation.slug, **kwargs})
    return municipality_url(consultation.municipality, path)


def _invitation_context(consultation):
    consultation = _consultation(consultation)
    return {
        "consultation": consultation,
        "url": _url(consultation),
        "following_url": municipality_url(
            consultation.municipality, reverse("consultations:following")
        ),
    }


register(
    Kind(
        code=INVITATION,
        label=_("Invitations to consultations about your neighbourhood"),
        audience=_(
            "leaders and board of the communities of the affected neighbourhoods, and residents "
            "who follow them"
        ),
        template="consultations/emails/invitation",
        # No recipients(): the service names the invited people when it publishes.
        context=_invitation_context,
    )
)


def _submitter(submission):
    return get_user_model().objects.filter(is_active=True, consultation_submissions__pk=submission)


def _answer_context(submission):
    submission = Submission.objects.select_related(
        "consultation__municipality", "answer", "community"
    ).get(pk=submission)
    return {
        "submission": submission,
        "consultation": submission.consultation,
        "answer": submission.answer,
        "url": _url(submission.consultation, "submission-detail", pk=submission.pk),
    }


register(
    Kind(
        code=ANSWER_GIVEN,
        label=_("The municipality answered your submission"),
        audience=_("the person who submitted it"),
        template="consultations/emails/answer_given",
        recipients=_submitter,
        context=_answer_context,
    )
)


def _extension_context(submission):
    submission = Submission.objects.select_related("consultation__municipality").get(pk=submission)
    return {
        "submission": submission,
        "consultation": submission.consultation,
        "url": _url(submission.consultation, "submission-detail", pk=submission.pk),
    }


register(
    Kind(
        code=ANSWER_EXTENDED,
        label=_("The answer to your submission takes longer: its new date"),
        audience=_("the person who submitted it"),
        template="consultations/emails/answer_extended",
        recipients=_submitter,
        context=_extension_context,
    )
)


def _reminder_context(consultation, due, days, stage="before"):
    consultation = _consultation(consultation)
    return {
        "consultation": consultation,
        "due": datetime.date.fromisoformat(due),
        "days": days,
        "stage": stage,
        "waiting": consultation.submissions.unanswered().count(),
        "url": _url(consultation, "submission-list"),
    }


register(
    Kind(
        code=ANSWERS_DUE,
        label=_("Reminder: answers to a consultation's submissions are due or overdue"),
        audience=_("the staff member responsible for the consultation"),
        template="consultations/emails/answers_due",
        context=_reminder_context,
    )
)


def _report_context(consultation, due, days):
    consultation = _consultation(consultation)
    return {
        "consultation": consultation,
        "due": datetime.date.fromisoformat(due),
        "days": days,
        "url": _url(consultation, "feedback"),
    }


register(
    Kind(
        code=FEEDBACK_REPORT_DUE,
        label=_("Reminder: the feedback report of a development-planning document is due"),
        audience=_("the staff member responsible for the consultation"),
        template="consultations/emails/feedback_report_due",
        context=_report_context,
    )
)


def _responsible(consultation):
    """The staff member responsible; the municipality's staff when nobody is named."""
    users = get_user_model().objects.filter(is_active=True)
    if consultation.responsible_id:
        return users.filter(pk=consultation.responsible_id)
    return users.filter(staff_roles__municipality_id=consultation.municipality_id).distinct()


def _due_dates(today):
    """(effective due date, consultation) of every published consultation with submissions
    still unanswered whose due date is today or ahead: extensions make dates of their own."""
    waiting = (
        Submission.objects.unanswered()
        .filter(consultation__status=Consultation.Status.PUBLISHED)
        .filter(
            Q(extended_until__gte=today)
            | Q(extended_until__isnull=True, consultation__response_due_on__gte=today)
        )
        .values_list("consultation_id", "extended_until", "consultation__response_due_on")
        .distinct()
    )
    pairs = {(extended or due, pk) for pk, extended, due in waiting}
    consultations = Consultation.objects.select_related("municipality").in_bulk(
        {pk for _due, pk in pairs}
    )
    for due, pk in sorted(pairs):
        yield due, consultations[pk]


def _overdue_dates(today):
    """After the deadline: a reminder on the first and the fifth working day after it (the
    kit's sweep counts back from the fifth)."""
    waiting = (
        Submission.objects.unanswered()
        .filter(consultation__status=Consultation.Status.PUBLISHED)
        .values_list("consultation_id", "extended_until", "consultation__response_due_on")
        .distinct()
    )
    pairs = set()
    for pk, extended, due in waiting:
        due = extended or due
        if due is None or due >= today:
            continue
        after = add_working_days(due, OVERDUE_AFTER)
        if after >= today:
            pairs.add((after, pk))
    consultations = Consultation.objects.select_related("municipality").in_bulk(
        {pk for _due, pk in pairs}
    )
    for due, pk in sorted(pairs):
        yield due, consultations[pk]


OVERDUE_AFTER = 5


def _to_responsible(stage):
    def occasions(consultation, due):
        yield Occasion(
            municipality=consultation.municipality,
            occasion=f"{stage}:{consultation.pk}",
            ids={"consultation": consultation.pk, "stage": stage},
            recipients=_responsible(consultation),
        )

    return occasions


register_deadline(
    Deadline(
        code="consultation-answers-due",
        kind=ANSWERS_DUE,
        label=_("Answers to a consultation's submissions are due"),
        dues=_due_dates,
        occasions=_to_responsible("before"),
        days_before=(3, 1),
        working_days=True,
    )
)

register_deadline(
    Deadline(
        code="consultation-answers-overdue",
        kind=ANSWERS_DUE,
        label=_("Answers to a consultation's submissions are overdue"),
        dues=_overdue_dates,
        occasions=_to_responsible("after"),
        days_before=(OVERDUE_AFTER - 1, 0),
        working_days=True,
    )
)


def _report_dates(today):
    planning = Consultation.objects.filter(
        kind=Consultation.Kind.PLANNING, status=Consultation.Status.PUBLISHED
    ).select_related("municipality")
    earliest = today - datetime.timedelta(days=366)
    for consultation in planning.filter(closes_on__gte=earliest):
        due = consultation.feedback_report_due_on
        if due >= today:
            yield due, consultation


def _report_occasions(consultation, due):
    yield Occasion(
        municipality=consultation.municipality,
        occasion=str(consultation.pk),
        ids={"consultation": consultation.pk},
        recipients=_responsible(consultation),
    )


register_deadline(
    Deadline(
        code="consultation-feedback-report-due",
        kind=FEEDBACK_REPORT_DUE,
        label=_("The feedback report of a development-planning document is due"),
        dues=_report_dates,
        occasions=_report_occasions,
        days_before=(10, 2),
        working_days=True,
    )
)


# Problem reports ---------------------------------------------------------------------

PROBLEM_ROUTED = "problem-report-routed"
PROBLEM_ANSWERED = "problem-report-answered"


def _report_context(report):
    from .models import ProblemReport

    report = ProblemReport.objects.select_related("municipality").get(pk=report)
    return {
        "report": report,
        "url": municipality_url(report.municipality, report.get_absolute_url()),
    }


def _reporter(report):
    return get_user_model().objects.filter(is_active=True, problem_reports__pk=report)


register(
    Kind(
        code=PROBLEM_ROUTED,
        label=_("A problem report is given to you to handle"),
        audience=_("the staff member it is routed to"),
        template="consultations/emails/problem_routed",
        context=_report_context,
    )
)
register(
    Kind(
        code=PROBLEM_ANSWERED,
        label=_("The municipality answered your problem report"),
        audience=_("the person who reported it"),
        template="consultations/emails/problem_answered",
        recipients=_reporter,
        context=_report_context,
    )
)
