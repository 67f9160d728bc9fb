"""The verification queue's filters, each as staff would choose it: the rows come from one
shape for each combination of filters (``communities.views.verification._queue``), so every
filter and their combinations are walked here against the rows they must and must not show."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Community, ExperienceOffer
from tests.communities.factories import CommunityFactory
from tests.communities.view_helpers import _staff_without_second_factor  # noqa: F401
from tests.portal.factories import NeighbourhoodFactory, ParishFactory

pytestmark = pytest.mark.django_db

Status, Form = Community.Status, Community.LegalForm


@pytest.fixture
def queue(municipality):
    """Communities in every state the queue knows, in two parishes."""
    east = ParishFactory(parent=municipality.root, name="Austrumi")
    west = ParishFactory(parent=municipality.root, name="Rietumi")
    east_place = NeighbourhoodFactory(parent=east, name="Saulrīti")
    west_place = NeighbourhoodFactory(parent=west, name="Vakari")
    old = timezone.now() - datetime.timedelta(days=40)
    made = {
        "Ābeļu kaimiņi": {"status": Status.SUBMITTED, "neighbourhoods": [east_place]},
        "Bērzu biedrība": {
            "status": Status.SUBMITTED,
            "legal_form": Form.ASSOCIATION,
            "register_number": "40008000001",
            "neighbourhoods": [west_place],
        },
        "Ceriņu draugi": {"status": Status.RETURNED, "neighbourhoods": [west_place]},
        "Dižā melnraksts": {"status": Status.DRAFT, "neighbourhoods": [east_place]},
        "Jaunais melnraksts": {"status": Status.DRAFT, "neighbourhoods": [east_place]},
        "Egļu aktīvie": {"status": Status.ACTIVE, "neighbourhoods": [east_place]},
    }
    rows = {name: CommunityFactory(name=name, **fields) for name, fields in made.items()}
    Community.objects.filter(pk=rows["Dižā melnraksts"].pk).update(created_at=old)
    ExperienceOffer.objects.create(community=rows["Ceriņu draugi"])
    return {"east": east, "west": west, "east_place": east_place}


def shown(client, **chosen):
    response = client.get(reverse("communities:community-queue"), chosen)
    assert response.status_code == 200
    page = response.content.decode()
    return {
        name
        for name in (
            "Ābeļu kaimiņi",
            "Bērzu biedrība",
            "Ceriņu draugi",
            "Dižā melnraksts",
            "Jaunais melnraksts",
            "Egļu aktīvie",
        )
        if name in page
    }


def test_each_filter_and_their_combinations_show_their_rows(client, staff, queue):
    client.force_login(staff)
    waiting = {"Ābeļu kaimiņi", "Bērzu biedrība", "Ceriņu draugi", "Dižā melnraksts"}

    assert shown(client) == {"Ābeļu kaimiņi", "Bērzu biedrība"}  # submitted, by default
    assert shown(client, status="") == waiting
    assert shown(client, status=Status.RETURNED) == {"Ceriņu draugi"}
    assert shown(client, status=Status.DRAFT) == {"Dižā melnraksts"}  # 30 days old or more
    assert shown(client, status="", legal_form=Form.ASSOCIATION) == {"Bērzu biedrība"}
    assert shown(client, status="", neighbourhood=queue["east"].slug) == {
        "Ābeļu kaimiņi",
        "Dižā melnraksts",
    }
    assert shown(client, status="", neighbourhood=queue["east_place"].slug) == {
        "Ābeļu kaimiņi",
        "Dižā melnraksts",
    }
    assert shown(client, status="", q="berzu") == {"Bērzu biedrība"}  # without diacritics
    assert shown(client, status="", q="KAIMIŅI ābeļu") == {"Ābeļu kaimiņi"}
    assert shown(client, status="", q="ābeļu bērzu") == set()  # every word must match
    assert shown(client, status="", shares="on") == {"Ceriņu draugi"}
    assert (
        shown(
            client,
            status=Status.SUBMITTED,
            legal_form=Form.INFORMAL,
            neighbourhood=queue["west"].slug,
        )
        == set()
    )
    assert shown(client, status="", neighbourhood=queue["west"].slug, q="cer") == {"Ceriņu draugi"}


def test_a_choice_that_is_not_offered_shows_no_rows_and_says_why(client, staff, queue):
    client.force_login(staff)

    response = client.get(reverse("communities:community-queue"), {"status": "active"})

    assert response.status_code == 200
    assert "Egļu aktīvie" not in response.content.decode()
    assert response.context["filter"].form.errors["status"]


def test_the_rows_name_their_neighbourhoods_form_day_and_status(client, staff, queue):
    client.force_login(staff)
    CommunityFactory(name="Tom & <Jerry>", status=Status.SUBMITTED)

    page = client.get(reverse("communities:community-queue")).content.decode()

    assert "Tom &amp; &lt;Jerry&gt;" in page and "<Jerry>" not in page
    review = reverse("communities:community-review", args=["berzu-biedriba"])
    assert f'<a href="{review}">Bērzu biedrība</a>' in page
    assert ">Vakari</td>" in page
    assert 'class="tag status--submitted"' in page
