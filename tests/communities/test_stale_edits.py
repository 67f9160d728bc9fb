"""Nobody loses another's edit (issue 16, item 3): a save on a form opened before someone
else saved or decided is refused, with their changes shown and nothing overwritten."""

import pytest
from django.test import Client
from django.urls import reverse

from communities import services
from communities.models import Community, Membership
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def opened_form(client, community):
    form = client.get(reverse("communities:community-edit", args=[community.slug]))
    return {
        key: value
        for key, value in form.context["form"].initial.items()
        if value is not None and key not in ("neighbourhoods", "supporting_document")
    } | {
        "neighbourhoods": [t.pk for t in community.neighbourhoods.all()],
        "founding_motives": community.founding_motives,
        "legal_form": community.legal_form,
        "version": form.context["form"].fields["version"].initial,
    }


def leader_client(community, role=Membership.Role.BOARD):
    user = UserFactory()
    MembershipFactory(community=community, user=user, role=role)
    client = Client()
    client.force_login(user)
    return client


def test_the_second_of_two_board_members_is_refused_and_keeps_their_text():
    community = CommunityFactory(status=Community.Status.ACTIVE, description="Sākums.")
    first, second = leader_client(community), leader_client(community)
    form_a, form_b = opened_form(first, community), opened_form(second, community)
    url = reverse("communities:community-edit", args=[community.slug])

    assert first.post(url, {**form_a, "description": "Pirmā versija."}).status_code == 302
    response = second.post(url, {**form_b, "description": "Otrā versija."})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Pirmā versija." in html  # what the other person saved, shown
    assert "Otrā versija." in html  # what this person typed, kept in the form
    community.refresh_from_db()
    assert community.description == "Pirmā versija."

    again = second.post(
        url, {**form_b, "description": "Otrā versija.", "version": community.version}
    )
    assert again.status_code == 302
    community.refresh_from_db()
    assert community.description == "Otrā versija."


def test_a_leader_saving_while_staff_deactivate_is_refused_and_the_status_stays():
    community = CommunityFactory(status=Community.Status.ACTIVE, description="Sākums.")
    leader = leader_client(community, role=Membership.Role.LEADER)
    form = opened_form(leader, community)
    services.deactivate_community(
        actor=UserFactory(is_municipal_staff=True), community=community, reason="Nedarbojas."
    )

    response = leader.post(
        reverse("communities:community-edit", args=[community.slug]),
        {**form, "description": "Jauns apraksts."},
    )

    community.refresh_from_db()
    assert community.status == Community.Status.INACTIVE
    assert community.description == "Sākums."
    assert response.status_code in (200, 403)
