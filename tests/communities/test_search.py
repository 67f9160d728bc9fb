"""Searching as Latvians type and sorting in Latvian alphabetical order (issue 12, item 9)."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.text import fold, sort_key
from tests.communities.factories import CommunityFactory
from tests.portal.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def names(response):
    return [community.name for community in response.context["communities"]]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("kazoku", "Kažoku kaimiņi"),
        ("KAŽOKU", "Kažoku kaimiņi"),
        ("ķekavas", "Ķekavas upes draugi"),
        ("kekavas", "Ķekavas upes draugi"),
        ("abelu", "Ābeļu kopiena"),
        ("upes draugi", "Ķekavas upes draugi"),
        ("talkas", "Ābeļu kopiena"),  # the description counts too
    ],
)
def test_search_ignores_case_and_diacritics(client, typed, found):
    CommunityFactory(name="Kažoku kaimiņi", description="Svētki pie Misas.")
    CommunityFactory(name="Ķekavas upes draugi", description="Krasta sakopšana.")
    CommunityFactory(name="Ābeļu kopiena", description="Kopā rīkojam talkas.")

    response = client.get(reverse("communities:community-list"), {"q": typed})

    assert names(response) == [found]


def test_names_sort_in_latvian_alphabetical_order(client):
    for name in ["Zaļā", "Ķekava", "Kalni", "Ābele", "Avoti", "Čiekuri", "Centrs", "Kz"]:
        CommunityFactory(name=name)

    response = client.get(reverse("communities:community-list"))

    assert names(response) == [
        "Ābele",
        "Avoti",
        "Centrs",
        "Čiekuri",
        "Kalni",
        "Kz",
        "Ķekava",
        "Zaļā",
    ]


def test_territories_sort_in_latvian_order(client, municipality):
    for name in ["Ziepniekkalns", "Ķengarags", "Kundziņsala", "Āgenskalns", "Atgāzene"]:
        NeighbourhoodFactory(parent=municipality.root, name=name)

    response = client.get(reverse("territory-list"))

    order = [t.name for t in response.context["neighbourhoods"]]
    assert order == ["Āgenskalns", "Atgāzene", "Kundziņsala", "Ķengarags", "Ziepniekkalns"]


def test_renaming_keeps_the_search_and_order_keys():
    community = CommunityFactory(name="Vecais nosaukums")
    community.name = "Ķiršu kopiena"
    community.save(update_fields=["name"])
    community.refresh_from_db()
    assert community.sort_name == sort_key("Ķiršu kopiena")
    assert "kirsu kopiena" in community.search_text


def test_the_national_search_folds_too(municipality):
    CommunityFactory(name="Kažoku kaimiņi")
    response = Client(HTTP_HOST="localhost").get("/lv/communities/", {"q": "kazoku"})
    assert names(response) == ["Kažoku kaimiņi"]


def test_fold_and_key():
    assert fold("  Ķekavas   ĀBEĻU ") == "kekavas abelu"
    assert sort_key("K") < sort_key("Kz") < sort_key("Ķa")
    assert sort_key("Avoti") < sort_key("Āvoti") < sort_key("B")
