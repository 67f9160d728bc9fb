"""Annual subsidy tiers over hand-built activity records; bulk award (item 7)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from communities.models import Event, Membership
from grants.models import Programme, SubsidyAward
from grants.services.subsidies import add_tier, award_subsidies
from grants.tiers import evaluate, facts_for
from tests.communities.factories import (
    CommunityFactory,
    EventFactory,
    JointOpinionFactory,
    MembershipFactory,
)
from tests.grants.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
EARLY = datetime.date(YEAR, 1, 2) if timezone.localdate() > datetime.date(YEAR, 1, 2) else None


def day(n=1):
    return min(timezone.localdate(), datetime.date(YEAR, 1, 1) + datetime.timedelta(days=n))


@pytest.fixture
def subsidy():
    return ProgrammeFactory(kind=Programme.Kind.SUBSIDY, name="Dotācija kopienām")


def kekava_tiers(subsidy):
    first = add_tier(
        actor=None,
        programme=subsidy,
        name="Pamata",
        amount=Decimal("500"),
        min_events=2,
        event_min_attendance=20,
        min_joint_opinions=1,
    )
    second = add_tier(
        actor=None,
        programme=subsidy,
        name="Paplašinātā",
        amount=Decimal("1500"),
        order=1,
        min_events=4,
        event_min_attendance=20,
        min_joint_opinions=2,
        tradition_min_attendance=50,
    )
    return first, second


def test_tiers_met_nearly_met_and_missed(subsidy):
    first, second = kekava_tiers(subsidy)
    active = CommunityFactory()
    for attendance in (25, 30, 22, 21):
        EventFactory(community=active, date=day(), attendance=attendance)
    EventFactory(community=active, date=day(), attendance=60, kind=Event.Kind.TRADITION)
    JointOpinionFactory.create_batch(2, community=active, sent_on=day())
    nearly = CommunityFactory()
    EventFactory(community=nearly, date=day(), attendance=25)
    EventFactory(community=nearly, date=day(), attendance=19)  # below 20: does not count
    JointOpinionFactory(community=nearly, sent_on=day())
    removed = EventFactory(community=nearly, date=day(), attendance=40)
    removed.removed_at = timezone.now()
    removed.save()
    facts = facts_for([active, nearly], YEAR)
    assert evaluate(first, facts[active.pk], YEAR).met
    assert evaluate(second, facts[active.pk], YEAR).met
    result = evaluate(first, facts[nearly.pk], YEAR)
    assert not result.met
    assert result.missing == ["vēl 1 pasākums, kas pulcē iedzīvotājus (vismaz 20)"]
    assert len(evaluate(second, facts[nearly.pk], YEAR).missing) == 3


def test_riga_members_grow_by_5_at_each_award_waived_at_35(subsidy):
    tier = add_tier(
        actor=None,
        programme=subsidy,
        name="Līdz 1000 EUR",
        amount=Decimal("1000"),
        min_members=10,
        members_more_each_award=5,
        members_cap=35,
        min_registered_years=1,
    )
    community = CommunityFactory(
        legal_form="association",
        registered_on=timezone.localdate() - datetime.timedelta(days=800),
    )
    MembershipFactory.create_batch(12, community=community)
    facts = facts_for([community], YEAR)
    assert evaluate(tier, facts[community.pk], YEAR).met  # 12 ≥ 10 the first time
    SubsidyAward.objects.create(tier=tier, community=community, year=YEAR - 1, amount=1000)
    facts = facts_for([community], YEAR)
    result = evaluate(tier, facts[community.pk], YEAR)
    assert not result.met and result.missing  # now 15 are asked
    for past in range(2, 8):
        SubsidyAward.objects.create(tier=tier, community=community, year=YEAR - past, amount=1000)
    MembershipFactory.create_batch(23, community=community)  # 35 members
    facts = facts_for([community], YEAR)
    assert evaluate(tier, facts[community.pk], YEAR).met  # 10 + 5 × 7 = 45, waived at 35


def test_the_3000_tier_needs_90_percent_spent(subsidy):
    base = add_tier(
        actor=None, programme=subsidy, name="1000", amount=Decimal("1000"), min_members=10
    )
    top = add_tier(
        actor=None,
        programme=subsidy,
        name="3000",
        amount=Decimal("3000"),
        min_members=35,
        previous_tier=base,
        min_spent_percent=90,
    )
    community = CommunityFactory()
    MembershipFactory.create_batch(35, community=community)
    award = SubsidyAward.objects.create(
        tier=base, community=community, year=YEAR - 1, amount=1000, spent_amount=850
    )
    assert not evaluate(top, facts_for([community], YEAR)[community.pk], YEAR).met
    award.spent_amount = 900
    award.save()
    assert evaluate(top, facts_for([community], YEAR)[community.pk], YEAR).met


def test_staff_see_every_community_and_award_in_bulk(client, staff, subsidy, leader, community):
    first, _second = kekava_tiers(subsidy)
    for attendance in (25, 30):
        EventFactory(community=community, date=day(), attendance=attendance)
    JointOpinionFactory(community=community, sent_on=day())
    other = CommunityFactory()
    client.force_login(staff)
    url = reverse("grants:subsidy-overview", args=[subsidy.slug])
    assert client.get(url).status_code == 200
    client.post(url, {"tier": first.pk, "community": [community.pk, other.pk]})
    assert not SubsidyAward.objects.exists()  # one of them does not meet it: nothing written
    client.post(url, {"tier": first.pk, "community": [community.pk]})
    assert SubsidyAward.objects.get().community == community
    with pytest.raises(ValidationError):
        award_subsidies(actor=leader, tier=first, communities=[community], year=YEAR)


def test_the_community_s_leaders_see_what_is_missing(client, subsidy, community, leader, resident):
    kekava_tiers(subsidy)
    url = reverse("grants:subsidy-community", args=[subsidy.slug, community.slug])
    client.force_login(leader)
    response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["results"][0].missing) == 2
    client.force_login(resident)
    assert client.get(url).status_code == 403
    assert Membership.objects.filter(user=leader).exists()


def test_the_community_page_shows_the_tier_met_or_what_is_missing_to_its_leaders_only(
    client, subsidy, community, leader, resident
):
    kekava_tiers(subsidy)
    client.force_login(leader)
    page = client.get(community.get_absolute_url()).content.decode()
    panel_url = reverse("grants:subsidy-standing", args=[community.slug])
    assert f'data-hx-get="{panel_url}"' in page  # filled in as the page loads
    assert f'href="{panel_url}"' in page  # and a link without JavaScript
    standing_url = reverse("grants:subsidy-community", args=[subsidy.slug, community.slug])
    for htmx in (True, False):  # the fragment, and the page of its own
        panel = client.get(panel_url, **({"HTTP_HX_REQUEST": "true"} if htmx else {}))
        html = panel.content.decode()
        assert "Dotācija kopienām" in html
        assert standing_url in html
        assert "vēl 2 pasākumi, kas pulcē iedzīvotājus (vismaz 20)" in html  # what is missing
        assert ("<html" in html) is not htmx
    client.force_login(resident)
    assert panel_url not in client.get(community.get_absolute_url()).content.decode()
    assert client.get(panel_url).status_code == 403
    client.logout()
    assert panel_url not in client.get(community.get_absolute_url()).content.decode()
    assert client.get(panel_url).status_code == 302  # to the sign-in
