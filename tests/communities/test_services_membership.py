"""The community services: membership, the activity record and the emails they send."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from freezegun import freeze_time

from communities.forms.activity import EventForm, JointOpinionForm
from communities.models import Membership, MembershipChange
from communities.services.activity import record_event, record_joint_opinion
from communities.services.membership import (
    change_member_role,
    decide_membership,
    request_membership,
)
from communities.services.registration import RESERVED_SLUGS, create_community, submit_community
from communities.services.verification import activate_community, return_community, verify_community
from tests.communities.factories import RECENT, MembershipFactory
from tests.communities.forms import default_municipality
from tests.communities.service_helpers import (  # noqa: F401 - _english_messages is an autouse fixture
    NOW,
    Status,
    _english_messages,
    draft_with_leader,
    history,
    membership_history,
)
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


# Membership ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.VERIFIED, Status.ACTIVE])
def test_request_membership_waits_for_the_leaders(resident, status):
    community, _ = draft_with_leader(status=status)

    membership = request_membership(
        actor=resident, community=community, message="Dzīvoju Upes ielā."
    )

    membership.refresh_from_db()
    assert (membership.user, membership.status, membership.role, membership.message) == (
        resident,
        Membership.Status.PENDING,
        Membership.Role.MEMBER,
        "Dzīvoju Upes ielā.",
    )
    assert membership_history(membership) == [(resident, "", Membership.Status.PENDING)]


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.INACTIVE]
)
def test_request_membership_refused_when_the_community_takes_no_members(resident, status):
    community, _ = draft_with_leader(status=status)

    with pytest.raises(ValidationError) as error:
        request_membership(actor=resident, community=community)

    assert error.value.code == "wrong_status"
    assert not community.memberships.filter(user=resident).exists()


@pytest.mark.parametrize("existing", [Membership.Status.ACTIVE, Membership.Status.PENDING])
def test_a_second_request_is_refused(resident, existing):
    community, _ = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community, user=resident, status=existing)

    with pytest.raises(ValidationError) as error:
        request_membership(actor=resident, community=community, message="Vēlreiz")

    assert error.value.code == "duplicate"
    membership.refresh_from_db()
    assert membership.status == existing
    assert membership_history(membership) == []


@pytest.mark.parametrize("previous", [Membership.Status.DECLINED, Membership.Status.LEFT])
def test_a_declined_or_former_member_may_ask_again(resident, previous):
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(
        community=community,
        user=resident,
        status=previous,
        message="Pirmais lūgums",
        decided_by=leader,
        # A declined request may be repeated once 30 days have passed (test_spam_bounds.py).
        decided_at=timezone.now() - datetime.timedelta(days=31),
    )

    request_membership(actor=resident, community=community, message="Otrais lūgums")

    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING
    assert membership_history(membership) == [(resident, previous, Membership.Status.PENDING)]
    # The new request replaces the old one: its message, and no decision yet.
    assert membership.message == "Otrais lūgums"
    assert membership.decided_by is None
    assert membership.decided_at is None


@pytest.mark.parametrize(
    ("accept", "outcome"),
    [(True, Membership.Status.ACTIVE), (False, Membership.Status.DECLINED)],
)
def test_decide_membership_records_who_decided(resident, accept, outcome):
    community, leader = draft_with_leader(status=Status.ACTIVE)
    decided_at = NOW + datetime.timedelta(days=2)
    with freeze_time(NOW) as clock:
        membership = request_membership(actor=resident, community=community)
        clock.move_to(decided_at)
        decide_membership(actor=leader, membership=membership, accept=accept)

    membership.refresh_from_db()
    assert membership.status == outcome
    assert (membership.decided_by, membership.decided_at) == (leader, decided_at)
    assert membership_history(membership) == [
        (resident, "", Membership.Status.PENDING),
        (leader, Membership.Status.PENDING, outcome),
    ]


@pytest.mark.parametrize(("accept", "may_ask_again"), [(True, False), (False, True)])
def test_the_decision_changes_what_the_applicant_may_do(resident, accept, may_ask_again):
    community, leader = draft_with_leader(status=Status.ACTIVE)
    assert resident.has_perm("communities.join_community", community)
    membership = request_membership(actor=resident, community=community)

    decide_membership(actor=leader, membership=membership, accept=accept)

    fresh = type(resident).objects.get(pk=resident.pk)  # a new request, a new role cache
    assert fresh.has_perm("communities.join_community", community) is may_ask_again


@pytest.mark.parametrize(
    "status", [Membership.Status.ACTIVE, Membership.Status.DECLINED, Membership.Status.LEFT]
)
def test_a_decided_request_cannot_be_decided_again(status):
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community, status=status)

    with pytest.raises(ValidationError) as error:
        decide_membership(actor=leader, membership=membership, accept=True)

    assert error.value.code == "decided"
    membership.refresh_from_db()
    assert membership.status == status
    assert membership_history(membership) == []


def test_change_member_role_records_the_change():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community, role=Membership.Role.MEMBER)

    change_member_role(actor=leader, membership=membership, role=Membership.Role.BOARD)

    membership.refresh_from_db()
    assert membership.role == Membership.Role.BOARD
    change = MembershipChange.objects.get(membership=membership)
    assert (change.actor, change.from_status, change.to_status) == (
        leader,
        Membership.Status.ACTIVE,
        Membership.Status.ACTIVE,
    )
    # A code and the values, never a sentence: it is read in the reader's language.
    assert (change.event, change.data, change.reason) == (
        "role_changed",
        {"old": "member", "new": "board"},
        "",
    )
    assert change.headline == "Role changed from member to board member."
    with translation.override("lv"):
        assert change.headline == "Loma mainīta no „biedrs” uz „valdes loceklis”."


def test_giving_the_same_role_again_records_nothing():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community, role=Membership.Role.BOARD)

    change_member_role(actor=leader, membership=membership, role=Membership.Role.BOARD)

    assert membership_history(membership) == []


def test_the_last_leader_cannot_step_down():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = community.memberships.get(user=leader)

    with pytest.raises(ValidationError) as error:
        change_member_role(actor=leader, membership=membership, role=Membership.Role.MEMBER)

    assert error.value.code == "last_leader"
    membership.refresh_from_db()
    assert membership.role == Membership.Role.LEADER
    assert membership_history(membership) == []


def test_a_pending_or_former_leader_does_not_count_as_another_leader():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    MembershipFactory(
        community=community, role=Membership.Role.LEADER, status=Membership.Status.LEFT
    )
    membership = community.memberships.get(user=leader)

    with pytest.raises(ValidationError) as error:
        change_member_role(actor=leader, membership=membership, role="board")

    assert error.value.code == "last_leader"


def test_a_leader_may_step_down_when_another_leader_remains():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    MembershipFactory(community=community, role=Membership.Role.LEADER)
    membership = community.memberships.get(user=leader)

    change_member_role(actor=leader, membership=membership, role=Membership.Role.BOARD)

    membership.refresh_from_db()
    assert membership.role == Membership.Role.BOARD
    assert not leader.has_perm("communities.manage_members", community)


def test_only_an_active_member_gets_a_role():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community, status=Membership.Status.PENDING)

    with pytest.raises(ValidationError) as error:
        change_member_role(actor=leader, membership=membership, role="board")

    assert error.value.code == "inactive"
    membership.refresh_from_db()
    assert membership.role == Membership.Role.MEMBER


def test_an_unknown_role_is_refused():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community)

    with pytest.raises(ValidationError) as error:
        change_member_role(actor=leader, membership=membership, role="chair")

    assert error.value.code == "role"
    membership.refresh_from_db()
    assert membership.role == Membership.Role.MEMBER


# Activity record -----------------------------------------------------------------------


def test_record_event_belongs_to_the_community_and_its_author():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    form = EventForm(
        {
            "title": "Apkaimes forums",
            "kind": "forum",
            "date": RECENT.isoformat(),
            "place": "Tautas nams",
            "attendance": "34",
            "participation_forms": ["needs", "planning"],
            "step_free_venue": "on",
        }
    )
    assert form.is_valid(), form.errors

    event = record_event(actor=leader, community=community, **form.cleaned_data)

    event.refresh_from_db()
    assert (event.community, event.created_by, event.attendance) == (community, leader, 34)
    assert event.date == RECENT
    assert event.participation_forms == ["needs", "planning"]


def test_record_joint_opinion_belongs_to_the_community_and_its_author():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    form = JointOpinionForm(
        {
            "title": "Par gājēju celiņu",
            "sent_on": RECENT.isoformat(),
            "addressee": "Dome",
            "summary": "Atbalstām.",
        }
    )
    assert form.is_valid(), form.errors

    opinion = record_joint_opinion(
        actor=leader,
        community=community,
        title="Par gājēju celiņu",
        sent_on=RECENT,
        addressee="Dome",
        summary="Atbalstām.",
    )

    opinion.refresh_from_db()
    assert (opinion.community, opinion.created_by, opinion.title) == (
        community,
        leader,
        "Par gājēju celiņu",
    )


# Emails --------------------------------------------------------------------------------


def test_submitting_emails_each_active_staff_member_in_their_language(
    django_capture_on_commit_callbacks, mailoutbox
):
    staff_en = UserFactory(is_municipal_staff=True, language="en")
    staff_lv = UserFactory(is_municipal_staff=True, language="lv")
    UserFactory(is_municipal_staff=True, is_active=False)
    UserFactory(is_evaluator=True)
    UserFactory(staff_of=MunicipalityFactory())  # another municipality's staff hear nothing
    community, leader = draft_with_leader()

    with django_capture_on_commit_callbacks(execute=True):
        submit_community(actor=leader, community=community)

    by_recipient = {tuple(message.to): message for message in mailoutbox}
    assert sorted(by_recipient) == sorted([(staff_en.email,), (staff_lv.email,)])
    review = f"/communities/{community.slug}/review/"
    english, latvian = by_recipient[(staff_en.email,)], by_recipient[(staff_lv.email,)]
    assert f"http://testserver/en{review}" in english.body
    assert f"http://testserver/lv{review}" in latvian.body
    assert english.from_email == '"Testa novads" <portals@localhost>'
    assert "Testa novads" in latvian.body
    assert f"/en{review}" not in latvian.body
    assert english.subject == f"New community registration: {community.name}"
    assert community.name in english.body


def test_a_returned_registration_tells_leaders_and_board_the_reasons(
    django_capture_on_commit_callbacks, mailoutbox, staff
):
    community, leader = draft_with_leader(status=Status.SUBMITTED)
    leader.language = "en"
    leader.save()
    board = UserFactory(language="lv")
    MembershipFactory(community=community, user=board, role=Membership.Role.BOARD)
    MembershipFactory(community=community, role=Membership.Role.MEMBER)
    MembershipFactory(
        community=community, role=Membership.Role.BOARD, status=Membership.Status.LEFT
    )

    with django_capture_on_commit_callbacks(execute=True):
        return_community(
            actor=staff, community=community, reason="Pievienojiet sapulces protokolu."
        )

    assert sorted(m.to[0] for m in mailoutbox) == sorted([leader.email, board.email])
    for message in mailoutbox:
        assert "Pievienojiet sapulces protokolu." in message.body
    to_leader = next(m for m in mailoutbox if m.to == [leader.email])
    assert f"/en/communities/{community.slug}/edit/" in to_leader.body
    assert to_leader.subject == f"{community.name}: the registration needs corrections"


def test_a_verified_registration_tells_the_leaders(
    django_capture_on_commit_callbacks, mailoutbox, staff
):
    community, leader = draft_with_leader(status=Status.SUBMITTED)
    leader.language = "en"
    leader.save()

    with django_capture_on_commit_callbacks(execute=True):
        verify_community(actor=staff, community=community, note="Laipni lūgti!")

    assert [m.to for m in mailoutbox] == [[leader.email]]
    assert mailoutbox[0].subject == f"{community.name} is verified"
    assert "Laipni lūgti!" in mailoutbox[0].body
    assert f"/en/communities/{community.slug}/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("accept", "subject"),
    [(True, "Welcome to {name}"), (False, "Your request to join {name}")],
)
def test_the_applicant_hears_the_decision(
    django_capture_on_commit_callbacks, mailoutbox, accept, subject
):
    community, leader = draft_with_leader(status=Status.ACTIVE)
    applicant = UserFactory(language="en")
    membership = request_membership(actor=applicant, community=community)

    with django_capture_on_commit_callbacks(execute=True):
        decide_membership(actor=leader, membership=membership, accept=accept)

    assert [m.to for m in mailoutbox] == [[applicant.email]]
    assert mailoutbox[0].subject == subject.format(name=community.name)
    assert f"/en/communities/{community.slug}/" in mailoutbox[0].body


def test_requesting_membership_tells_the_leaders_only(
    django_capture_on_commit_callbacks, mailoutbox
):
    community, leader = draft_with_leader(status=Status.ACTIVE)
    MembershipFactory(community=community, role=Membership.Role.BOARD)
    applicant = UserFactory(full_name="Pēteris Kalns")

    with django_capture_on_commit_callbacks(execute=True):
        request_membership(actor=applicant, community=community, message="Sveiki!")

    assert [m.to for m in mailoutbox] == [[leader.email]]
    assert "Pēteris Kalns" in mailoutbox[0].body
    assert "Sveiki!" in mailoutbox[0].body


def test_status_changes_are_timestamped_now(staff):
    community, _ = draft_with_leader(status=Status.VERIFIED)

    with freeze_time(NOW):
        activate_community(actor=staff, community=community)

    change = community.status_changes.get()
    assert change.at == NOW
    assert timezone.is_aware(change.at)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Register", "Mine", "Verification"])
def test_a_community_never_takes_the_address_of_a_page(name, resident):

    community = create_community(actor=resident, municipality=default_municipality(), name=name)
    assert community.slug not in RESERVED_SLUGS
    assert community.slug.startswith(name.lower())
