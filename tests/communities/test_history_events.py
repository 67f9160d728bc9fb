"""History events: decisions that are not moves, stored as codes and data, read in the
reader's language."""

import pytest
from django.utils import translation

from communities.forms.activity import EventForm
from communities.models import Membership, MembershipChange
from communities.services.activity import remove_activity, update_activity
from communities.services.membership import remove_member
from communities.services.registration import create_community, update_community
from tests.communities.factories import RECENT, EventFactory, JointOpinionFactory, MembershipFactory
from tests.communities.forms import community_form, default_municipality
from tests.communities.service_helpers import (  # noqa: F401 - _english_messages is an autouse fixture
    Status,
    _english_messages,
    draft_with_leader,
)

pytestmark = pytest.mark.django_db


def events(obj, history="status_changes"):
    return [(c.actor, c.event, c.data) for c in getattr(obj, history).filter(event__gt="")]


def profile_data(community, **changes):
    data = {
        "name": community.name,
        "legal_form": community.legal_form,
        "register_number": community.register_number,
        "neighbourhoods": [n.pk for n in community.neighbourhoods.all()],
        "description": community.description,
        "founding_motives": community.founding_motives,
        "contact_name": community.contact_name,
        "contact_email": community.contact_email,
        "declared_residents": str(community.declared_residents),
        "residents_evidence": community.residents_evidence,
    }
    return {**data, **changes}


def save_profile(actor, community, **changes):
    form = community_form(profile_data(community, **changes), instance=community, submitting=True)
    assert form.is_valid(), form.errors
    return update_community(actor=actor, community=community, **form.cleaned_data)


# Services --------------------------------------------------------------------------------


def test_changing_key_fields_records_which_changed_from_what_to_what():
    """Before verification (a returned registration); after it, staff decide a request."""
    community, leader = draft_with_leader(status=Status.RETURNED, declared_residents=40)
    old_name = community.name

    save_profile(
        leader,
        community,
        name="Jaunais nosaukums",
        legal_form="association",
        register_number="40008123456",
        registered_on="2019-03-12",
        declared_residents="55",
        description="Tikai apraksts mainīts arī.",
    )

    assert events(community) == [
        (
            leader,
            "fields_changed",
            {
                "fields": [
                    ["name", old_name, "Jaunais nosaukums"],
                    ["legal_form", "informal", "association"],
                    ["register_number", "", "40008123456"],
                    ["registered_on", None, "2019-03-12"],
                    ["declared_residents", 40, 55],
                ]
            },
        )
    ]
    change = community.status_changes.get(event="fields_changed")
    assert change.to_status == change.from_status == Status.RETURNED
    with translation.override("lv"):
        assert change.details[-1] == "Kopienas apvienoto iedzīvotāju skaits: „40” → „55”"


def test_other_fields_and_drafts_leave_no_event():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    save_profile(leader, community, description="Cits apraksts.", contact_name="Cita persona")
    draft, author = draft_with_leader(status=Status.DRAFT)
    save_profile(author, draft, name="Vēl melnraksts")

    assert events(community) == []
    assert events(draft) == []


def test_correcting_and_removing_activity_is_recorded_on_the_community():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    event = EventFactory(community=community, title="Talka")
    opinion = JointOpinionFactory(community=community, title="Par parku")
    form = EventForm(
        {"title": "Lielā talka", "kind": "forum", "date": RECENT.isoformat(), "place": "Parks"},
        instance=event,
    )
    assert form.is_valid(), form.errors

    opinion_pk = opinion.pk
    update_activity(actor=leader, entry=event, **form.cleaned_data)
    remove_activity(actor=leader, record=opinion, reason="Kļūda.")

    assert events(community) == [
        (
            leader,
            "entry_corrected",
            {"model": "communities.event", "pk": event.pk, "title": "Lielā talka"},
        ),
        (
            leader,
            "entry_removed",
            {"model": "communities.jointopinion", "pk": opinion_pk, "title": "Par parku"},
        ),
    ]
    corrected, removed = community.status_changes.filter(event__gt="")
    assert corrected.headline == "Event “Lielā talka” corrected in the activity record."
    with translation.override("lv"):
        assert removed.headline == "Kopīgais viedoklis „Par parku” dzēsts no darbības uzskaites."


def test_removing_a_member_is_a_move_with_an_event_and_the_reason():
    community, leader = draft_with_leader(status=Status.ACTIVE)
    membership = MembershipFactory(community=community)

    remove_member(actor=leader, membership=membership, reason="Pārcēlās.")

    change = membership.changes.get()
    assert (change.from_status, change.to_status, change.event, change.reason) == (
        "active",
        "left",
        "member_removed",
        "Pārcēlās.",
    )
    assert change.headline == "Removed from the community by a leader."


def test_the_founding_leader_has_a_membership_history_from_the_start(resident):
    community = create_community(
        actor=resident, municipality=default_municipality(), name="Jauna kopiena"
    )

    membership = community.memberships.get()
    assert list(membership.changes.values_list("actor", "from_status", "to_status")) == [
        (resident.pk, "", Membership.Status.ACTIVE)
    ]


def test_old_role_sentences_become_events_read_in_the_readers_language():
    """Migration 0004 turns the sentences stored before it into codes and values."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("communities.migrations.0004_history_events")
    membership = MembershipFactory()
    english, latvian, other = (
        MembershipChange.objects.create(
            membership=membership, from_status="active", to_status="active", reason=reason
        )
        for reason in (
            "Role changed from member to board member.",
            "Loma mainīta no „valdes loceklis” uz „līderis”.",
            "Pārcēlās uz citu novadu.",
        )
    )

    migration.role_sentences_to_events(apps, None)

    rows = {c.pk: c for c in MembershipChange.objects.all()}
    assert (rows[english.pk].event, rows[english.pk].data, rows[english.pk].reason) == (
        "role_changed",
        {"old": "member", "new": "board"},
        "",
    )
    assert rows[latvian.pk].data == {"old": "board", "new": "leader"}
    assert (rows[other.pk].event, rows[other.pk].reason) == ("", "Pārcēlās uz citu novadu.")
    with translation.override("lv"):
        assert rows[english.pk].headline == "Loma mainīta no „biedrs” uz „valdes loceklis”."
