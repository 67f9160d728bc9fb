"""The participation index: every open opportunity of the municipality on one page, grouped
by neighbourhood or by audience, and the same as an iCalendar feed.

Each domain app offers its opportunities with one function (``portal.participation``);
add another app by naming its function in ``SOURCES``.
"""

import datetime
from collections import defaultdict

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from consultations import participation as consultations
from councils import participation as councils
from grants import participation as grants
from portal.links import municipality_url, national_host

# One function per app: (municipality, today) -> Iterable[portal.participation.Opportunity].
SOURCES = [consultations.opportunities, grants.opportunities, councils.opportunities]

SLUG = "--slug--"

AUDIENCES = {
    "residents": gettext_lazy("For residents"),
    "communities": gettext_lazy("For communities"),
    "ngos": gettext_lazy("For associations and NGOs"),
}


def open_opportunities(municipality, today=None):
    today = today or timezone.localdate()
    found = [item for source in SOURCES for item in source(municipality, today)]
    return sorted(found, key=lambda item: item.sort_key)


def by_neighbourhood(items):
    """``[(heading, territory or None, items)]``: the whole municipality first, then the
    neighbourhoods in Latvian order (``Territory.sort_name``, ``portal.text.sort_key``)."""
    whole, places, names = [], defaultdict(list), {}
    for item in items:
        if not item.territories:
            whole.append(item)
        for territory in item.territories:
            places[territory.pk].append(item)
            names[territory.pk] = territory
    groups = [(_("The whole municipality"), None, whole)] if whole else []
    link = reverse("territory-detail", kwargs={"slug": SLUG}) if places else ""
    for pk in sorted(places, key=lambda pk: names[pk].sort_name):
        territory = names[pk]
        territory.url = link.replace(SLUG, territory.slug)  # get_absolute_url, one reverse
        groups.append((territory.name, territory, places[pk]))
    return groups


def by_audience(items):
    groups = []
    for code, label in AUDIENCES.items():
        chosen = [item for item in items if code in item.audiences]
        if chosen:
            groups.append((str(label), None, chosen))
    return groups


class ParticipationView(TemplateView):
    template_name = "portal/participation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = open_opportunities(self.request.municipality)
        grouping = "audience" if self.request.GET.get("by") == "audience" else "neighbourhood"
        context.update(
            page_title=_("Take part"),
            page_description=_(
                "Every open consultation and event of %(name)s where residents and "
                "communities can take part, with the deadline and how to join in."
            )
            % {"name": self.request.municipality.genitive},
            grouping=grouping,
            groups=by_audience(items) if grouping == "audience" else by_neighbourhood(items),
            count=len(items),
        )
        return context


# iCalendar (RFC 5545) -----------------------------------------------------------------


def _escape(text):
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(items, *, name, host, url_for):
    """The feed's text: each deadline an all-day event, each event at its time."""
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Kopienu portals//participation//LV",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for item in items:
        lines += ["BEGIN:VEVENT", f"UID:{item.uid}@{host}", f"DTSTAMP:{stamp}"]
        if item.starts_at:
            lines.append(f"DTSTART:{_utc(item.starts_at)}")
            end = item.ends_at or item.starts_at + datetime.timedelta(hours=2)
            lines.append(f"DTEND:{_utc(end)}")
            summary = item.title
        else:
            lines.append(f"DTSTART;VALUE=DATE:{item.deadline.strftime('%Y%m%d')}")
            next_day = item.deadline + datetime.timedelta(days=1)
            lines.append(f"DTEND;VALUE=DATE:{next_day.strftime('%Y%m%d')}")
            summary = _("Deadline: %(title)s") % {"title": item.title}
        lines.append(f"SUMMARY:{_escape(summary)}")
        if item.how:
            lines.append(f"DESCRIPTION:{_escape(item.how)}")
        if item.place:
            lines.append(f"LOCATION:{_escape(item.place)}")
        if item.url:
            lines.append(f"URL:{url_for(item.url)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


class ParticipationCalendarView(View):
    """``participation.ics``: subscribe in a calendar app to get deadlines and events."""

    def get(self, request):
        municipality = request.municipality
        body = calendar(
            open_opportunities(municipality),
            name=_("Take part: %(name)s") % {"name": municipality.name},
            host=municipality.primary_host or national_host(),
            url_for=lambda path: municipality_url(municipality, path),
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="participation.ics"'
        return response
