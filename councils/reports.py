"""The minutes of a meeting as a PDF, rendered by the worker with the kit's ``render_pdf``."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.pdf import render_pdf

from .models import Meeting


def minutes_context(meeting):
    items = meeting.items.select_related("consultation", "recommendation__answer")
    return {
        "meeting": meeting,
        "council": meeting.council,
        "municipality": meeting.council.municipality,
        "items": items,
        "present": meeting.attendance.filter(attends=True).select_related("member"),
        "rendered_at": timezone.now(),
    }


def store_minutes(meeting_id):
    """Render the minutes in the municipality's language (Latvian) and store them."""
    meeting = Meeting.objects.select_related("council__municipality").get(pk=meeting_id)
    pdf = render_pdf("councils/pdf/minutes.html", minutes_context(meeting), settings.LANGUAGE_CODE)
    old = meeting.minutes_pdf.name
    meeting.minutes_pdf.save("minutes.pdf", ContentFile(pdf), save=False)
    Meeting.objects.filter(pk=meeting.pk).update(minutes_pdf=meeting.minutes_pdf.name)
    if old:
        meeting.minutes_pdf.storage.delete(old)
    return meeting.minutes_pdf.name
