"""The feedback report as a PDF, rendered by the worker with the kit's ``render_pdf``."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.pdf import render_pdf

from .feedback import figures
from .models import Consultation


def feedback_context(consultation):
    submissions = consultation.submissions.for_feedback()
    return {
        "consultation": consultation,
        "municipality": consultation.municipality,
        "figures": figures(consultation.submissions.all()),
        "joint": [s for s in submissions if s.community_id],
        "individual": [s for s in submissions if not s.community_id],
        "rendered_at": timezone.now(),
    }


def store_feedback_report(consultation_id):
    """Render the report in the municipality's language (Latvian) and store it."""
    consultation = Consultation.objects.select_related("municipality").get(pk=consultation_id)
    pdf = render_pdf(
        "consultations/pdf/feedback_report.html",
        feedback_context(consultation),
        settings.LANGUAGE_CODE,
    )
    old = consultation.feedback_report.name
    consultation.feedback_report.save("report.pdf", ContentFile(pdf), save=False)
    Consultation.objects.filter(pk=consultation.pk).update(
        feedback_report=consultation.feedback_report.name, feedback_report_at=timezone.now()
    )
    if old:
        consultation.feedback_report.storage.delete(old)
    return consultation.feedback_report.name
