"""The community services: registering, submitting, verifying and the lifecycle."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from freezegun import freeze_time

from communities.completeness import missing_for_submission
from communities.models import Community, CommunityStatusChange, Membership
from communities.services.registration import create_community, submit_community, update_community
from communities.services.verification import (
    activate_community,
    deactivate_community,
    return_community,
    verify_community,
)
from tests.communities.factories import CommunityFactory
from tests.communities.forms import community_form, default_municipality
from tests.communities.service_helpers import (  # noqa: F401 - _english_messages is an autouse fixture
    NOW,
    Status,
    _english_messages,
    draft_with_leader,
    history,
    membership_history,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


# Registering ---------------------------------------------------------------------------


def test_create_community_saves_a_draft_led_by_the_person_registering(resident):
    other = CommunityFactory(status=Status.DRAFT)
    assert not resident.has_perm("communities.change_registration", other)  # fills the cache

    community = create_community(
        actor=resident,
        municipality=default_municipality(),
        name="Ķekavas Upes kopiena",
        legal_form="informal",
    )

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
    first = create_community(actor=resident, municipality=default_municipality(), name="Mežciems")
    second = create_community(actor=resident, municipality=default_municipality(), name="Mežciems")

    assert (first.slug, second.slug) == ("mezciems", "mezciems-2")


def valid_form(data, **kwargs):
    form = community_form(data, **kwargs)
    assert form.is_valid(), form.errors
    return form


def test_update_community_saves_a_draft_with_its_neighbourhoods_and_document():
    community, leader = draft_with_leader(status=Status.DRAFT)
    neighbourhood = CommunityFactory().neighbourhoods.get()

    update_community(
        actor=leader,
        community=community,
        name="Jaunais nosaukums",
        declared_residents=50,
        neighbourhoods=[neighbourhood],
        supporting_document=ContentFile(b"%PDF-1.4", name="saraksts.pdf"),
    )

    community.refresh_from_db()
    assert (community.name, community.declared_residents) == ("Jaunais nosaukums", 50)
    assert list(community.neighbourhoods.all()) == [neighbourhood]
    assert community.supporting_document.name.endswith(".pdf")
    assert community.status == Status.DRAFT


def test_update_community_refuses_what_a_community_does_not_have():
    community, leader = draft_with_leader(status=Status.DRAFT)
    with pytest.raises(TypeError):
        update_community(actor=leader, community=community, colour="zaļa")


# Submitting ----------------------------------------------------------------------------


@pytest.mark.parametrize("start", [Status.DRAFT, Status.RETURNED])
def test_submit_moves_the_registration_to_staff_and_stamps_it(start):
    community, leader = draft_with_leader(status=start)
    community.submitted_at = None
    community.save()

    with freeze_time(NOW):
        submit_community(actor=leader, community=community)

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
        submit_community(actor=leader, community=community)

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
        submit_community(actor=leader, community=community)

    assert error.value.code == "incomplete"
    assert error.value.messages == [
        "Before submitting, fill in: description, neighbourhoods, why the community was formed, "
        "contact person and email, residents the community unites, register number, "
        "date of registration in the register."
    ]
    community.refresh_from_db()
    assert community.status == Status.DRAFT
    assert history(community) == []


def test_missing_for_submission_is_empty_for_a_complete_registration():
    community, _ = draft_with_leader(founding_motives=[], founding_motive_other="Kopīga talka")

    assert missing_for_submission(community) == []


def test_submit_sends_nothing_until_the_transaction_commits(
    django_capture_on_commit_callbacks, mailoutbox, staff
):
    community, leader = draft_with_leader()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit_community(actor=leader, community=community)

    assert len(callbacks) == 1  # the message's dispatch waits for the commit
    assert mailoutbox == []


def test_status_and_history_are_written_in_one_transaction(monkeypatch):
    """When the history row cannot be written, the status change is undone too."""
    community, leader = draft_with_leader()

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("history is down")

    monkeypatch.setattr(CommunityStatusChange, "save", broken_save)
    with pytest.raises(RuntimeError):
        submit_community(actor=leader, community=community)

    community.refresh_from_db()
    assert community.status == Status.DRAFT
    assert community.submitted_at is None


# Verifying, returning, activating, deactivating -----------------------------------------


def test_verify_stamps_and_records_the_note(staff):
    community, _ = draft_with_leader(status=Status.SUBMITTED)

    with freeze_time(NOW):
        verify_community(actor=staff, community=community, note="Viss kārtībā.")

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
            verify_community(actor=staff, community=community)
        else:
            return_community(actor=staff, community=community, reason="Labot.")

    assert error.value.code == "wrong_status"
    community.refresh_from_db()
    assert community.status == start
    assert history(community) == []


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_return_requires_a_reason(staff, reason):
    community, _ = draft_with_leader(status=Status.SUBMITTED)

    with pytest.raises(ValidationError) as error:
        return_community(actor=staff, community=community, reason=reason)

    assert error.value.code == "reason_required"
    community.refresh_from_db()
    assert community.status == Status.SUBMITTED
    assert history(community) == []


def test_return_records_the_reason(staff):
    community, _ = draft_with_leader(status=Status.SUBMITTED)

    return_community(actor=staff, community=community, reason="  Pievienojiet biedru sarakstu. ")

    community.refresh_from_db()
    assert community.status == Status.RETURNED
    assert history(community) == [
        (staff, Status.SUBMITTED, Status.RETURNED, "Pievienojiet biedru sarakstu.")
    ]


@pytest.mark.parametrize("start", [Status.VERIFIED, Status.INACTIVE])
def test_activate(staff, start):
    community, _ = draft_with_leader(status=start)

    activate_community(actor=staff, community=community)

    community.refresh_from_db()
    assert community.status == Status.ACTIVE
    assert history(community) == [(staff, start, Status.ACTIVE, "")]


@pytest.mark.parametrize("start", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ACTIVE])
def test_activate_refuses_other_states(staff, start):
    community, _ = draft_with_leader(status=start)

    with pytest.raises(ValidationError) as error:
        activate_community(actor=staff, community=community)

    assert error.value.code == "wrong_status"
    community.refresh_from_db()
    assert community.status == start
    assert history(community) == []


@pytest.mark.parametrize("start", [Status.VERIFIED, Status.ACTIVE])
def test_deactivate_records_the_reason(staff, start):
    community, _ = draft_with_leader(status=start)

    deactivate_community(actor=staff, community=community, reason=" Nav darbības. ")

    community.refresh_from_db()
    assert community.status == Status.INACTIVE
    assert history(community) == [(staff, start, Status.INACTIVE, "Nav darbības.")]


def test_deactivate_requires_a_reason(staff):
    community, _ = draft_with_leader(status=Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        deactivate_community(actor=staff, community=community, reason=" ")

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
        deactivate_community(actor=staff, community=community, reason="Nav darbības.")

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
        community = create_community(
            actor=resident, municipality=default_municipality(), **valid_form(data).cleaned_data
        )
        clock.tick(day)
        submit_community(actor=resident, community=community)
        clock.tick(day)
        return_community(actor=staff, community=community, reason="Trūkst pierādījumu.")
        clock.tick(day)
        submit_community(actor=resident, community=community)
        resubmitted_at = timezone.now()
        clock.tick(day)
        verify_community(actor=other_staff, community=community)
        verified_at = timezone.now()
        clock.tick(day)
        activate_community(actor=staff, community=community)
        clock.tick(day)
        deactivate_community(actor=staff, community=community, reason="Gadu bez darbības.")
        clock.tick(day)
        activate_community(actor=other_staff, community=community, reason="Atsākta darbība.")

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
