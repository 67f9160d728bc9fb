"""Personal data under the GDPR (issue 16, item 8, in part): the privacy notice names the
host's municipality, each person downloads what the portal holds about them, and pages for
a signed-in person are never cached by browsers or proxies."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_names_the_hosts_municipality(client, municipality):
    riga = MunicipalityFactory(name="Rīga", hosts=["riga.test"])
    assert "Testa novads" in client.get(reverse("privacy")).content.decode()
    assert "Rīga" in Client(HTTP_HOST="riga.test").get(reverse("privacy")).content.decode()
    national = Client(HTTP_HOST="localhost").get(reverse("privacy")).content.decode()
    assert "Each municipality" in national or "Katra pašvaldība" in national
    assert riga.name not in client.get(reverse("privacy")).content.decode()


def test_forms_that_ask_for_personal_data_link_to_the_notice(client):
    notice = f'href="{reverse("privacy")}"'
    assert notice in client.get(reverse("account_signup")).content.decode()
    client.force_login(UserFactory())
    assert notice in client.get(reverse("communities:community-register")).content.decode()
    assert notice in client.get(reverse("home")).content.decode()  # the footer


def test_a_person_downloads_their_own_data_and_nobody_elses(client):
    person = UserFactory(full_name="Anna Liepa")
    community = CommunityFactory(name="Liepu kopiena")
    MembershipFactory(community=community, user=person, message="Dzīvoju Liepu ielā 3.")
    other = UserFactory(full_name="Cits Cilvēks")
    MembershipFactory(community=CommunityFactory(name="Citu kopiena"), user=other)
    client.force_login(person)

    page = client.get(reverse("my-data"))
    download = client.get(reverse("my-data"), {"format": "json"})

    html = page.content.decode()
    assert "Liepu kopiena" in html and "Dzīvoju Liepu ielā 3." in html
    assert "Citu kopiena" not in html and "Cits Cilvēks" not in html
    assert download["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(download.content)
    assert data["account"]["email"] == person.email
    assert set(data["account"]) == {"email", "name", "language_of_emails", "joined", "last_login"}
    assert [m["community"] for m in data["memberships"]] == ["Liepu kopiena"]
    assert "no-store" in download["Cache-Control"]


def test_your_data_needs_signing_in(client):
    response = client.get(reverse("my-data"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_pages_for_a_signed_in_person_are_not_kept_by_caches(client):
    assert "no-store" not in client.get(reverse("home")).get("Cache-Control", "")
    client.force_login(UserFactory())
    assert "no-store" in client.get(reverse("home"))["Cache-Control"]
    assert "no-store" in client.get(reverse("profile"))["Cache-Control"]


def test_the_notice_says_photos_are_kept_without_their_hidden_details(client):
    notice = client.get(reverse("privacy")).content.decode()
    assert "bez tajos slēptajām ziņām (kur un kad tie uzņemti" in notice
