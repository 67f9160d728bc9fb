"""The lifecycle kit: one table of moves per model, checked moves, the docs kept to the table."""

import itertools
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from communities.models import (
    Agreement,
    Community,
    CommunityChangeRequest,
    CommunityStatusChange,
    Membership,
    Story,
)
from communities.services.membership import change_member_role
from communities.services.verification import activate_community, return_community, verify_community
from consultations.models import Consultation, ProblemReport, Submission
from councils.models import Council, Election, Meeting, Nomination
from grants.models import Application, Report, Round, SpendingReport, SubsidyTier
from portal import history as kit
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import UserFactory

Status = Community.Status
LIFECYCLE_MODELS = {
    "communities.Community": Community,
    "communities.Membership": Membership,
    "communities.CommunityChangeRequest": CommunityChangeRequest,
    "communities.Story": Story,
    "communities.Agreement": Agreement,
    "consultations.Consultation": Consultation,
    "consultations.Submission": Submission,
    "consultations.ProblemReport": ProblemReport,
    "grants.Round": Round,
    "grants.Application": Application,
    "grants.Report": Report,
    "grants.SubsidyTier": SubsidyTier,
    "grants.SpendingReport": SpendingReport,
    "councils.Council": Council,
    "councils.Nomination": Nomination,
    "councils.Meeting": Meeting,
    "councils.Election": Election,
}
DOC = Path(__file__).resolve().parents[2] / "docs" / "lifecycles.md"


@pytest.fixture(autouse=True)
def _language_restored():
    """A request to an /en/ page leaves English active; later tests expect the default."""
    with translation.override("lv"):
        yield


def documented_tables():
    text = DOC.read_text(encoding="utf-8")
    found = re.findall(r"<!-- lifecycle: (\S+) -->\n(.*?)\n<!-- end lifecycle -->", text, re.S)
    return dict(found)


def test_the_documentation_shows_each_table_as_declared():
    """docs/lifecycles.md holds ``Model.lifecycle.markdown()`` of every lifecycle model."""
    documented = documented_tables()

    assert sorted(documented) == sorted(LIFECYCLE_MODELS)
    for label, model in LIFECYCLE_MODELS.items():
        assert documented[label] == model.lifecycle.markdown(), (
            f"docs/lifecycles.md differs from {label}.lifecycle; paste this there:\n"
            f"{model.lifecycle.markdown()}"
        )


@pytest.mark.parametrize("model", LIFECYCLE_MODELS.values())
def test_every_table_names_real_statuses_and_leaves_none_out(model):
    statuses = set(model.Status.values)
    named = {s for row in model.lifecycle.rows() for s in (row[0], row[2]) if s}

    assert named == statuses


COMMUNITY_PAIRS = list(itertools.permutations(Status.values, 2))


@pytest.mark.parametrize(("start", "target"), COMMUNITY_PAIRS)
def test_can_move_to_says_what_the_table_says(start, target):
    declared = target in Community.lifecycle.transitions.get(start, {})

    assert Community(status=start).can_move_to(target) is declared


@pytest.mark.django_db
def test_an_undeclared_move_is_refused_and_nothing_is_written():
    community = CommunityFactory(status=Status.DRAFT)
    staff = UserFactory(is_municipal_staff=True)

    with translation.override("en"), pytest.raises(ValidationError) as error:
        kit.move_to(community, Status.VERIFIED, actor=staff)

    assert error.value.code == "wrong_status"
    assert error.value.messages == ["Community cannot move from “draft” to “verified”."]
    community.refresh_from_db()
    assert community.status == Status.DRAFT
    assert not community.status_changes.exists()


@pytest.mark.django_db
def test_a_decision_on_a_stale_copy_overwrites_nothing():
    """Two staff members opened the same registration; the second decision is refused."""
    community = CommunityFactory(status=Status.SUBMITTED)
    first, second = UserFactory(is_municipal_staff=True), UserFactory(is_municipal_staff=True)
    their_copy = Community.objects.get(pk=community.pk)

    verify_community(actor=first, community=community, note="Viss kārtībā.")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        return_community(actor=second, community=their_copy, reason="Labot.")

    assert error.value.code == "conflict"
    assert "already decided by someone else" in error.value.messages[0]
    assert "reload the page" in error.value.messages[0]
    community.refresh_from_db()
    assert community.status == Status.VERIFIED
    assert [(c.actor, c.to_status) for c in community.status_changes.all()] == [
        (first, Status.VERIFIED)
    ]


