"""The councils' services: seats and terms, nominations, the notice rule, quorum, votes and
the municipality's answer (a ``consultations.Answer``)."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time

from consultations.models import Answer
from consultations.models.submissions import AnswerStatus
from councils.models import Council, Meeting, Nomination
from councils.roles import sitting_council_ids
from councils.services import councils, meetings, nominations, recommendations, terms
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.councils.factories import MeetingFactory, seat_for
from tests.portal.factories import NeighbourhoodFactory, UserFactory, default_municipality

pytestmark = pytest.mark.django_db
RIGA = zoneinfo.ZoneInfo("Europe/Riga")
EXPLANATION = "Pašvaldība pārbūvēs gājēju pāreju pie skolas nākamā gada budžetā, kā ieteikts."


def test_a_council_gets_its_seats_and_settings(staff):
    council = councils.create_council(
        actor=staff,
        municipality=default_municipality(),
        kind=Council.Kind.ADVISORY,
        name="NVO konsultatīvā padome",
        remit="Konsultē.",
        seats=7,
        community_seats=3,
        term_years=2,
        quorum=Council.Quorum.TWO_THIRDS,
    )
    assert council.seats.count() == 7
    assert council.seats.filter(for_community=True).count() == 3
    assert council.min_candidate_age == 16 and council.term_years == 2
    assert council.quorum_needed(7) == 5
    assert council.changes.get().to_status == Council.Status.ACTIVE


def test_a_residents_council_needs_a_territory(staff):
    with pytest.raises(ValidationError):
        councils.create_council(
            actor=staff,
            municipality=default_municipality(),
            kind=Council.Kind.RESIDENTS,
            name="Apkaimes padome",
            remit="Apkaime.",
            seats=5,
        )
    area = NeighbourhoodFactory()
    council = councils.create_council(
        actor=staff,
        municipality=default_municipality(),
        kind=Council.Kind.RESIDENTS,
        name="Apkaimes padome",
        remit="Apkaime.",
        seats=5,
        territory=area,
    )
    assert council.territory == area


@pytest.mark.parametrize(
    ("rule", "seats", "needed"),
    [("majority", 5, 3), ("majority", 6, 4), ("two_thirds", 6, 4), ("two_thirds", 7, 5)],
)
def test_quorum_rule(rule, seats, needed):
    assert Council(quorum=rule).quorum_needed(seats) == needed


def test_nomination_consent_and_appointment(council, staff):
    community = CommunityFactory(status="active")
    leader, nominee = UserFactory(), UserFactory()
    MembershipFactory(community=community, user=leader, role="leader")
    MembershipFactory(community=community, user=nominee)
    today = timezone.localdate()
    period = nominations.open_nominations(
        actor=staff, council=council, opens_on=today, closes_on=today + datetime.timedelta(7)
    )
    with pytest.raises(ValidationError):  # not a member of the community
        nominations.nominate(
            actor=leader, period=period, community=community, nominee=UserFactory(), motivation="x"
        )
    nomination = nominations.nominate(
        actor=leader, period=period, community=community, nominee=nominee, motivation="Aktīva."
    )
    with pytest.raises(ValidationError):  # no consent yet
        nominations.appoint(actor=staff, nomination=nomination)
    with pytest.raises(ValidationError):  # only the nominee consents
        nominations.consent_to_nomination(actor=leader, nomination=nomination)
    nominations.consent_to_nomination(actor=nominee, nomination=nomination)
    term = nominations.appoint(actor=staff, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.APPOINTED
    assert term.seat.for_community and term.community == community
    assert term.ends_on == today.replace(year=today.year + 4) - datetime.timedelta(days=1)
    assert council.pk in sitting_council_ids(nominee)
    assert council.changes.filter(event="seat_filled").exists()


def test_an_unverified_community_does_not_nominate(council, staff):
    community = CommunityFactory(status="submitted")
    nominee = UserFactory()
    MembershipFactory(community=community, user=nominee)
    today = timezone.localdate()
    period = nominations.open_nominations(
        actor=staff, council=council, opens_on=today, closes_on=today
    )
    with pytest.raises(ValidationError):
        nominations.nominate(
            actor=nominee, period=period, community=community, nominee=nominee, motivation="x"
        )


def test_a_term_ends_and_the_seat_with_it(council, staff):
    member = UserFactory()
    term = seat_for(member, council)
    assert council.pk in sitting_council_ids(member)
    terms.end_term(
        actor=staff, term=term, ends_on=timezone.localdate() - datetime.timedelta(1), reason="x"
    )
    assert council.pk not in sitting_council_ids(member)


def test_a_seat_is_not_given_twice(council, staff):
    seat = council.seats.first()
    day = timezone.localdate()
    terms.fill_seat(actor=staff, seat=seat, member=UserFactory(), starts_on=day)
    with pytest.raises(ValidationError):
        terms.fill_seat(actor=staff, seat=seat, member=UserFactory(), starts_on=day)


# The notice: 3 working days before, Latvian public holidays skipped. --------------------


def _meeting_on(council, day):
    starts = datetime.datetime.combine(day, datetime.time(17, 0), tzinfo=RIGA)
    return MeetingFactory(council=council, starts_at=starts, status=Meeting.Status.DRAFT)


def test_three_working_days_notice_skips_a_holiday(council, staff):
    # Monday 23 November 2026; Wednesday 18 November is Proclamation Day.
    meeting = _meeting_on(council, datetime.date(2026, 11, 23))
    assert meetings.latest_notice_date(meeting) == datetime.date(2026, 11, 17)
    with freeze_time("2026-11-18 09:00"):  # would be in time without the holiday
        assert meetings.is_late(meeting)
        with pytest.raises(ValidationError) as refused:
            meetings.publish_meeting(actor=staff, meeting=meeting)
        assert "late_reason" in refused.value.message_dict
        meetings.publish_meeting(actor=staff, meeting=meeting, late_reason="Steidzams jautājums.")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert meeting.late_reason == "Steidzams jautājums."
    assert meeting.changes.last().reason == "Steidzams jautājums."


def test_in_time_no_reason_is_asked(council, staff):
    meeting = _meeting_on(council, datetime.date(2026, 11, 23))
    with freeze_time("2026-11-17 09:00"):
        meetings.publish_meeting(actor=staff, meeting=meeting, late_reason="ignored")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED and meeting.late_reason == ""


# Attendance, votes and quorum -----------------------------------------------------------


def test_quorum_expected_from_confirmed_sitting_members(meeting):
    council = meeting.council  # 5 seats: 3 needed
    members = [UserFactory() for _ in range(4)]
    for member in members:
        seat_for(member, council)
    former = UserFactory()
    seat_for(
        former,
        council,
        starts_on=timezone.localdate() - datetime.timedelta(400),
        ends_on=timezone.localdate() - datetime.timedelta(1),
    )
    meetings.confirm_attendance(actor=former, meeting=meeting, attends=True)
    meetings.confirm_attendance(actor=members[0], meeting=meeting, attends=True)
    meetings.confirm_attendance(actor=members[1], meeting=meeting, attends=True)
    meetings.confirm_attendance(actor=members[2], meeting=meeting, attends=False)
    assert meetings.quorum(meeting) == {
        "members": 4,
        "needed": 3,
        "coming": 2,
        "expected": False,
        "recorded": False,
        "present": None,
        "quorate": False,
    }
    meetings.confirm_attendance(actor=members[2], meeting=meeting, attends=True)
    assert meetings.quorum(meeting)["expected"]


def test_a_vote_counts_only_after_the_presence_is_recorded(meeting, staff):
    item = meetings.add_agenda_item(actor=staff, meeting=meeting, title="Budžets")
    with pytest.raises(ValidationError) as refused:
        recommendations.record_recommendation(
            actor=staff, item=item, text="Atbalstīt.", voted=True, votes_for=2
        )
    assert refused.value.error_dict["voted"][0].code == "no_presence"
    with pytest.raises(ValidationError) as early:  # before the meeting's day
        meetings.record_presence(actor=staff, meeting=meeting, present=[])
    assert early.value.code == "early"


def test_recommendations_are_answered_with_the_consultations_answer(meeting, staff):
    item = meetings.add_agenda_item(actor=staff, meeting=meeting, title="Budžets")
    recommendation = recommendations.record_recommendation(
        actor=staff, item=item, text="Ieteikums."
    )
    with pytest.raises(ValidationError):  # not before the minutes
        recommendations.answer_recommendation(
            actor=staff, recommendation=recommendation, status="accepted", explanation=EXPLANATION
        )
    with freeze_time("2026-11-17 09:00"):
        meetings.publish_minutes(actor=staff, meeting=meeting, minutes="Protokols.")
    recommendation.refresh_from_db()
    # 10 working days from 17 November 2026, skipping 18 November and two weekends
    assert recommendation.answer_due_on == datetime.date(2026, 12, 2)
    with pytest.raises(ValidationError) as refused:
        recommendations.answer_recommendation(
            actor=staff,
            recommendation=recommendation,
            status="accepted",
            explanation="Pieņemts zināšanai.",
        )
    assert refused.value.error_dict["explanation"][0].code == "boilerplate"
    answer = recommendations.answer_recommendation(
        actor=staff,
        recommendation=recommendation,
        status=AnswerStatus.PARTLY,
        explanation=EXPLANATION,
    )
    assert isinstance(answer, Answer) and answer.consultation is None
    recommendation.refresh_from_db()
    assert recommendation.answer == answer and not recommendation.is_overdue
    assert meeting.changes.filter(event="recommendation_answered").exists()


def test_a_nomination_is_declined_by_the_nominee_or_staff(council, staff):
    community = CommunityFactory(status="active")
    leader, nominee = UserFactory(), UserFactory()
    MembershipFactory(community=community, user=leader, role="leader")
    MembershipFactory(community=community, user=nominee)
    today = timezone.localdate()
    period = nominations.open_nominations(
        actor=staff, council=council, opens_on=today, closes_on=today
    )
    nomination = nominations.nominate(
        actor=leader, period=period, community=community, nominee=nominee, motivation="x"
    )
    with pytest.raises(ValidationError):
        nominations.decline_nomination(actor=leader, nomination=nomination)
    nominations.decline_nomination(actor=nominee, nomination=nomination)
    assert nomination.status == Nomination.Status.DECLINED
    with pytest.raises(ValidationError):  # nothing to appoint any more
        nominations.appoint(actor=staff, nomination=nomination)
