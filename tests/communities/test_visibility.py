"""``communities.view_community`` and ``Community.objects.visible_to(user)`` say the same thing.

Both run over one set of communities, one in each status for each way a person can be
related to it, for every role.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from communities.models import Community, Membership
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import MunicipalityFactory, UserFactory

Status = Community.Status

# How the person under test relates to a community: (membership role, membership status).
RELATIONS = {
    "none": None,
    "leader": (Membership.Role.LEADER, Membership.Status.ACTIVE),
    "board": (Membership.Role.BOARD, Membership.Status.ACTIVE),
    "member": (Membership.Role.MEMBER, Membership.Status.ACTIVE),
    "pending": (Membership.Role.MEMBER, Membership.Status.PENDING),
    "former leader": (Membership.Role.LEADER, Membership.Status.LEFT),
    "declined board": (Membership.Role.BOARD, Membership.Status.DECLINED),
}

ROLE_FLAGS = {
    "anonymous": None,
    "resident": {},
    "staff": {"is_municipal_staff": True},
    "evaluator": {"is_evaluator": True},
    "council": {"is_council_member": True},
    "admin": {"is_superuser": True, "is_staff": True},
    "staff elsewhere": {},  # staff of another municipality: a resident here
}


def build_world(*people):
    """A community for every (status, relation) pair, each person of ``people`` related to it
    so, plus some other people's members. Every person's memberships are, for each other
    person, other people's memberships: they must not make a community visible to them."""
    communities = {}
    for status in Status.values:
        for relation, membership in RELATIONS.items():
            community = CommunityFactory(status=status, name=f"{status} {relation}")
            # Other people's memberships must not make a community visible to this person.
            MembershipFactory(community=community, role=Membership.Role.LEADER)
            MembershipFactory(community=community, role=Membership.Role.MEMBER)
            for person in people:
                if membership and person.is_authenticated:
                    role, membership_status = membership
                    MembershipFactory(
                        community=community, user=person, role=role, status=membership_status
                    )
            communities[(status, relation)] = community
    return communities


def make_person(role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "staff elsewhere":
        return UserFactory(staff_of=MunicipalityFactory())
    return UserFactory(**ROLE_FLAGS[role])


def names(communities):
    return sorted(c.name for c in communities)


# One world for every role at once (each person related to every community as its relation
# says), each role checked in it; the differences of all roles are reported together.


@pytest.mark.django_db
def test_rule_and_queryset_agree():
    people = {role: make_person(role) for role in ROLE_FLAGS}
    world = build_world(*people.values())

    wrong = []
    for role, person in people.items():
        by_rule = [c for c in world.values() if person.has_perm("communities.view_community", c)]
        by_query = list(Community.objects.visible_to(person))
        if names(by_query) != names(by_rule):
            wrong.append(f"{role}: visible_to {names(by_query)}, the rule {names(by_rule)}")
        if len(by_query) != len({c.pk for c in by_query}):
            wrong.append(f"{role}: visible_to returned duplicates")

    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_what_each_role_sees():
    """The agreement above is also the right answer."""
    people = {role: make_person(role) for role in ROLE_FLAGS}
    world = build_world(*people.values())

    wrong = []
    for role, person in people.items():
        visible = set(Community.objects.visible_to(person).values_list("pk", flat=True))
        for (status, relation), community in world.items():
            if role in ("staff", "admin") or status in Community.PUBLIC_STATUSES:
                expected = True
            else:
                expected = person.is_authenticated and relation in ("leader", "board")
            if (community.pk in visible) is not expected:
                wrong.append(f"{role}: {status} {relation} visible {not expected}")

    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_public_is_what_anonymous_people_see():
    world = build_world(AnonymousUser())

    public = set(Community.objects.public().values_list("pk", flat=True))

    assert public == {
        c.pk for (status, _), c in world.items() if status in ("verified", "active", "inactive")
    }
    assert public == set(Community.objects.visible_to(AnonymousUser()).values_list("pk", flat=True))


@pytest.mark.django_db
def test_visible_to_chains_with_counts_without_losing_members():
    """Chained reads keep their meaning: the count covers every active member.

    The leader of a returned registration sees it through their membership; the count
    must still include the board member, not only the rows the visibility filter joined.
    """
    leader, board = UserFactory(), UserFactory()
    community = CommunityFactory(status=Status.RETURNED)
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    MembershipFactory(community=community, user=board, role=Membership.Role.BOARD)
    MembershipFactory(
        community=community, role=Membership.Role.MEMBER, status=Membership.Status.PENDING
    )

    counted = Community.objects.visible_to(leader).with_counts().get(pk=community.pk)

    assert counted.members_count == 2
