"""The community's annual activity report: the evidence pack for its subsidy tier.

Events with attendance, joint opinions and membership through one year, in Latvian, with
the municipality's name; made by the worker through the kit (``portal/reports.py``): leaders
and staff ask for it on the community page, and asking again for an unchanged year reuses
the file.
"""

import datetime

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.dates import short_date
from portal.reports import ReportKind, register_report, request_report

from .models import Community, Membership, MembershipChange

ANNUAL_ACTIVITY = "community-annual-activity"


def _community_of(report):
    return Community.objects.get(pk=report.data["community_id"], municipality=report.municipality)


def _filename(data):
    return f"{data['community_slug']}-{data['year']}-activity-report"


register_report(
    ReportKind(
        code=ANNUAL_ACTIVITY,
        label=_("Annual activity report"),
        template="communities/pdf/annual_report.html",
        permission="communities.request_activity_report",
        subject=_community_of,
        filename=_filename,
    )
)


def _day(value):
    return short_date(value)


def _membership_through(community, year):
    """Active members at the end of each month of ``year``, and who joined and left in it."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    history = {}
    changes = (
        MembershipChange.objects.filter(membership__community=community, at__date__lte=end)
        .order_by("at", "pk")
        .values_list("membership_id", "to_status", "at")
    )
    for membership_id, status, at in changes:
        history.setdefault(membership_id, []).append((at.date(), status))
    for membership_id, status, requested_at in community.memberships.values_list(
        "pk", "status", "requested_at"
    ):
        if membership_id not in history and requested_at.date() <= end:
            history[membership_id] = [(requested_at.date(), status)]

    def active_on(day):
        count = 0
        for steps in history.values():
            current = None
            for when, status in steps:
                if when <= day:
                    current = status
            count += current == Membership.Status.ACTIVE
        return count

    month_ends = [
        (datetime.date(year, month % 12 + 1, 1) if month < 12 else datetime.date(year + 1, 1, 1))
        - datetime.timedelta(days=1)
        for month in range(1, 13)
    ]
    joined = sum(
        1
        for steps in history.values()
        for when, status in steps
        if status == Membership.Status.ACTIVE and start <= when <= end
    )
    left = sum(
        1
        for steps in history.values()
        for when, status in steps
        if status == Membership.Status.LEFT and start <= when <= end
    )
    return {
        "at_start": active_on(start - datetime.timedelta(days=1)),
        "joined": joined,
        "left": left,
        "at_end": active_on(end),
        "months": [{"month": day.month, "members": active_on(day)} for day in month_ends],
    }


def annual_report_data(community, year):
    """The plain data the report shows (its content key is the hash of this)."""
    with translation.override("lv"):
        events = [
            {
                "date": _day(event.date),
                "title": event.title,
                "place": event.place,
                "kind": str(event.get_kind_display()),
                "attendance": event.attendance,
            }
            for event in community.events.recorded().filter(date__year=year).order_by("date", "pk")
        ]
        opinions = [
            {
                "sent_on": _day(opinion.sent_on),
                "title": opinion.title,
                "addressee": opinion.addressee,
            }
            for opinion in community.joint_opinions.recorded()
            .filter(sent_on__year=year)
            .order_by("sent_on", "pk")
        ]
        return {
            "community_id": community.pk,
            "community_slug": community.slug,
            "community": community.name,
            "municipality": community.municipality.name,
            "year": year,
            "events": events,
            "event_count": len(events),
            "attendance": sum(event["attendance"] or 0 for event in events),
            "opinions": opinions,
            "membership": _membership_through(community, year),
        }


def request_annual_report(*, actor, community, year):
    """Ask for the community's report of ``year``: the existing file, or one made anew."""
    return request_report(
        ANNUAL_ACTIVITY,
        actor=actor,
        municipality=community.municipality,
        subject=f"community:{community.pk}:{year}",
        data=annual_report_data(community, year),
        language="lv",
    )


def report_years(community, today=None):
    """The years a report can be asked for: this one and the four before it (activity is
    recorded for past years too), or back to the community's registration if earlier."""
    today = today or datetime.date.today()
    first = community.created_at.year if community.created_at else today.year
    return list(range(today.year, min(first, today.year - 4) - 1, -1))
