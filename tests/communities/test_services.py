"""The community services: their invariants, the history they write and the emails they send."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from freezegun import freeze_time

from communities import services
from communities.forms import CommunityForm, EventForm, JointOpinionForm
from communities.models import Community, CommunityStatusChange, Membership, MembershipChange
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import UserFactory

Status = Community.Status
pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 10, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English; the Latvian catalogue may be incomplete."""
    with translation.override("en"):
        yield


def history(community):
    return [
        (change.actor, change.from_status, change.to_status, change.reason)
        for change in CommunityStatusChange.objects.filter(community=community).order_by("at", "pk")
    ]


def membership_history(membership):
    return [
        (change.actor, change.from_status, change.to_status)
        for change in MembershipChange.objects.filter(membership=membership).order_by("at", "pk")
    ]


def draft_with_leader(**kwargs):
    leader = UserFactory()
    community = CommunityFactory(status=kwargs.pop("status", Status.DRAFT), leader=leader, **kwargs)
    return community, leader


# Registering ---------------------------------------------------------------------------


def test_create_community_saves_a_draft_led_by_the_person_registering(resident):
    form = CommunityForm({"name": "Ķekavas Upes kopiena", "legal_form": "informal"})
    assert form.is_valid(), form.errors
    other = CommunityFactory(status=Status.DRAFT)
    assert not resident.has_perm("communities.change_registration", other)  # fills the cache

    community = services.create_community(actor=resident, form=form)

    community.refresh_from_db()
    assert community.status == Status.DRAFT
    assert community.slug == "kekavas-upes-kopiena"
    assert community.created_by == resident
    assert history(community) == [(resident, "", Status.DRAFT, "")]
    membership = community.memberships.get()
    assert (membership.user, membership.role, membership.status) == (
        resident,
        Membership.Role.LEADER,
        Membership.Status.ACTIVE,
    )
    assert membership.decided_by == resident
    # The roles cached on the user were forgotten: they may edit the new registration at once.
    assert resident.has_perm("communities.change_registration", community)


def test_create_community_makes_slugs_unique(resident):
    first = services.create_community(
        actor=resident, form=valid_form({"name": "Mežciems", "legal_form": "informal"})
    )
    second = services.create_community(
        actor=resident, form=valid_form({"name": "Mežciems", "legal_form": "informal"})
    )

    assert (first.slug, second.slug) == ("mezciems", "mezciems-2")


def valid_form(data, **kwargs):
    form = CommunityForm(data, **kwargs)
    assert form.is_valid(), form.errors
    return form


def test_update_community_saves_the_form_without_changing_status():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    data = {
        "name": "Jaunais nosaukums",
        "legal_form": "informal",
        "neighbourhoods": [n.pk for n in community.neighbourhoods.all()],
        "description": "Jauns apraksts",
        "founding_motives": ["events"],
        "contact_name": "Anna Bērziņa",
        "contact_email": "anna@example.lv",
        "declared_residents": "50",
    }

    services.update_community(
        actor=leader, form=valid_form(data, instance=community, submitting=True)
    )

    community.refresh_from_db()
    assert (community.name, community.declared_residents) == ("Jaunais nosaukums", 50)
    assert community.status == Status.ACTIVE


# Submitting ----------------------------------------------------------------------------


@pytest.mark.parametrize("start", [Status.DRAFT, Status.RETURNED])
def test_submit_moves_the_registration_to_staff_and_stamps_it(start):
    community, leader = draft_with_leader(status=start)
    community.submitted_at = None
    community.save()

    with freeze_time(NOW):
        services.submit_community(actor=leader, community=community)

    community.refresh_from_db()
    assert community.status == Status.SUBMITTED
    assert community.submitted_at == NOW
    assert history(community) == [(leader, start, Status.SUBMITTED, "")]


@pytest.mark.parametrize(
    "start", [Status.SUBMITTED, Status.VERIFIED, Status.ACTIVE, Status.INACTIVE]
)
def test_submit_refuses_other_states(start):
    community, leader = draft_with_leader(status=start)

    with pytest.raises(ValidationError) as error:
        services.submit_community(actor=leader, community=community)

    assert error.value.code == "wrong_status"
    community.refresh_from_db()
    assert community.status == start
    assert history(community) == []


