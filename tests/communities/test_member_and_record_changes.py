"""Leaving, removing members and correcting the activity record, as people do it over HTTP."""

import pytest
from django.urls import reverse

from communities.models import Event, JointOpinion, Membership
from tests.communities.factories import RECENT, EventFactory, JointOpinionFactory, MembershipFactory


@pytest.mark.django_db
def test_a_member_leaves_after_confirming(client, member, community):
    client.force_login(member)
    url = reverse("communities:membership-leave", args=[community.slug])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "confirm.html" in [t.name for t in confirm.templates]
    client.post(url)

    membership = Membership.objects.get(user=member, community=community)
    assert membership.status == Membership.Status.LEFT
    change = membership.changes.last()
    assert (change.actor, change.from_status, change.to_status) == (member, "active", "left")


@pytest.mark.django_db
def test_the_only_leader_cannot_leave(client, leader, community):
    client.force_login(leader)
    client.post(reverse("communities:membership-leave", args=[community.slug]))
    assert Membership.objects.get(user=leader).status == Membership.Status.ACTIVE


@pytest.mark.django_db
def test_a_leader_removes_a_member_with_a_reason(client, leader, member, community):
    membership = Membership.objects.get(user=member)
    client.force_login(leader)
    url = reverse("communities:member-remove", args=[community.slug, membership.pk])

    assert client.get(url).status_code == 200
    without_reason = client.post(url, {"reason": " "})
    assert without_reason.status_code == 200
    assert without_reason.context["form"].errors["reason"]
    client.post(url, {"reason": "Pārcēlies uz citu novadu."})

    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEFT
    assert membership.changes.last().reason == "Pārcēlies uz citu novadu."
    assert membership.changes.last().actor == leader


@pytest.mark.django_db
def test_a_board_member_may_not_remove_members(client, board_member, member, community):
    membership = Membership.objects.get(user=member)
    client.force_login(board_member)
    url = reverse("communities:member-remove", args=[community.slug, membership.pk])
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert Membership.objects.get(user=member).status == Membership.Status.ACTIVE


@pytest.mark.django_db
def test_a_member_of_another_community_cannot_be_removed_through_this_one(
    client, leader, community
):
    elsewhere = MembershipFactory()
    client.force_login(leader)
    url = reverse("communities:member-remove", args=[community.slug, elsewhere.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404


@pytest.mark.django_db
def test_the_board_corrects_and_removes_events_and_opinions(client, board_member, community):
    event = EventFactory(community=community, attendance=10)
    opinion = JointOpinionFactory(community=community)
    client.force_login(board_member)

    edit = client.get(reverse("communities:event-update", args=[community.slug, event.pk]))
    assert edit.context["form"]["title"].value() == event.title
    client.post(
        reverse("communities:event-update", args=[community.slug, event.pk]),
        {
            "title": event.title,
            "kind": "forum",
            "date": RECENT.isoformat(),
            "place": "Skola",
            "attendance": "31",
        },
    )
    event.refresh_from_db()
    assert (event.attendance, event.place) == (31, "Skola")

    delete_url = reverse("communities:opinion-delete", args=[community.slug, opinion.pk])
    assert opinion.title in client.get(delete_url).content.decode()
    client.post(delete_url, {"reason": "Ierakstīts divreiz."})
    opinion.refresh_from_db()
    assert (opinion.removed_by, opinion.removal_reason) == (board_member, "Ierakstīts divreiz.")
    assert not JointOpinion.objects.recorded().filter(pk=opinion.pk).exists()


@pytest.mark.django_db
def test_records_of_another_community_or_by_plain_members_are_refused(
    client, member, leader, community
):
    foreign = EventFactory()
    own = EventFactory(community=community)

    client.force_login(leader)
    url = reverse("communities:event-delete", args=[community.slug, foreign.pk])
    assert client.post(url).status_code == 404
    client.force_login(member)
    url = reverse("communities:event-delete", args=[community.slug, own.pk])
    assert client.post(url).status_code == 403
    assert Event.objects.filter(pk__in=[foreign.pk, own.pk]).count() == 2
