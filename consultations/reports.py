"""The consultation's public feedback report as a PDF, made by the worker through the kit.

``feedback_data(consultation)`` is everything the PDF shows, as plain JSON taken in the
request (dates already written the Latvian way); ``request_feedback_report`` asks the kit
(``portal/reports.py``) for the report of that data, so asking again while nothing changed
finds the same file. Completing the consultation and correcting an answer afterwards ask for
it at once, so it is usually ready when the first reader opens it. Public like the feedback
page: whoever may see the consultation may ask for it and download it.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.dates import short_date
from portal.reports import ReportKind, register_report, request_report

from .feedback import figures
from .models import Consultation

FEEDBACK_REPORT = "consultation-feedback"


def _consultation_of(report):
    return Consultation.objects.get(
        pk=report.data["consultation_id"], municipality=report.municipality
    )


def _filename(data):
    return f"{data['slug']}-feedback"


register_report(
    ReportKind(
        code=FEEDBACK_REPORT,
        label=_("Feedback report"),
        template="consultations/pdf/feedback_report.html",
        permission="consultations.view_consultation",
        subject=_consultation_of,
        filename=_filename,
    )
)


def _day(value):
    return short_date(value)


def _answer(answer):
    if answer is None:
        return None
    return {
        "status": str(answer.get_status_display()),
        "explanation": answer.explanation,
        "corrected_on": _day(answer.corrected_at),
        "correction_reason": answer.correction_reason if answer.corrected_at else "",
    }


def feedback_data(consultation):
    """The plain data the feedback report shows (its content key is the hash of this)."""
    with translation.override("lv"):
        summary = figures(consultation.submissions.all())
        joint, individual = [], []
        for submission in consultation.submissions.for_feedback():
            item = {"text": submission.text, "answer": _answer(submission.answer)}
            if submission.community_id:
                joint.append({"community": submission.community.name, **item})
            else:
                shown = submission.show_name and submission.author and submission.author.full_name
                individual.append({"name": shown or "", "number": submission.pk, **item})
        return {
            "consultation_id": consultation.pk,
            "slug": consultation.slug,
            "municipality": consultation.municipality.name,
            "title": consultation.title,
            "kind": str(consultation.get_kind_display()),
            "opens_on": _day(consultation.opens_on),
            "closes_on": _day(consultation.closes_on),
            "figures": {
                "total": summary.total,
                "joint": summary.joint,
                "answered": summary.answered,
                "late": summary.late,
                "median_days": summary.median_days,
                "by_status": [[str(label), count] for label, count in summary.by_status],
            },
            "joint": joint,
            "individual": individual,
        }


def request_feedback_report(*, actor, consultation):
    """Ask for the consultation's feedback report: the existing file, or one made anew."""
    return request_report(
        FEEDBACK_REPORT,
        actor=actor if actor and actor.is_authenticated else None,
        municipality=consultation.municipality,
        subject=f"consultation:{consultation.pk}",
        data=feedback_data(consultation),
        language="lv",
    )
