"""The minutes of a meeting as a PDF, made by the worker through the reports kit.

``minutes_data(meeting)`` is everything the PDF shows, as plain JSON taken in the request (the
time already written the Latvian way); the meeting's page links to it once the minutes are
published, and publishing asks for it at once so it is usually ready. Public like the
meeting: whoever may see the meeting (``councils.view_meeting``) may ask for it and download
it; asking again while nothing changed finds the same file (``portal/reports.py``).
"""

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.dates import short_datetime
from portal.reports import ReportKind, register_report, request_report

from .models import Meeting

MINUTES = "council-meeting-minutes"


def _meeting_of(report):
    return Meeting.objects.select_related("council").get(
        pk=report.data["meeting_id"], council__municipality=report.municipality
    )


def _filename(data):
    return f"{data['council_slug']}-{data['date']}-minutes"


register_report(
    ReportKind(
        code=MINUTES,
        label=_("Minutes"),
        template="councils/pdf/minutes.html",
        permission="councils.view_meeting",
        subject=_meeting_of,
        filename=_filename,
    )
)


def minutes_data(meeting):
    """The plain data the minutes show (its content key is the hash of this)."""
    council = meeting.council
    starts_at = timezone.localtime(meeting.starts_at)
    with translation.override("lv"):
        items = []
        for item in meeting.items.select_related("recommendation").order_by("number", "pk"):
            recommendation = getattr(item, "recommendation", None)
            items.append(
                {
                    "number": item.number,
                    "title": item.title,
                    "recommendation": {
                        "text": recommendation.text,
                        "voted": recommendation.voted,
                        "for": recommendation.votes_for,
                        "against": recommendation.votes_against,
                        "abstained": recommendation.abstentions,
                    }
                    if recommendation
                    else None,
                }
            )
        present = [
            row.member.full_name or row.member.email
            for row in meeting.attendance.filter(
                **({"present": True} if meeting.presence_recorded_at else {"attends": True})
            )
            .select_related("member")
            .order_by("member__full_name", "member__email", "pk")
        ]
        return {
            "meeting_id": meeting.pk,
            "council_slug": council.slug,
            "municipality": council.municipality.name,
            "council": council.name,
            "date": starts_at.date().isoformat(),
            "starts_at": short_datetime(starts_at),
            "place": meeting.place,
            "present": present,
            "minutes": meeting.minutes,
            "items": items,
        }


def request_minutes(*, actor, meeting):
    """Ask for the meeting's minutes as a PDF: the existing file, or one made anew."""
    return request_report(
        MINUTES,
        actor=actor if actor and actor.is_authenticated else None,
        municipality=meeting.council.municipality,
        subject=f"meeting:{meeting.pk}",
        data=minutes_data(meeting),
        language="lv",
    )
