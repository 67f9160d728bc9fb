"""The permission matrix: who may do what with a community, in each of its states.

``EXPECTED`` is the specification. Each permission maps a community status to the set of
roles that hold the permission then; every other role must be refused. A test per
permission and state checks all roles at once, so a failure lists every role that differs.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from rules.permissions import permissions as registered_permissions

from communities.models import Community, CommunityChangeRequest, Membership
from tests.communities.factories import CommunityFactory, EventFactory, MembershipFactory
from tests.portal.factories import MunicipalityFactory, UserFactory
from tests.roles import ROLES

Status = Community.Status

STATES = tuple(Status.values)  # draft, submitted, returned, verified, active, inactive

EVERYONE = frozenset(ROLES)
NOBODY = frozenset()
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF = frozenset({"staff", "admin"})  # municipal staff; an administrator is staff too
COMMUNITY_ADMINS = frozenset({"leader", "board"})
LEADER = frozenset({"leader"})
MEMBERS = frozenset({"member", "board", "leader"})
NON_MEMBERS = SIGNED_IN - MEMBERS


def in_states(roles, *states):
    """``roles`` in the given states, nobody in the others."""
    return {state: (roles if state in states else NOBODY) for state in STATES}


def always(roles):
    return dict.fromkeys(STATES, roles)


EXPECTED = {
    # Anyone sees a verified, active or inactive community; a registration that is not yet
    # public only its leaders, its board and municipal staff.
    "communities.view_community": {
        Status.DRAFT: COMMUNITY_ADMINS | STAFF,
        Status.SUBMITTED: COMMUNITY_ADMINS | STAFF,
        Status.RETURNED: COMMUNITY_ADMINS | STAFF,
        Status.VERIFIED: EVERYONE,
        Status.ACTIVE: EVERYONE,
        Status.INACTIVE: EVERYONE,
    },
    # Anyone signed in may register a new community.
    "communities.add_community": always(SIGNED_IN),
    # The registration itself: leaders and board, while it is a draft or was returned.
    "communities.change_registration": in_states(COMMUNITY_ADMINS, Status.DRAFT, Status.RETURNED),
    # The profile: leaders and board, except while staff review it or after it is inactive.
    "communities.change_community": in_states(
        COMMUNITY_ADMINS, Status.DRAFT, Status.RETURNED, Status.VERIFIED, Status.ACTIVE
    ),
    # Only a leader sends the registration to the municipality.
    "communities.submit_community": in_states(LEADER, Status.DRAFT, Status.RETURNED),
    # The verification queue is staff's, whatever the community's state.
    "communities.view_verification_queue": always(STAFF),
    "communities.verify_community": in_states(STAFF, Status.SUBMITTED),
    "communities.activate_community": in_states(STAFF, Status.VERIFIED, Status.INACTIVE),
    "communities.deactivate_community": in_states(STAFF, Status.VERIFIED, Status.ACTIVE),
    # The status history and the supporting document.
    "communities.view_history": always(COMMUNITY_ADMINS | STAFF),
    # Anyone signed in who is not yet a member may ask to join a running community.
    "communities.join_community": in_states(NON_MEMBERS, Status.VERIFIED, Status.ACTIVE),
    "communities.manage_members": in_states(LEADER, Status.VERIFIED, Status.ACTIVE),
    "communities.add_activity": in_states(COMMUNITY_ADMINS, Status.VERIFIED, Status.ACTIVE),
    "communities.change_activity": in_states(COMMUNITY_ADMINS, Status.VERIFIED, Status.ACTIVE),
    "communities.leave_community": always(MEMBERS),
    # The annual activity report (communities/reports.py): leaders and staff, in any state.
    "communities.request_activity_report": always(LEADER | STAFF),
    # Dead ends closed: a leader takes a submitted registration back or deletes a draft;
    # only someone whose request waits may withdraw it (no role of the matrix has one).
    "communities.withdraw_registration": in_states(LEADER, Status.SUBMITTED),
    "communities.delete_registration": in_states(LEADER, Status.DRAFT),
    # Only a leader removes the supporting document (GDPR: a file sent by mistake goes).
    "communities.remove_document": always(LEADER),
    "communities.withdraw_request": always(NOBODY),
    # Staff reopen a locked year of a running community's record.
    "communities.reopen_activity_year": in_states(STAFF, Status.VERIFIED, Status.ACTIVE),
    # Staff decide a change of key facts; nobody while none waits (KEY_CHANGE_EXPECTED).
    "communities.decide_key_change": always(NOBODY),
    "communities.withdraw_key_change": always(NOBODY),
}

# With a change of key facts waiting: staff of the municipality decide it, once verified.
KEY_CHANGE_EXPECTED = {
    "communities.decide_key_change": in_states(
        STAFF, Status.VERIFIED, Status.ACTIVE, Status.INACTIVE
    ),
    # The leaders and board may take it back.
    "communities.withdraw_key_change": always(COMMUNITY_ADMINS),
    # The leaders still edit the profile meanwhile: a new edit updates the request.
    "communities.change_community": EXPECTED["communities.change_community"],
    "communities.view_history": EXPECTED["communities.view_history"],
}

# Checked on an entry of the record (test_correcting_an_entry_needs_change_activity and
# tests/communities/test_activity_record.py).
ENTRY_PERMISSIONS = {"communities.change_entry"}

PORTAL_EXPECTED = {
    "portal.view_staff_area": STAFF,
    "portal.change_territory": STAFF,
}


def make_people(community):
    """One user per role; member, board and leader belong to ``community``."""
    people = {
        "anonymous": AnonymousUser(),
        "resident": UserFactory(),
        "staff": UserFactory(is_municipal_staff=True),
        "evaluator": UserFactory(is_evaluator=True),
        "council": UserFactory(is_council_member=True),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }
    for role, membership_role in (
        ("member", Membership.Role.MEMBER),
        ("board", Membership.Role.BOARD),
        ("leader", Membership.Role.LEADER),
    ):
        people[role] = UserFactory()
        MembershipFactory(community=community, user=people[role], role=membership_role)
    return people


def allowed_roles(check, people):
    return {role for role in ROLES if check(people[role])}


def test_every_permission_in_the_table_exists():
    missing = [perm for perm in [*EXPECTED, *PORTAL_EXPECTED] if not rules.perm_exists(perm)]
    assert missing == []


def test_every_community_permission_has_a_row_in_the_table():
    """A new permission in communities/rules.py must be added to the matrix."""
    defined = {name for name in registered_permissions if name.startswith("communities.")}
    assert defined == set(EXPECTED) | ENTRY_PERMISSIONS


def test_table_covers_every_state():
    assert all(set(row) == set(STATES) for row in EXPECTED.values())


def differences(check, people, expected, where):
    """What ``check`` answers differently from ``expected``, role by role."""
    allowed = allowed_roles(check, people)
    return [f"{where}: {role} allowed" for role in sorted(allowed - expected)] + [
        f"{where}: {role} refused" for role in sorted(expected - allowed)
    ]


# One community in the state and one person per role, asked every permission of the table:
# each (permission, state, role) is checked, the world built once per state.


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
def test_rule(state):
    """The rule itself, as communities/rules.py defines it."""
    community = CommunityFactory(status=state)
    people = make_people(community)
    wrong = []
    for perm in EXPECTED:
        check = lambda user, perm=perm: rules.has_perm(perm, user, community)  # noqa: E731
        wrong += differences(check, people, set(EXPECTED[perm][state]), perm)

    assert not wrong, "; ".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
def test_user_has_perm(state):
    """What views (PermissionRequiredMixin) and templates ({% has_perm %}) actually ask.

    ``user.has_perm`` must give the same answers as the rule, in every state and for every
    role, the administrator included: a state is a fact about the community, not a privilege.
    """
    community = CommunityFactory(status=state)
    people = make_people(community)
    wrong = []
    for perm in EXPECTED:
        check = lambda user, perm=perm: user.has_perm(perm, community)  # noqa: E731
        wrong += differences(check, people, EXPECTED[perm][state], perm)

    assert not wrong, "; ".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("perm", KEY_CHANGE_EXPECTED)
def test_rule_with_a_key_change_waiting(perm):
    differences = []
    for state in STATES:
        community = CommunityFactory(status=state)
        CommunityChangeRequest.objects.create(community=community, data={"name": "Cits"})
        people = make_people(community)
        allowed = allowed_roles(lambda user, c=community: user.has_perm(perm, c), people)
        expected = KEY_CHANGE_EXPECTED[perm][state]
        differences += [f"{state}: {role} allowed" for role in sorted(allowed - expected)]
        differences += [f"{state}: {role} refused" for role in sorted(expected - allowed)]

    assert not differences, "; ".join(differences)


@pytest.mark.django_db
def test_staff_of_another_municipality_do_not_decide_key_changes(municipality):
    other = MunicipalityFactory()
    community = CommunityFactory(status=Status.ACTIVE, municipality=other)
    CommunityChangeRequest.objects.create(community=community, data={"name": "Cits"})
    staff_here = UserFactory(is_municipal_staff=True)

    assert not staff_here.has_perm("communities.decide_key_change", community)


@pytest.mark.django_db
@pytest.mark.parametrize("perm", PORTAL_EXPECTED)
def test_portal_permission(perm, municipality):
    """Checked against the municipality (of the host, or of the territory changed)."""
    people = make_people(CommunityFactory(status=Status.ACTIVE))

    by_rule = allowed_roles(lambda user: rules.has_perm(perm, user, municipality), people)
    by_user = allowed_roles(lambda user: user.has_perm(perm, municipality), people)
    without_a_municipality = allowed_roles(lambda user: user.has_perm(perm), people)

    assert by_rule == set(PORTAL_EXPECTED[perm])
    assert by_user == set(PORTAL_EXPECTED[perm])
    assert without_a_municipality == {"admin"}


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Membership.Status.DECLINED, Membership.Status.LEFT])
def test_former_or_declined_members_count_as_non_members(status):
    """Only an active membership gives a role: a former leader loses the leader's rights."""
    community = CommunityFactory(status=Status.ACTIVE)
    user = UserFactory()
    MembershipFactory(community=community, user=user, role=Membership.Role.LEADER, status=status)

    assert user.has_perm("communities.join_community", community)
    assert not user.has_perm("communities.change_community", community)
    assert not user.has_perm("communities.manage_members", community)
    assert not user.has_perm("communities.view_history", community)


