"""Helpers shared by the service tests."""

import datetime

import pytest
from django.utils import translation

from communities.models import Community, CommunityStatusChange, MembershipChange
from tests.communities.factories import CommunityFactory
from tests.portal.factories import UserFactory

Status = Community.Status
NOW = datetime.datetime(2026, 3, 2, 10, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages are compared in English, whatever the Latvian catalogue says."""
    with translation.override("en"):
        yield


def history(community):
    return [
        (change.actor, change.from_status, change.to_status, change.reason)
        for change in CommunityStatusChange.objects.filter(community=community).order_by("at", "pk")
    ]


def membership_history(membership):
    return [
        (change.actor, change.from_status, change.to_status)
        for change in MembershipChange.objects.filter(membership=membership).order_by("at", "pk")
    ]


def draft_with_leader(**kwargs):
    leader = UserFactory()
    community = CommunityFactory(status=kwargs.pop("status", Status.DRAFT), leader=leader, **kwargs)
    return community, leader
