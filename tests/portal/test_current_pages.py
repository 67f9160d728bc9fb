"""Pages rendered afresh on every request: nothing rendered is kept, so a change shows on the
next request and nothing is ever shared between people of different kinds, languages,
municipalities or fragment and page."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.models import Community
from communities.services.verification import verify_community
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import MunicipalityFactory, NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["home", "communities:community-list", "territory-list"]


def queries(client, url, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("name", PAGES)
def test_a_second_visit_renders_the_page_again_and_keeps_nothing(client, name):
    CommunityFactory()
    url = reverse(name)
    queries(client, url)  # a first visit (templates loaded)
    kept = set(cache._cache)  # the tests' LocMemCache
    first, page = queries(client, url)
    again, repeated = queries(client, url + "?utm_source=newsletter")
    assert first > 0
    assert again == first
    assert main(repeated) == main(page)
    assert set(cache._cache) == kept  # nothing rendered is kept, whatever the query string


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_a_decision_shows_at_once(client, django_capture_on_commit_callbacks):
    staff = UserFactory(is_municipal_staff=True)
    community = CommunityFactory(name="Jaunā kopiena", status=Community.Status.SUBMITTED)
    url = reverse("communities:community-list")
    assert "Jaunā kopiena" not in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        verify_community(actor=staff, community=community)

    assert "Jaunā kopiena" in client.get(url).content.decode()
    territory = community.neighbourhoods.get()
    assert "Jaunā kopiena" in client.get(territory.get_absolute_url()).content.decode()


def test_a_new_member_changes_the_count_on_the_card(client):
    community = CommunityFactory(name="Liepu kopiena")
    url = reverse("communities:community-list")
    assert "0 biedru" in client.get(url).content.decode()
    MembershipFactory(community=community)
    assert "1 biedrs" in client.get(url).content.decode()


def test_staff_and_residents_never_share_content(client):
    neighbourhood = NeighbourhoodFactory()
    staff = UserFactory(is_municipal_staff=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    change = reverse("territory-contact", args=[neighbourhood.slug])
    staff_client = Client()
    staff_client.force_login(staff)

    assert change in staff_client.get(reverse("territory-list")).content.decode()
    assert change not in client.get(reverse("territory-list")).content.decode()
    assert change in staff_client.get(neighbourhood.get_absolute_url()).content.decode()
    assert change not in client.get(neighbourhood.get_absolute_url()).content.decode()


def test_languages_fragments_and_municipalities_are_kept_apart(client):
    CommunityFactory(name="Ozolu kopiena")
    other = MunicipalityFactory(hosts=["cits.test"])
    CommunityFactory(municipality=other, name="Citu kopiena")
    url = reverse("communities:community-list")

    latvian = client.get(url).content.decode()
    english = client.get("/en/communities/").content.decode()
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    elsewhere = Client(HTTP_HOST="cits.test").get(url).content.decode()

    assert "Kopienu reģistrs" in latvian and "Community registry" in english
    assert "<html" in latvian and "<html" not in fragment and "Ozolu kopiena" in fragment
    assert "Citu kopiena" in elsewhere and "Ozolu kopiena" not in elsewhere
    assert "Citu kopiena" not in client.get(url).content.decode()