@pytest.mark.django_db
def test_a_pending_applicant_may_not_ask_to_join_again():
    """The join rule agrees with request_membership, which refuses a second request."""
    community = CommunityFactory(status=Status.ACTIVE)
    applicant = UserFactory()
    MembershipFactory(community=community, user=applicant, status=Membership.Status.PENDING)

    assert not applicant.has_perm("communities.join_community", community)


@pytest.mark.django_db
def test_roles_of_other_communities_do_not_count():
    community = CommunityFactory(status=Status.DRAFT)
    other = CommunityFactory(status=Status.DRAFT)
    people = make_people(other)

    for perm in ("view_community", "change_registration", "submit_community", "view_history"):
        allowed = allowed_roles(lambda u, p=perm: u.has_perm(f"communities.{p}", community), people)
        assert allowed & MEMBERS == set(), perm


@pytest.mark.django_db
def test_checking_a_list_costs_one_query_per_user(django_assert_num_queries):
    """The user's roles are loaded once, not once per community checked."""
    communities = [CommunityFactory(status=Status.DRAFT) for _ in range(5)]
    user = UserFactory()
    for community in communities:
        MembershipFactory(community=community, user=user, role=Membership.Role.LEADER)

    with django_assert_num_queries(1):
        allowed = [user.has_perm("communities.change_community", c) for c in communities]

    assert allowed == [True] * 5