@pytest.mark.django_db
def test_the_conditional_update_also_writes_the_extra_fields_and_stamp():
    community = CommunityFactory(status=Status.DRAFT, submitted_at=None)
    leader = UserFactory()

    change = kit.move_to(community, Status.SUBMITTED, actor=leader, stamp="submitted_at")

    fresh = Community.objects.get(pk=community.pk)
    assert fresh.status == Status.SUBMITTED
    assert fresh.submitted_at == community.submitted_at is not None
    assert fresh.updated_at == community.updated_at
    assert (change.from_status, change.to_status, change.event) == ("draft", "submitted", "")


@pytest.mark.django_db
def test_a_new_object_starts_only_where_its_table_says():
    community = CommunityFactory(status=Status.VERIFIED)

    with pytest.raises(ValidationError) as error:
        kit.record_start(community, actor=None)

    assert error.value.code == "wrong_status"
    assert not community.status_changes.exists()


@pytest.mark.django_db
def test_an_undeclared_event_code_is_a_programming_error():
    community = CommunityFactory()

    with pytest.raises(ValueError, match="no_such_event"):
        kit.log_event(community, "no_such_event", actor=None)


@pytest.mark.django_db
def test_rules_follow_the_table(monkeypatch):
    """Take a move out of the table and the permission that offers it goes too."""
    community = CommunityFactory(status=Status.INACTIVE)
    staff = UserFactory(is_municipal_staff=True)
    assert staff.has_perm("communities.activate_community", community)

    without_reactivation = {
        source: {t: a for t, a in targets.items() if source != Status.INACTIVE}
        for source, targets in Community.lifecycle.transitions.items()
    }
    monkeypatch.setattr(
        Community,
        "lifecycle",
        kit.Lifecycle(without_reactivation, start={"draft": "register"}, history="status_changes"),
    )

    assert not staff.has_perm("communities.activate_community", community)
    with pytest.raises(ValidationError):
        activate_community(actor=staff, community=community)


@pytest.mark.django_db
def test_events_are_read_in_the_readers_language():
    community = CommunityFactory(status=Status.ACTIVE, legal_form="informal")
    change = kit.log_event(
        community,
        "fields_changed",
        actor=None,
        data={"fields": [["legal_form", "informal", "association"], ["register_number", "", "1"]]},
    )
    change = CommunityStatusChange.objects.get(pk=change.pk)

    with translation.override("en"):
        assert change.headline == "Key details changed."
        assert change.details == [
            "Legal form: “informal group” → “registered association”",
            "Register number: “—” → “1”",
        ]
    with translation.override("lv"):
        assert change.headline == "Mainīti galvenie dati."
        assert change.details[0] == "Juridiskā forma: „neformāla grupa” → „reģistrēta biedrība”"


@pytest.mark.django_db
def test_a_status_move_reads_as_its_new_status():
    membership = MembershipFactory(status=Membership.Status.PENDING)
    change = kit.move_to(membership, Membership.Status.ACTIVE, actor=None)

    with translation.override("en"):
        assert change.headline == "Active member"
        assert change.get_from_status_display() == "waiting for a decision"
        assert change.subject_name() == str(membership.user)


@pytest.mark.django_db
def test_the_admin_shows_every_history_with_one_inline(client, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    community = CommunityFactory(status=Status.ACTIVE)
    membership = MembershipFactory(community=community, role=Membership.Role.MEMBER)
    admin = UserFactory(is_superuser=True, is_staff=True, language="en")
    change_member_role(actor=admin, membership=membership, role="board")
    kit.log_event(community, "entry_removed", actor=admin, data={"title": "Talka"})
    client.force_login(admin)

    with translation.override("en"):
        pages = [
            client.get(reverse(f"admin:communities_{name}_change", args=[pk]))
            for name, pk in (("community", community.pk), ("membership", membership.pk))
        ]

    assert [page.status_code for page in pages] == [200, 200]
    assert "Entry “Talka” removed from the activity record." in pages[0].content.decode()
    assert "Role changed from member to board member." in pages[1].content.decode()
