"""Every kind of message about councils, and the deadlines councils know.

The nominee hears of a nomination and its outcome, and the council's members of papers added
to an announced meeting (written by the services). The others
are reminders from the kit's sweep: members 3 days before a meeting, leaders of
verified communities 7 days before a nomination period closes, staff when the answer to a
council's recommendation is overdue.
"""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community, Membership
from portal.links import municipality_url
from portal.outbox import Deadline, Kind, Occasion, notify, register, register_deadline

from .models import Meeting, MeetingPaper, Nomination, NominationPeriod, Recommendation, Term

NOMINATED = "council-nominated"
MEETING_SOON = "council-meeting-soon"
NOMINATIONS_CLOSING = "council-nominations-closing"
ANSWER_OVERDUE = "council-answer-overdue"
PAPERS_ADDED = "council-papers-added"


def _nominee(nomination):
    return get_user_model().objects.filter(is_active=True, council_nominations__pk=nomination)


def _nomination_context(nomination):
    nomination = Nomination.objects.select_related(
        "period__council__municipality", "community"
    ).get(pk=nomination)
    council = nomination.period.council
    return {
        "nomination": nomination,
        "council": council,
        "url": lambda: (
            municipality_url(council.municipality, council.get_absolute_url()) + "#my-nominations"
        ),
    }


register(
    Kind(
        code=NOMINATED,
        label=_("I am nominated to a council, and what is decided about the nomination"),
        audience=_("the nominated member"),
        template="councils/emails/nomination",
        recipients=_nominee,
        context=_nomination_context,
    )
)


def tell_nominee(nomination, change):
    """Nominated (consent is asked on the council's page), appointed, or declined by staff;
    the history row of each names the occasion."""
    notify(
        NOMINATED,
        occasion=change.pk,
        municipality=nomination.period.council.municipality,
        ids={"nomination": nomination.pk},
    )


def _meeting_context(meeting, due, days):
    meeting = Meeting.objects.select_related("council__municipality").get(pk=meeting)
    return {
        "meeting": meeting,
        "council": meeting.council,
        "due": datetime.date.fromisoformat(due),
        "days": days,
        "url": municipality_url(meeting.council.municipality, meeting.get_absolute_url()),
    }


register(
    Kind(
        code=MEETING_SOON,
        label=_("Reminder: a meeting of your council"),
        audience=_("the council's sitting members"),
        template="councils/emails/meeting_soon",
        context=_meeting_context,
    )
)


def _meetings(today):
    upcoming = Meeting.objects.filter(
        status=Meeting.Status.PUBLISHED, starts_at__date__gte=today
    ).select_related("council__municipality")
    for meeting in upcoming:
        yield timezone.localtime(meeting.starts_at).date(), meeting


def _members(meeting, due):
    members = get_user_model().objects.filter(
        is_active=True,
        pk__in=Term.objects.sitting(due).filter(seat__council=meeting.council).values("member"),
    )
    yield Occasion(
        municipality=meeting.council.municipality,
        occasion=str(meeting.pk),
        ids={"meeting": meeting.pk},
        recipients=members,
    )


register_deadline(
    Deadline(
        code="council-meeting",
        kind=MEETING_SOON,
        label=_("A council meeting"),
        dues=_meetings,
        occasions=_members,
        days_before=(3,),
        working_days=False,
    )
)


def _papers_context(meeting, papers):
    meeting = Meeting.objects.select_related("council__municipality").get(pk=meeting)
    return {
        "meeting": meeting,
        "council": meeting.council,
        # The papers still there when the message goes out (one may be removed meanwhile).
        "papers": list(MeetingPaper.objects.filter(meeting=meeting, pk__in=papers)),
        "url": municipality_url(meeting.council.municipality, meeting.get_absolute_url())
        + "#papers",
    }


register(
    Kind(
        code=PAPERS_ADDED,
        label=_("New papers for a meeting of my council"),
        audience=_("the council's sitting members"),
        template="councils/emails/papers_added",
        context=_papers_context,
    )
)


def _period_context(period, due, days):
    period = NominationPeriod.objects.select_related("council__municipality").get(pk=period)
    council = period.council
    return {
        "period": period,
        "council": council,
        "due": datetime.date.fromisoformat(due),
        "days": days,
        "url": municipality_url(
            council.municipality, reverse("councils:nominate", kwargs={"slug": council.slug})
        ),
    }


register(
    Kind(
        code=NOMINATIONS_CLOSING,
        label=_("Reminder: nominations to a council close soon"),
        audience=_("leaders of verified communities of the municipality"),
        template="councils/emails/nominations_closing",
        context=_period_context,
    )
)


def _periods(today):
    periods = NominationPeriod.objects.filter(
        closes_on__gte=today, opens_on__lte=today + datetime.timedelta(days=7)
    ).select_related("council__municipality")
    for period in periods:
        yield period.closes_on, period


def _leaders(period, due):
    municipality = period.council.municipality
    leaders = (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Membership.Role.LEADER,
            memberships__status=Membership.Status.ACTIVE,
            memberships__community__municipality=municipality,
            memberships__community__status__in=Community.WORKING_STATUSES,
        )
        .distinct()
    )
    yield Occasion(
        municipality=municipality,
        occasion=str(period.pk),
        ids={"period": period.pk},
        recipients=leaders,
    )


register_deadline(
    Deadline(
        code="council-nominations-closing",
        kind=NOMINATIONS_CLOSING,
        label=_("Nominations to a council close"),
        dues=_periods,
        occasions=_leaders,
        days_before=(7,),
        working_days=False,
    )
)


def _answer_context(recommendation, due, days):
    recommendation = Recommendation.objects.select_related(
        "item__meeting__council__municipality"
    ).get(pk=recommendation)
    council = recommendation.item.meeting.council
    return {
        "recommendation": recommendation,
        "council": council,
        "due": datetime.date.fromisoformat(due),
        "url": municipality_url(council.municipality, council.get_absolute_url()),
    }


register(
    Kind(
        code=ANSWER_OVERDUE,
        label=_("Reminder: the answer to a council's recommendation is overdue"),
        audience=_("the municipality's staff"),
        template="councils/emails/answer_overdue",
        context=_answer_context,
    )
)


def _overdue(today):
    """The day after the due date, for a recommendation still without an answer."""
    waiting = Recommendation.objects.filter(
        answer__isnull=True,
        answer_due_on__isnull=False,
        answer_due_on__gte=today - datetime.timedelta(days=1),
    ).select_related("item__meeting__council__municipality")
    for recommendation in waiting:
        yield recommendation.answer_due_on + datetime.timedelta(days=1), recommendation


def _staff(recommendation, due):
    council = recommendation.item.meeting.council
    yield Occasion(
        municipality=council.municipality,
        occasion=f"after:{recommendation.pk}",
        ids={"recommendation": recommendation.pk},
        recipients=get_user_model()
        .objects.filter(is_active=True, staff_roles__municipality_id=council.municipality_id)
        .distinct(),
    )


register_deadline(
    Deadline(
        code="council-answer-overdue",
        kind=ANSWER_OVERDUE,
        label=_("The answer to a council's recommendation is overdue"),
        dues=_overdue,
        occasions=_staff,
        days_before=(0,),
        working_days=False,
    )
)
