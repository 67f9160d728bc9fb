"""The home page's number of working communities is kept on the municipality's row
(``Municipality.working_community_count``, communities.counts), changed in the transaction
that changes a community, whoever writes it: a service, the admin or a factory."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from communities.models import Community
from communities.services.verification import (
    activate_community,
    deactivate_community,
    verify_community,
)
from portal.models import Municipality
from tests.communities.factories import CommunityFactory
from tests.portal.factories import MunicipalityFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db

Status = Community.Status


def kept(municipality):
    return Municipality.objects.get(pk=municipality.pk).working_community_count


def shown(client=None):
    return (client or Client()).get(reverse("home")).context["community_count"]


def test_the_kept_count_follows_every_move_in_the_same_transaction(municipality, staff):
    submitted = CommunityFactory(status=Status.SUBMITTED)
    CommunityFactory(status=Status.DRAFT)
    assert kept(municipality) == 0

    with transaction.atomic():
        verify_community(actor=staff, community=submitted)
        assert kept(municipality) == 1  # before the commit, with the status it counts
    assert shown() == 1
    activate_community(actor=staff, community=submitted)
    assert shown() == 1
    deactivate_community(actor=staff, community=submitted, reason="Neaktīva")
    assert shown() == 0
    activate_community(actor=staff, community=submitted)
    assert shown() == 1


def test_created_saved_and_deleted_communities_are_counted_again(municipality):
    active = CommunityFactory(status=Status.ACTIVE)
    verified = CommunityFactory(status=Status.VERIFIED)
    CommunityFactory(status=Status.INACTIVE)
    assert shown() == 2

    active.status = Status.INACTIVE
    active.save()
    assert shown() == 1
    verified.delete()
    assert shown() == 0


def test_each_municipality_counts_its_own(municipality):
    other = MunicipalityFactory(hosts=["cits.test"])
    CommunityFactory(status=Status.ACTIVE)
    CommunityFactory.create_batch(2, municipality=other, status=Status.ACTIVE)

    assert shown() == 1
    assert shown(Client(HTTP_HOST="cits.test")) == 2


def test_saving_a_row_read_earlier_leaves_the_kept_counts_alone(municipality):
    """An edit form or the admin saves the whole row it read: the counts it read with it
    must not overwrite a change made meanwhile."""
    from communities.counts import recount
    from portal.models import Territory

    read_earlier = Municipality.objects.get(pk=municipality.pk)
    territory = NeighbourhoodFactory(municipality=municipality)
    territory_read_earlier = Territory.objects.get(pk=territory.pk)
    community = CommunityFactory(status=Status.ACTIVE)
    community.neighbourhoods.set([territory])
    recount([territory.pk])
    assert kept(municipality) == 1
    assert Territory.objects.get(pk=territory.pk).community_count == 1

    read_earlier.name = "Jaunais nosaukums"
    read_earlier.save()
    territory_read_earlier.description = "Apraksts"
    territory_read_earlier.save()

    assert kept(municipality) == 1
    assert Municipality.objects.get(pk=municipality.pk).name == "Jaunais nosaukums"
    territory = Territory.objects.get(pk=territory.pk)
    assert territory.community_count == 1 and territory.description == "Apraksts"
