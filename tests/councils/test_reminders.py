"""Council reminders through the kit's sweep: members 3 days before a meeting, leaders of
verified communities 7 days before nominations close, staff when an answer is overdue."""

import datetime
import zoneinfo

import pytest

from councils.models import Recommendation
from portal.models import Notification
from portal.outbox.delivery import build_message
from portal.outbox.reminders import sweep
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.councils.factories import MeetingFactory, seat_for
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
RIGA = zoneinfo.ZoneInfo("Europe/Riga")


def _to(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


def test_sitting_members_are_reminded_three_days_before_a_meeting(council):
    starts = datetime.datetime(2026, 12, 10, 17, 0, tzinfo=RIGA)
    meeting = MeetingFactory(council=council, starts_at=starts)
    member, former = UserFactory(), UserFactory()
    seat_for(member, council, starts_on=D(2026, 1, 1), ends_on=D(2027, 12, 31))
    seat_for(former, council, starts_on=D(2024, 1, 1), ends_on=D(2026, 6, 30))
    assert sweep(D(2026, 12, 6)) == 0
    assert sweep(D(2026, 12, 7)) == 1
    assert sweep(D(2026, 12, 7)) == 0
    assert _to("council-meeting-soon") == {member.pk}
    message = build_message(Notification.objects.get(kind="council-meeting-soon"))
    assert meeting.council.name in message.subject and meeting.place in message.body


def test_leaders_hear_a_week_before_nominations_close(council, staff):
    community = CommunityFactory(status="active")
    leader = UserFactory()
    MembershipFactory(community=community, user=leader, role="leader")
    MembershipFactory(
        community=CommunityFactory(status="submitted"), user=UserFactory(), role="leader"
    )
    council.nomination_periods.create(opens_on=D(2026, 11, 1), closes_on=D(2026, 11, 30))
    assert sweep(D(2026, 11, 22)) == 0
    assert sweep(D(2026, 11, 23)) == 1
    assert _to("council-nominations-closing") == {leader.pk}


def test_staff_hear_when_an_answer_is_overdue(meeting, staff):
    item = meeting.items.create(number=1, title="Budžets")
    Recommendation.objects.create(item=item, text="Ieteikums.", answer_due_on=D(2026, 12, 2))
    assert sweep(D(2026, 12, 2)) == 0
    assert sweep(D(2026, 12, 3)) == 1
    assert sweep(D(2026, 12, 3)) == 0
    assert _to("council-answer-overdue") == {staff.pk}