def test_submit_refuses_an_incomplete_registration_and_says_what_is_missing():
    community, leader = draft_with_leader(
        description="  ",
        founding_motives=[],
        founding_motive_other="",
        contact_email="",
        declared_residents=None,
        legal_form=Community.LegalForm.ASSOCIATION,
        register_number="",
        neighbourhoods=[],
    )

    with pytest.raises(ValidationError) as error:
        services.submit_community(actor=leader, community=community)

    assert error.value.code == "incomplete"
    assert error.value.messages == [
        "Before submitting, fill in: description, neighbourhoods, why the community was formed, "
        "contact person and email, residents the community unites, register number."
    ]
    community.refresh_from_db()
    assert community.status == Status.DRAFT
    assert history(community) == []


def test_missing_for_submission_is_empty_for_a_complete_registration():
    community, _ = draft_with_leader(founding_motives=[], founding_motive_other="Kopīga talka")

    assert services.missing_for_submission(community) == []


def test_submit_sends_nothing_until_the_transaction_commits(
    django_capture_on_commit_callbacks, mailoutbox, staff
):
    community, leader = draft_with_leader()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit_community(actor=leader, community=community)

    assert len(callbacks) == 1
    assert mailoutbox == []


def test_status_and_history_are_written_in_one_transaction(monkeypatch):
    """When the history row cannot be written, the status change is undone too."""
    community, leader = draft_with_leader()

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("history is down")

    monkeypatch.setattr(CommunityStatusChange, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.submit_community(actor=leader, community=community)

    community.refresh_from_db()
    assert community.status == Status.DRAFT
    assert community.submitted_at is None


# Verifying, returning, activating, deactivating -----------------------------------------


def test_verify_stamps_and_records_the_note(staff):
    community, _ = draft_with_leader(status=Status.SUBMITTED)

    with freeze_time(NOW):
        services.verify_community(actor=staff, community=community, note="Viss kārtībā.")

    community.refresh_from_db()
    assert community.status == Status.VERIFIED
    assert community.verified_at == NOW
    assert history(community) == [(staff, Status.SUBMITTED, Status.VERIFIED, "Viss kārtībā.")]


@pytest.mark.parametrize(
    "start", [Status.DRAFT, Status.RETURNED, Status.VERIFIED, Status.ACTIVE, Status.INACTIVE]
)
@pytest.mark.parametrize("service", ["verify", "return"])
def test_only_a_submitted_registration_is_verified_or_returned(staff, start, service):
    community, _ = draft_with_leader(status=start)

    with pytest.raises(ValidationError) as error:
        if service == "verify":
            services.verify_community(actor=staff, community=community)
        else:
            services.return_community(actor=staff, community=community, reason="Labot.")

    assert error.value.code == "wrong_status"
    community.refresh_from_db()
    assert community.status == start
    assert history(community) == []


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_return_requires_a_reason(staff, reason):
    community, _ = draft_with_leader(status=Status.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        services.return_community(actor=staff, community=community, reason=reason)

    assert error.value.code == "reason_required"
    community.refresh_from_db()
    assert community.status == Status.SUBMITTED
    assert history(community) == []


def test_return_records_the_reason(staff):
    community, _ = draft_with_leader(status=Status.SUBMITTED)

    services.return_community(
        actor=staff, community=community, reason="  Pievienojiet biedru sarakstu. "
    )

    community.refresh_from_db()
    assert community.status == Status.RETURNED
    assert history(community) == [
        (staff, Status.SUBMITTED, Status.RETURNED, "Pievienojiet biedru sarakstu.")
    ]


@pytest.mark.parametrize("start", [Status.VERIFIED, Status.INACTIVE])
def test_activate(staff, start):
    community, _ = draft_with_leader(status=start)

    services.activate_community(actor=staff, community=community)

    community.refresh_from_db()
    assert community.status == Status.ACTIVE
    assert history(community) == [(staff, start, Status.ACTIVE, "")]


@pytest.mark.parametrize("start", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ACTIVE])
def test_activate_refuses_other_states(staff, start):
    community, _ = draft_with_leader(status=start)

    with pytest.raises(ValidationError) as error:
        services.activate_community(actor=staff, community=community)

    assert error.value.code == "wrong_status"
    community.refresh_from_db()
    assert community.status == start
    assert history(community) == []


@pytest.mark.parametrize("start", [Status.VERIFIED, Status.ACTIVE])
def test_deactivate_records_the_reason(staff, start):
    community, _ = draft_with_leader(status=start)

    services.deactivate_community(actor=staff, community=community, reason=" Nav darbības. ")

    community.refresh_from_db()
    assert community.status == Status.INACTIVE
    assert history(community) == [(staff, start, Status.INACTIVE, "Nav darbības.")]


def test_deactivate_requires_a_reason(staff):
    community, _ = draft_with_leader(status=Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        services.deactivate_community(actor=staff, community=community, reason=" ")

    assert error.value.code == "reason_required"
    community.refresh_from_db()
    assert community.status == Status.ACTIVE
    assert history(community) == []


@pytest.mark.parametrize(
    "start", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.INACTIVE]
)
def test_deactivate_refuses_other_states(staff, start):
    community, _ = draft_with_leader(status=start)

    with pytest.raises(ValidationError) as error:
        services.deactivate_community(actor=staff, community=community, reason="Nav darbības.")

    assert error.value.code == "wrong_status"
    community.refresh_from_db()
    assert community.status == start


def test_the_whole_lifecycle_is_recorded_step_by_step(resident, staff):
    """draft → submitted → returned → submitted → verified → active → inactive → active."""
    other_staff = UserFactory(is_municipal_staff=True)
    neighbourhood = CommunityFactory().neighbourhoods.get()
    data = {
        "name": "Baložu kopiena",
        "legal_form": "informal",
        "neighbourhoods": [neighbourhood.pk],
        "description": "Kaimiņi Baložos.",
        "founding_motives": ["events", "problem"],
        "contact_name": "Jānis Kalniņš",
        "contact_email": "janis@example.lv",
        "declared_residents": "30",
    }
    day = datetime.timedelta(days=1)

    with freeze_time(NOW) as clock:
        community = services.create_community(actor=resident, form=valid_form(data))
        clock.tick(day)
        services.submit_community(actor=resident, community=community)
        clock.tick(day)
        services.return_community(actor=staff, community=community, reason="Trūkst pierādījumu.")
        clock.tick(day)
        services.submit_community(actor=resident, community=community)
        resubmitted_at = timezone.now()
        clock.tick(day)
        services.verify_community(actor=other_staff, community=community)
        verified_at = timezone.now()
        clock.tick(day)
        services.activate_community(actor=staff, community=community)
        clock.tick(day)
        services.deactivate_community(actor=staff, community=community, reason="Gadu bez darbības.")
        clock.tick(day)
        services.activate_community(
            actor=other_staff, community=community, reason="Atsākta darbība."
        )

    assert history(community) == [
        (resident, "", "draft", ""),
        (resident, "draft", "submitted", ""),
        (staff, "submitted", "returned", "Trūkst pierādījumu."),
        (resident, "returned", "submitted", ""),
        (other_staff, "submitted", "verified", ""),
        (staff, "verified", "active", ""),
        (staff, "active", "inactive", "Gadu bez darbības."),
        (other_staff, "inactive", "active", "Atsākta darbība."),
    ]
    assert list(community.status_changes.values_list("at", flat=True)) == [
        NOW + step * day for step in range(8)
    ]
    community.refresh_from_db()
    assert community.status == Status.ACTIVE
    assert community.submitted_at == resubmitted_at
    assert community.verified_at == verified_at


# Membership ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.VERIFIED, Status.ACTIVE])
def test_request_membership_waits_for_the_leaders(resident, status):
    community, _ = draft_with_leader(status=status)

    membership = services.request_membership(
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
        services.request_membership(actor=resident, community=community)

    assert error.value.code == "wrong_status"
    assert not community.memberships.filter(user=resident).exists()


@pytest.mark.parametrize("existing", [Membership.Status.ACTIVE, Membership.Status.PENDING])
def test_a_second_request_is_refused(resident, existing):
    community, _ = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community, user=resident, status=existing)

    with pytest.raises(ValidationError) as error:
        services.request_membership(actor=resident, community=community, message="Vēlreiz")

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
    )

    services.request_membership(actor=resident, community=community, message="Otrais lūgums")

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
        membership = services.request_membership(actor=resident, community=community)
        clock.move_to(decided_at)
        services.decide_membership(actor=leader, membership=membership, accept=accept)

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
    membership = services.request_membership(actor=resident, community=community)

    services.decide_membership(actor=leader, membership=membership, accept=accept)

    fresh = type(resident).objects.get(pk=resident.pk)  # a new request, a new role cache
    assert fresh.has_perm("communities.join_community", community) is may_ask_again