# Separation of duties: what staff decide about a community, refused to staff (and
# administrators) who belong to it in any role or whose request to join it waits.
STAFF_DECISIONS = {
    "communities.verify_community",
    "communities.activate_community",
    "communities.deactivate_community",
    "communities.reopen_activity_year",
}
INVOLVEMENTS = [
    (Membership.Role.LEADER, Membership.Status.ACTIVE),
    (Membership.Role.BOARD, Membership.Status.ACTIVE),
    (Membership.Role.MEMBER, Membership.Status.ACTIVE),
    (Membership.Role.MEMBER, Membership.Status.PENDING),
]


def _involved_staff(community, role, status):
    """An uninvolved staff member, and staff and an administrator involved in ``community``."""
    outsider = UserFactory(is_municipal_staff=True)
    staff = UserFactory(is_municipal_staff=True)
    admin = UserFactory(is_superuser=True, is_staff=True)
    for user in (staff, admin):
        MembershipFactory(community=community, user=user, role=role, status=status)
    return outsider, staff, admin


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), INVOLVEMENTS)
@pytest.mark.parametrize("perm", sorted(STAFF_DECISIONS))
def test_involved_staff_do_not_decide_about_their_community(perm, role, status):
    differences = []
    for state in STATES:
        community = CommunityFactory(status=state)
        outsider, staff, admin = _involved_staff(community, role, status)
        expected = "staff" in EXPECTED[perm][state]
        assert rules.has_perm(perm, outsider, community) == expected
        assert outsider.has_perm(perm, community) == expected
        for name, user in (("involved staff", staff), ("involved admin", admin)):
            if rules.has_perm(perm, user, community) or user.has_perm(perm, community):
                differences.append(f"{state}: {name} allowed")

    assert not differences, "; ".join(differences)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), INVOLVEMENTS)
def test_involved_staff_do_not_decide_a_change_of_their_community(role, status):
    perm = "communities.decide_key_change"
    community = CommunityFactory(status=Status.ACTIVE)
    CommunityChangeRequest.objects.create(community=community, data={"name": "Cits"})
    outsider, staff, admin = _involved_staff(community, role, status)

    assert outsider.has_perm(perm, community)
    assert not staff.has_perm(perm, community)
    assert not admin.has_perm(perm, community)


@pytest.mark.django_db
def test_former_members_among_staff_decide_again():
    """Only an active membership or a waiting request counts; a declined one does not."""
    community = CommunityFactory(status=Status.SUBMITTED)
    staff = UserFactory(is_municipal_staff=True)
    MembershipFactory(community=community, user=staff, status=Membership.Status.DECLINED)

    assert staff.has_perm("communities.verify_community", community)


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
def test_correcting_an_entry_needs_change_activity(state):
    """Whoever may correct an entry holds ``change_activity`` on its community: the
    community page asks that once per list before asking about each entry."""
    community = CommunityFactory(status=state)
    event = EventFactory(community=community)
    people = make_people(community)
    correct = allowed_roles(lambda user: user.has_perm("communities.change_entry", event), people)
    keep = allowed_roles(
        lambda user: user.has_perm("communities.change_activity", community), people
    )
    assert correct == keep == set(EXPECTED["communities.change_activity"][state])
