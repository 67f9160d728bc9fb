"""``grants.tiers.meets`` (the staff dashboard counts in the database) and ``evaluate`` (the
subsidy overview, one community at a time) decide alike, condition by condition, over one
world with every kind of record near every threshold."""

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from communities.models import Community, Event, Membership
from grants.models import Programme, SubsidyAward, SubsidyTier
from grants.tiers import evaluate, facts_for, meets, with_facts
from tests.communities.factories import (
    CommunityFactory,
    EventFactory,
    JointOpinionFactory,
    MembershipFactory,
)
from tests.grants.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year
UTC = datetime.UTC


def _day(rng):
    """A day of this year up to today."""
    return TODAY - datetime.timedelta(days=rng.randrange(TODAY.timetuple().tm_yday))


def _tiers(programme):
    def tier(name, **conditions):
        return SubsidyTier.objects.create(
            programme=programme, name=name, amount=Decimal("1000"), **conditions
        )

    base = tier("base", min_members=3)
    return [
        base,
        tier("nothing asked"),
        tier("zeros asked", min_events=0, min_joint_opinions=0, min_members=0),
        tier("residents", min_declared_residents=30),
        tier("events", min_events=2, event_min_attendance=20),
        tier("any events", min_events=3),
        tier("opinions", min_joint_opinions=2),
        tier("tradition", tradition_min_attendance=40),
        tier("members", min_members=5),
        tier("members capped", min_members=8, members_cap=4),
        tier("growing", min_members=2, members_more_each_award=2, members_cap=7),
        tier("growing uncapped", min_members=1, members_more_each_award=3),
        tier("growing from none", min_members=0, members_more_each_award=4),
        tier("registered", min_registered_years=2),
        tier("registered a year", min_registered_years=1),
        tier("spent", previous_tier=base, min_spent_percent=90),
        tier("had it", previous_tier=base),
        tier(
            "everything",
            min_declared_residents=10,
            min_events=1,
            event_min_attendance=10,
            min_joint_opinions=1,
            tradition_min_attendance=5,
            min_members=1,
            min_registered_years=1,
        ),
    ]


def _world(rng, tiers):
    base = tiers[0]
    growing = [t for t in tiers if t.members_more_each_award]
    registered = [  # the date of registration in the register (none: an informal group)
        None,
        datetime.date(YEAR - 2, 1, 1),
        datetime.date(YEAR - 2, 12, 31),
        datetime.date(YEAR - 1, 12, 31),
        datetime.date(YEAR - 1, 6, 1),
        datetime.date(YEAR - 5, 6, 1),
        datetime.date(YEAR, 1, 1),
    ]
    communities = []
    for number in range(18):
        community = CommunityFactory(
            declared_residents=rng.choice([None, 0, 10, 29, 30, 45]),
            residents_evidence=rng.choice(["", "Biedru saraksts"]),
            registered_on=registered[number % len(registered)],
            status=rng.choice([*Community.WORKING_STATUSES, Community.Status.INACTIVE]),
        )
        for _ in range(rng.randrange(5)):
            EventFactory(
                community=community,
                date=_day(rng),
                attendance=rng.choice([None, 5, 19, 20, 40, 60]),
                kind=rng.choice([Event.Kind.FORUM, Event.Kind.TRADITION]),
                removed_at=rng.choice([None, None, timezone.now()]),
            )
        EventFactory(community=community, date=datetime.date(YEAR - 1, 12, 31), attendance=90)
        EventFactory(
            community=community, date=TODAY + datetime.timedelta(days=3), attendance=90
        )  # planned (counted by neither, whatever its attendance says)
        for _ in range(rng.randrange(4)):
            JointOpinionFactory(
                community=community,
                sent_on=rng.choice([_day(rng), datetime.date(YEAR - 1, 6, 1)]),
                removed_at=rng.choice([None, None, timezone.now()]),
            )
        for _ in range(rng.randrange(9)):
            MembershipFactory(
                community=community,
                status=rng.choice([Membership.Status.ACTIVE] * 3 + [Membership.Status.PENDING]),
            )
        for past in range(1, rng.randrange(1, 5)):
            tier = rng.choice([base, *growing])
            amount = rng.choice([Decimal("1000"), Decimal("0")])
            SubsidyAward.objects.create(
                tier=tier,
                community=community,
                year=YEAR - past,
                amount=amount,
                spent_amount=rng.choice([None, Decimal("899.99"), Decimal("900"), amount]),
            )
        SubsidyAward.objects.create(  # this year's award does not count for this year
            tier=rng.choice([base, *growing]), community=community, year=YEAR, amount=1000
        )
        communities.append(community)
    return communities


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_database_and_evaluate_agree_on_every_tier(seed):
    rng = random.Random(seed)
    tiers = _tiers(ProgrammeFactory(kind=Programme.Kind.SUBSIDY))
    _world(rng, tiers)
    communities = list(Community.objects.filter(status__in=Community.WORKING_STATUSES))
    facts = facts_for(communities, YEAR)
    some_met = 0
    tiers = list(SubsidyTier.objects.select_related("previous_tier"))
    for tier in tiers:
        expected = {c.pk for c in communities if evaluate(tier, facts[c.pk], YEAR).met}
        found = set(
            with_facts(Community.objects.filter(status__in=Community.WORKING_STATUSES), tiers, YEAR)
            .filter(meets(tier, YEAR))
            .values_list("pk", flat=True)
        )
        assert found == expected, tier.name
        some_met += 0 < len(expected) < len(communities)
    assert some_met >= len(tiers) // 2  # the world tells the tiers apart
