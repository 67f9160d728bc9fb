"""Two people decide the same thing at the same moment, each on their own connection.

The threads load the object, wait for each other, then both decide: PostgreSQL makes the
second conditional UPDATE wait for the first transaction and then find no row in the old
status, so exactly one decision is saved and the other person is told. SQLite cannot run
two writing connections on the in-memory test database (it refuses instead of waiting), so
there these tests are skipped; ``tests/portal/test_lifecycle.py`` covers the same refusal
with a stale copy on every database. CI runs them on PostgreSQL (DATABASE_URL).
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from communities.models import Community, CommunityChangeRequest, Membership
from communities.services.key_changes import (
    accept_key_change,
    request_key_change,
    return_key_change,
)
from communities.services.membership import decide_membership
from communities.services.verification import return_community, verify_community
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("two writing connections at once need PostgreSQL (set DATABASE_URL)")


def decide_at_once(load, decisions):
    """Run each ``decision(obj)`` in its own thread and connection on a freshly loaded
    object, all starting together; return ``{name: None or the ValidationError}``."""
    barrier = threading.Barrier(len(decisions))
    outcome = {}

    def run(name, decide):
        try:
            with translation.override("en"):
                obj = load()
                barrier.wait(timeout=10)
                try:
                    decide(obj)
                    outcome[name] = None
                except ValidationError as error:
                    outcome[name] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in decisions.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcome) == sorted(decisions), "a thread did not finish"
    return outcome


def test_two_staff_members_decide_one_registration_at_once():
    community = CommunityFactory(status=Community.Status.SUBMITTED)
    anna, peteris = UserFactory(is_municipal_staff=True), UserFactory(is_municipal_staff=True)

    outcome = decide_at_once(
        lambda: Community.objects.get(pk=community.pk),
        {
            "verify": lambda c: verify_community(actor=anna, community=c, note="Labi."),
            "return": lambda c: return_community(
                actor=peteris, community=c, reason="Trūkst protokola."
            ),
        },
    )

    winners = [name for name, error in outcome.items() if error is None]
    assert len(winners) == 1, outcome
    loser = outcome["return" if winners == ["verify"] else "verify"]
    assert loser.code == "conflict"
    assert loser.messages == [
        "This was already decided by someone else; reload the page to see the decision."
    ]
    community.refresh_from_db()
    expected = Community.Status.VERIFIED if winners == ["verify"] else Community.Status.RETURNED
    assert community.status == expected
    assert list(community.status_changes.values_list("from_status", "to_status")) == [
        (Community.Status.SUBMITTED, expected)
    ]


def test_two_leaders_decide_one_request_to_join_at_once():
    community = CommunityFactory(status=Community.Status.ACTIVE)
    first, second = UserFactory(), UserFactory()
    for leader in (first, second):
        MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    request = MembershipFactory(community=community, status=Membership.Status.PENDING)

    outcome = decide_at_once(
        lambda: Membership.objects.get(pk=request.pk),
        {
            "accept": lambda m: decide_membership(actor=first, membership=m, accept=True),
            "decline": lambda m: decide_membership(actor=second, membership=m, accept=False),
        },
    )

    assert sorted(error is None for error in outcome.values()) == [False, True], outcome
    request.refresh_from_db()
    winner = first if request.status == Membership.Status.ACTIVE else second
    assert request.decided_by == winner
    assert request.changes.count() == 1
    assert [e.code for e in outcome.values() if e is not None] == ["conflict"]


def test_two_staff_members_decide_one_change_of_key_facts_at_once():
    community = CommunityFactory(status=Community.Status.ACTIVE, declared_residents=40)
    leader = UserFactory()
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    change = request_key_change(
        actor=leader, community=community, proposed={"declared_residents": 5000}
    )
    anna, peteris = UserFactory(is_municipal_staff=True), UserFactory(is_municipal_staff=True)

    outcome = decide_at_once(
        lambda: CommunityChangeRequest.objects.get(pk=change.pk),
        {
            "accept": lambda c: accept_key_change(actor=anna, change_request=c),
            "return": lambda c: return_key_change(
                actor=peteris, change_request=c, reason="Nav pierādījumu."
            ),
        },
    )

    winners = [name for name, error in outcome.items() if error is None]
    assert len(winners) == 1, outcome
    assert outcome["return" if winners == ["accept"] else "accept"].code == "conflict"
    community.refresh_from_db()
    assert community.declared_residents == (5000 if winners == ["accept"] else 40)
    assert change.changes.exclude(from_status="").count() == 1
