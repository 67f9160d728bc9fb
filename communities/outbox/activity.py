"""The activity record of the past year locks: its leaders are reminded (a deadline of the
kit's sweep)."""

import datetime

from django.utils.translation import gettext_lazy as _

from portal.models import Municipality
from portal.outbox import Deadline, Kind, Occasion, register, register_deadline

from ..models import Community, Membership
from .base import _page_url

ACTIVITY_RECORD_REMINDER = "activity-record-reminder"


# The activity record of the past year locks: its leaders are reminded -----------------


def _reminder_context(community, year, due, days):
    community = Community.objects.select_related("municipality").get(pk=community)
    return {
        "community": community,
        "year": year,
        "due": datetime.date.fromisoformat(due),
        "days": days,
        "url": _page_url(community),
    }


register(
    Kind(
        code=ACTIVITY_RECORD_REMINDER,
        label=_("Reminder to complete last year's activity record before it locks"),
        audience=_("leaders of the community"),
        template="communities/emails/activity_record_reminder",
        # No recipients(): the reminder sweep writes it with the leaders it found.
        context=_reminder_context,
    )
)


def _lock_dates(today):
    """Each municipality's next lock date (today or later) of an activity record."""
    for municipality in Municipality.objects.all():
        due = municipality.activity_record_lock_date(today.year - 1)
        if due < today:
            due = municipality.activity_record_lock_date(today.year)
        yield due, municipality


def _communities_with_leaders(municipality, due):
    leaders = (
        Membership.objects.active()
        .filter(
            role=Membership.Role.LEADER,
            user__is_active=True,
            community__municipality=municipality,
            community__status__in=Community.WORKING_STATUSES,
        )
        .select_related("user")
        .order_by("community_id", "pk")
    )
    by_community = {}
    for membership in leaders:
        by_community.setdefault(membership.community_id, []).append(membership.user)
    year = due.year - 1
    for community_id, people in by_community.items():
        yield Occasion(
            municipality=municipality,
            occasion=f"{community_id}:{year}",
            ids={"community": community_id, "year": year},
            recipients=people,
        )


register_deadline(
    Deadline(
        code="activity-record-locks",
        kind=ACTIVITY_RECORD_REMINDER,
        label=_("The activity record of the past year locks"),
        dues=_lock_dates,
        occasions=_communities_with_leaders,
        days_before=(10, 2),
        working_days=True,
    )
)