@pytest.mark.parametrize(
    "status", [Membership.Status.ACTIVE, Membership.Status.DECLINED, Membership.Status.LEFT]
)
def test_a_decided_request_cannot_be_decided_again(status):
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community, status=status)

    with pytest.raises(ValidationError) as error:
        services.decide_membership(actor=leader, membership=membership, accept=True)

    assert error.value.code == "decided"
    membership.refresh_from_db()
    assert membership.status == status
    assert membership_history(membership) == []


def test_change_member_role_records_the_change():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community, role=Membership.Role.MEMBER)

    services.change_member_role(actor=leader, membership=membership, role=Membership.Role.BOARD)

    membership.refresh_from_db()
    assert membership.role == Membership.Role.BOARD
    change = MembershipChange.objects.get(membership=membership)
    assert (change.actor, change.from_status, change.to_status) == (
        leader,
        Membership.Status.ACTIVE,
        Membership.Status.ACTIVE,
    )
    assert change.reason == "Role changed from member to board member."


def test_the_last_leader_cannot_step_down():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = community.memberships.get(user=leader)

    with pytest.raises(ValidationError) as error:
        services.change_member_role(
            actor=leader, membership=membership, role=Membership.Role.MEMBER
        )

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
        services.change_member_role(actor=leader, membership=membership, role="board")

    assert error.value.code == "last_leader"


