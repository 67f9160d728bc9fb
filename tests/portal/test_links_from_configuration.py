"""Absolute links come from configuration, never from the request (issue 24 item 5).

One request with ``Host: localhost:31337`` (or a municipality's host with an odd port, or an
``X-Forwarded-Host``) must not put that port or host into a link: not in its own answer, and
not in anybody's later one.
"""

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from communities.models import Community
from portal.links import municipality_url, national_url, on_own_host
from portal.models import MunicipalityHost
from tests.communities.factories import CommunityFactory
from tests.consultations.factories import ConsultationFactory
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

ODD = "31337"


@pytest.fixture
def riga(municipality):
    riga = MunicipalityFactory(name="Rīga", slug="riga", hosts=["riga.test"])
    CommunityFactory(municipality=riga, name="Upes draugi", status=Community.Status.ACTIVE)
    ConsultationFactory(municipality=riga, title="Rīgas budžets")
    return riga


def _links(response):
    html = response.content.decode()
    return [part.split('"', 1)[0] for part in html.split('href="')[1:]]


def _absolute(response):
    return [link for link in _links(response) if link.startswith("http")]


def test_the_kit_builds_links_from_the_host_rows_and_settings(municipality, settings):
    settings.PORTAL_SITE_SCHEME = "https"
    settings.PORTAL_SITE_PORT = ""
    settings.PORTAL_NATIONAL_HOSTS = ["kopienas.example.lv", "www.kopienas.example.lv"]
    assert municipality_url(municipality, "/lv/") == "https://testserver/lv/"
    assert municipality_url(None, "/lv/") == "https://kopienas.example.lv/lv/"
    assert national_url() == "https://kopienas.example.lv"

    settings.PORTAL_SITE_SCHEME = "http"
    settings.PORTAL_SITE_PORT = "8000"  # development (make run)
    MunicipalityHost.objects.filter(municipality=municipality).update(is_primary=False)
    MunicipalityHost.objects.filter(name="portal.localhost").update(is_primary=True)
    fresh = type(municipality).objects.get(pk=municipality.pk)
    assert municipality_url(fresh, "/lv/") == "http://portal.localhost:8000/lv/"
    assert fresh.url("/lv/") == "http://portal.localhost:8000/lv/"
    assert (
        on_own_host(f"https://evil.example:{ODD}/accounts/x/?a=1#b", fresh)
        == "http://portal.localhost:8000/accounts/x/?a=1#b"
    )
    assert on_own_host("/lv/", fresh) == "/lv/"


@pytest.mark.parametrize("port", ["", "8000"])
def test_the_national_view_links_by_configuration_not_by_the_request(riga, settings, port):
    settings.PORTAL_SITE_PORT = port
    expected = f"http://riga.test{':' + port if port else ''}/lv/"

    poisoned = Client(HTTP_HOST=f"localhost:{ODD}").get("/lv/")
    later = Client(HTTP_HOST="localhost").get("/lv/")

    for response in (poisoned, later):
        assert response.status_code == 200
        links = _absolute(response)
        assert expected in links
        assert links and not [link for link in links if ODD in link], links


def test_the_national_search_links_by_configuration_not_by_the_request(riga):
    poisoned = Client(HTTP_HOST=f"LOCALHOST:{ODD}").get("/lv/communities/", {"q": "upes"})
    later = Client(HTTP_HOST="localhost").get("/lv/communities/", {"q": "upes"})

    for response in (poisoned, later):  # the later one may be answered from a cache
        links = _absolute(response)
        assert "http://riga.test/lv/communities/upes-draugi/" in links
        assert not [link for link in links if ODD in link], links


def test_a_forwarded_host_is_never_trusted(riga):
    response = Client(
        HTTP_HOST="localhost",
        HTTP_X_FORWARDED_HOST=f"evil.example:{ODD}",
        HTTP_X_FORWARDED_PORT=ODD,
    ).get("/lv/")
    links = _absolute(response)
    assert "http://riga.test/lv/" in links
    assert not [link for link in links if "evil" in link or ODD in link]


def test_the_calendar_feed_links_by_configuration_not_by_the_request(municipality):
    consultation = ConsultationFactory(title="Ielu apgaismojums")
    feed = reverse("participation-calendar")

    poisoned = Client(HTTP_HOST=f"testserver:{ODD}").get(feed)
    later = Client().get(feed)

    for response in (poisoned, later):
        assert ODD not in response.content.decode()
        entries = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        entry = {str(e["UID"]): e for e in entries}[f"consultation-{consultation.pk}@testserver"]
        assert str(entry["URL"]) == f"http://testserver{consultation.get_absolute_url()}"


def test_the_calendar_feed_on_a_second_host_links_to_the_primary_one(municipality):
    consultation = ConsultationFactory(title="Ielu apgaismojums")
    response = Client(HTTP_HOST=f"portal.localhost:{ODD}").get(reverse("participation-calendar"))
    entry = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(entry["UID"]) == f"consultation-{consultation.pk}@testserver"
    assert str(entry["URL"]) == f"http://testserver{consultation.get_absolute_url()}"


def test_account_emails_link_to_the_primary_host_whatever_the_request_said(
    riga, mailoutbox, verified_email, django_capture_on_commit_callbacks
):
    from tests.portal.factories import UserFactory

    MunicipalityHost.objects.create(municipality=riga, name="www.riga.test")
    person = UserFactory()
    verified_email(person)

    with django_capture_on_commit_callbacks(execute=True):
        Client(HTTP_HOST=f"www.riga.test:{ODD}", HTTP_X_FORWARDED_HOST="evil.example").post(
            reverse("account_reset_password"), {"email": person.email}
        )
        Client(HTTP_HOST=f"riga.test:{ODD}").post(
            reverse("account_reset_password"), {"email": "nobody@example.lv"}
        )

    assert len(mailoutbox) == 2
    reset, unknown = (message.body for message in mailoutbox)
    assert "http://riga.test/accounts/password/reset/key/" in reset
    assert "http://riga.test/accounts/signup/" in unknown
    assert ODD not in reset + unknown and "evil" not in reset + unknown
