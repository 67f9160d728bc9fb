"""Residents' council elections: one vote per account, only for the declared territory,
staff review the voters, the results give the elected their seats."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from councils.models import Council, Election, Term
from councils.services import elections
from tests.councils.factories import CouncilFactory
from tests.portal.factories import NeighbourhoodFactory, ParishFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(staff):
    parish = ParishFactory(name="Baldones pagasts")
    north = NeighbourhoodFactory(parent=parish, name="Ziemeļi")
    south = NeighbourhoodFactory(parent=parish, name="Dienvidi")
    elsewhere = NeighbourhoodFactory(name="Cita apkaime")
    council = CouncilFactory(kind=Council.Kind.RESIDENTS, territory=parish, seats=2)
    election = elections.call_election(
        actor=staff,
        council=council,
        stand_until=TODAY,
        votes_from=TODAY + DAY,
        votes_until=TODAY + 5 * DAY,
    )
    anna, juris = UserFactory(full_name="Anna"), UserFactory(full_name="Juris")
    north_one = elections.stand(
        actor=anna, election=election, territory=north, statement="Ziemeļi.", meets_conditions=True
    )
    south_one = elections.stand(
        actor=juris,
        election=election,
        territory=south,
        statement="Dienvidi.",
        meets_conditions=True,
    )
    return {
        "council": council,
        "election": election,
        "north": north,
        "south": south,
        "elsewhere": elsewhere,
        "north_one": north_one,
        "south_one": south_one,
    }


def test_candidates_confirm_the_conditions(world):
    with pytest.raises(ValidationError) as refused:
        elections.stand(
            actor=UserFactory(),
            election=world["election"],
            territory=world["north"],
            statement="x",
            meets_conditions=False,
        )
    assert "16" in str(refused.value)


def test_one_vote_per_account_and_only_for_the_declared_territory(world):
    election, voter = world["election"], UserFactory()
    with pytest.raises(ValidationError):  # voting has not started
        elections.cast_vote(
            actor=voter, election=election, candidacy=world["north_one"], territory=world["north"]
        )
    with freeze_time(TODAY + 2 * DAY):
        with pytest.raises(ValidationError) as refused:  # a candidate of another part
            elections.cast_vote(
                actor=voter,
                election=election,
                candidacy=world["south_one"],
                territory=world["north"],
            )
        assert refused.value.error_dict["candidacy"][0].code == "elsewhere"
        with pytest.raises(ValidationError):  # not a resident of the council's territory
            elections.cast_vote(
                actor=voter,
                election=election,
                candidacy=world["north_one"],
                territory=world["elsewhere"],
            )
        elections.cast_vote(
            actor=voter, election=election, candidacy=world["north_one"], territory=world["north"]
        )
        with pytest.raises(ValidationError) as twice:
            elections.cast_vote(
                actor=voter,
                election=election,
                candidacy=world["north_one"],
                territory=world["north"],
            )
        assert twice.value.code == "twice"
    assert election.votes.count() == 1


def test_staff_review_the_voters_and_publish_the_results(world, staff, client):
    election = world["election"]
    with freeze_time(TODAY + 2 * DAY):
        votes = [
            elections.cast_vote(
                actor=UserFactory(),
                election=election,
                candidacy=world["south_one"],
                territory=world["south"],
            )
            for _ in range(2)
        ]
        elections.cast_vote(
            actor=UserFactory(),
            election=election,
            candidacy=world["north_one"],
            territory=world["north"],
        )
        with pytest.raises(ValidationError):
            elections.publish_results(actor=staff, election=election)
        client.force_login(staff)
        page = client.get(election.get_absolute_url())
        assert len(page.context["votes"]) == 3
        client.post(
            reverse(
                "councils:vote-aside",
                kwargs={"slug": world["council"].slug, "pk": election.pk, "vote": votes[0].pk},
            ),
            {"reason": "Tas pats cilvēks ar diviem kontiem."},
        )
    with freeze_time(TODAY + 6 * DAY):
        client.force_login(staff)
        response = client.post(
            reverse(
                "councils:election-publish",
                kwargs={"slug": world["council"].slug, "pk": election.pk},
            )
        )
        election.refresh_from_db()
        assert election.status == Election.Status.PUBLISHED, [
            str(m) for m in response.wsgi_request._messages
        ]
        results = {c.person.full_name: (c.votes, c.elected) for c in election.candidacies.all()}
        assert results == {"Anna": (1, True), "Juris": (1, True)}
        sitting = set(
            Term.objects.sitting()
            .filter(seat__council=world["council"])
            .values_list("member__full_name", flat=True)
        )
        assert sitting == {"Anna", "Juris"}
        page = client.get(election.get_absolute_url()).content.decode()
        assert "Anna" in page


def test_a_resident_stands_and_votes_over_http(world, client):
    election = world["election"]
    client.force_login(UserFactory())
    url = reverse("councils:stand", kwargs={"slug": world["council"].slug, "pk": election.pk})
    response = client.post(
        url, {"territory": world["north"].pk, "statement": "Par parku.", "meets_conditions": "on"}
    )
    assert response.status_code == 302
    assert election.candidacies.count() == 3
    with freeze_time(TODAY + 2 * DAY):
        voter = UserFactory()
        client.force_login(voter)
        client.post(
            reverse("councils:vote", kwargs={"slug": world["council"].slug, "pk": election.pk}),
            {"territory": world["north"].pk, "candidacy": world["north_one"].pk},
        )
        assert election.votes.get().voter == voter