def test_a_leader_may_step_down_when_another_leader_remains():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    MembershipFactory(community=community, role=Membership.Role.LEADER)
    membership = community.memberships.get(user=leader)

    services.change_member_role(actor=leader, membership=membership, role=Membership.Role.BOARD)

    membership.refresh_from_db()
    assert membership.role == Membership.Role.BOARD
    assert not leader.has_perm("communities.manage_members", community)


def test_only_an_active_member_gets_a_role():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community, status=Membership.Status.PENDING)

    with pytest.raises(ValidationError) as error:
        services.change_member_role(actor=leader, membership=membership, role="board")

    assert error.value.code == "inactive"
    membership.refresh_from_db()
    assert membership.role == Membership.Role.MEMBER


def test_an_unknown_role_is_refused():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community)

    with pytest.raises(ValidationError) as error:
        services.change_member_role(actor=leader, membership=membership, role="chair")

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
            "date": "2026-02-14",
            "place": "Tautas nams",
            "attendance": "34",
            "participation_forms": ["needs", "planning"],
            "step_free_venue": "on",
        }
    )
    assert form.is_valid(), form.errors

    event = services.record_event(actor=leader, community=community, form=form)

    event.refresh_from_db()
    assert (event.community, event.created_by, event.attendance) == (community, leader, 34)
    assert event.date == datetime.date(2026, 2, 14)
    assert event.participation_forms == ["needs", "planning"]


def test_record_joint_opinion_belongs_to_the_community_and_its_author():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    form = JointOpinionForm(
        {
            "title": "Par gājēju celiņu",
            "sent_on": "2026-01-20",
            "addressee": "Dome",
            "summary": "Atbalstām.",
        }
    )
    assert form.is_valid(), form.errors

    opinion = services.record_joint_opinion(actor=leader, community=community, form=form)

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
    community, leader = draft_with_leader()

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_community(actor=leader, community=community)

    by_recipient = {tuple(message.to): message for message in mailoutbox}
    assert sorted(by_recipient) == sorted([(staff_en.email,), (staff_lv.email,)])
    review = f"/communities/{community.slug}/review/"
    english, latvian = by_recipient[(staff_en.email,)], by_recipient[(staff_lv.email,)]
    assert f"{settings.PORTAL_BASE_URL}/en{review}" in english.body
    assert f"{settings.PORTAL_BASE_URL}/lv{review}" in latvian.body
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
        services.return_community(
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
        services.verify_community(actor=staff, community=community, note="Laipni lūgti!")

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
    membership = services.request_membership(actor=applicant, community=community)

    with django_capture_on_commit_callbacks(execute=True):
        services.decide_membership(actor=leader, membership=membership, accept=accept)

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
        services.request_membership(actor=applicant, community=community, message="Sveiki!")

    assert [m.to for m in mailoutbox] == [[leader.email]]
    assert "Pēteris Kalns" in mailoutbox[0].body
    assert "Sveiki!" in mailoutbox[0].body


def test_status_changes_are_timestamped_now(staff):
    community, _ = draft_with_leader(status=Status.VERIFIED)

    with freeze_time(NOW):
        services.activate_community(actor=staff, community=community)

    change = community.status_changes.get()
    assert change.at == NOW
    assert timezone.is_aware(change.at)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Register", "Mine", "Verification"])
def test_a_community_never_takes_the_address_of_a_page(name, resident):
    from communities.forms import CommunityForm

    form = CommunityForm({"name": name, "legal_form": "informal"})
    assert form.is_valid(), form.errors
    community = services.create_community(actor=resident, form=form)
    assert community.slug not in services.RESERVED_SLUGS
    assert community.slug.startswith(name.lower())
