"""Municipalities: trees of any depth, adding one from a file, the national view, and pages
whose query counts do not grow with the number of municipalities."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.models import Community
from portal.models import Municipality, Territory
from tests.communities.factories import CommunityFactory
from tests.portal.factories import MunicipalityFactory, NeighbourhoodFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

Status = Community.Status


def three_levels(municipality):
    """municipality → town → neighbourhood, and municipality → parish → village."""
    town = TerritoryFactory(parent=municipality.root, name="Pilsēta", slug="pilseta")
    parish = TerritoryFactory(
        parent=municipality.root, name="Pagasts", slug="pagasts", kind=Territory.Kind.PARISH
    )
    return {
        "town": town,
        "parish": parish,
        "centre": NeighbourhoodFactory(parent=town, slug="centrs"),
        "village": NeighbourhoodFactory(
            parent=parish, slug="ciems", kind=Territory.Kind.VILLAGE, name="Ciems"
        ),
    }


def test_paths_follow_the_tree_and_moves(municipality):
    tree = three_levels(municipality)
    root = municipality.root
    assert tree["village"].path == f"/{root.pk}/{tree['parish'].pk}/{tree['village'].pk}/"
    assert tree["village"].depth == 2
    inside_parish = set(Territory.objects.inside(tree["parish"]))
    assert inside_parish == {tree["parish"], tree["village"]}

    tree["parish"].parent = tree["town"]  # a parish moved under the town, with its village
    tree["parish"].save()
    tree["village"].refresh_from_db()
    assert tree["village"].path.startswith(tree["town"].path)
    assert tree["village"].depth == 3
    assert set(Territory.objects.inside(tree["town"])) == {
        tree["town"],
        tree["centre"],
        tree["parish"],
        tree["village"],
    }


def test_the_municipality_page_counts_communities_at_every_depth(client, municipality):
    tree = three_levels(municipality)
    CommunityFactory(neighbourhoods=[tree["centre"]])
    CommunityFactory(neighbourhoods=[tree["village"]])
    CommunityFactory(neighbourhoods=[tree["centre"], tree["village"]])  # counted once
    CommunityFactory(neighbourhoods=[tree["village"]], status=Status.DRAFT)  # not public

    page = client.get(municipality.root.get_absolute_url())

    assert page.context["paginator"].count == 3
    counts = {area.slug: area.community_count for area in page.context["subareas"]}
    assert counts == {"pilseta": 2, "pagasts": 2}
    town = client.get(tree["town"].get_absolute_url())
    assert town.context["paginator"].count == 2


def test_a_two_level_tree_counts_too():
    riga = MunicipalityFactory(name="Rīga", slug="riga", hosts=["riga.test"])
    centre = NeighbourhoodFactory(parent=riga.root, slug="centrs", name="Centrs")
    other = NeighbourhoodFactory(parent=riga.root, slug="avoti", name="Avoti")
    CommunityFactory(municipality=riga, neighbourhoods=[centre])
    CommunityFactory(municipality=riga, neighbourhoods=[centre, other])

    client = Client(HTTP_HOST="riga.test")
    page = client.get(reverse("territory-detail", args=["riga"]))

    assert page.context["paginator"].count == 2
    assert {a.slug: a.community_count for a in page.context["subareas"]} == {
        "avoti": 1,
        "centrs": 2,
    }
    territories = client.get(reverse("territory-list"))
    assert [t.slug for t in territories.context["neighbourhoods"]] == ["avoti", "centrs"]
    assert territories.context["areas"] == []


def test_a_long_list_of_neighbourhoods_is_grouped_by_parent(client, municipality):
    tree = three_levels(municipality)
    bare = NeighbourhoodFactory(parent=municipality.root, slug="tuvums", name="Tuvums")
    from tests.portal.factories import UserFactory

    client.force_login(UserFactory())
    form = client.get(reverse("communities:community-register")).context["form"]
    choices = form.fields["neighbourhoods"].choices
    assert (bare.pk, "Tuvums") in choices
    groups = dict(choice for choice in choices if isinstance(choice[1], list))
    assert groups["Pilsēta"] == [(tree["centre"].pk, tree["centre"].name)]
    assert groups["Pagasts"] == [(tree["village"].pk, "Ciems")]
    html = client.get(reverse("communities:community-register")).content.decode()
    assert "<legend>Pilsēta</legend>" in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_queries_do_not_grow_with_the_number_of_municipalities(municipality):
    three_levels(municipality)
    CommunityFactory()
    client = Client()
    urls = [
        reverse("home"),
        reverse("communities:community-list"),
        reverse("territory-list"),
        municipality.root.get_absolute_url(),
    ]
    for url in urls:
        client.get(url)  # a first visit (templates loaded), not counted here
    few = [_queries(client, url) for url in urls]
    for _ in range(5):
        other = MunicipalityFactory()
        three_levels(other)
        CommunityFactory(municipality=other, neighbourhoods=[other.territories.last()])
    for url in urls:
        client.get(url)
    many = [_queries(client, url) for url in urls]

    assert many == few
    national = Client(HTTP_HOST="localhost")
    national.get("/lv/")
    assert _queries(national, "/lv/") <= 11


def test_the_national_view_lists_municipalities_with_figures(municipality, settings):
    settings.PORTAL_SITE_PORT = "8000"  # as in development (make run)
    tree = three_levels(municipality)
    CommunityFactory(neighbourhoods=[tree["centre"]])
    CommunityFactory(neighbourhoods=[tree["centre"]], status=Status.SUBMITTED)
    riga = MunicipalityFactory(name="Rīga", slug="riga", hosts=["riga.test"])
    NeighbourhoodFactory(parent=riga.root)

    response = Client(HTTP_HOST="localhost:8000").get("/lv/")

    rows = {m.slug: m for m in response.context["municipalities"]}
    assert (rows["testa-novads"].working_count, rows["testa-novads"].without_count) == (1, 1)
    assert (rows["riga"].working_count, rows["riga"].without_count) == (0, 1)
    assert rows["riga"].link == "http://riga.test:8000/lv/"
    html = response.content.decode()
    assert 'href="http://riga.test:8000/lv/"' in html
    assert "communities/register" not in html  # no page of a municipality on the national host


def test_the_national_search_finds_public_communities_everywhere(municipality):
    riga = MunicipalityFactory(name="Rīga", slug="riga", hosts=["riga.test"])
    ours = CommunityFactory(name="Upes kaimiņi")
    theirs = CommunityFactory(municipality=riga, name="Upes draugi")
    CommunityFactory(municipality=riga, name="Upes melnraksts", status=Status.DRAFT)
    CommunityFactory(municipality=riga, name="Meža ļaudis")
    client = Client(HTTP_HOST="localhost")

    found = client.get("/lv/communities/", {"q": "upes"})

    assert [c.name for c in found.context["communities"]] == ["Upes draugi", "Upes kaimiņi"]
    links = {c.name: c.link for c in found.context["communities"]}
    assert links[theirs.name] == f"http://riga.test/lv/communities/{theirs.slug}/"
    assert links[ours.name] == f"http://testserver/lv/communities/{ours.slug}/"
    narrowed = client.get("/lv/communities/", {"q": "upes", "municipality": "riga"})
    assert [c.name for c in narrowed.context["communities"]] == ["Upes draugi"]
    # The pages of a municipality do not exist on the national host.
    assert client.get("/lv/territories/").status_code == 404
    assert client.get(f"/lv/communities/{ours.slug}/").status_code == 404


SAMPLE = """
- {slug: jauns-novads, name: "Jaunais novads", kind: novads}
- {slug: pilseta, name: "Pilsēta", kind: pilseta, parent: jauns-novads}
- {slug: lauki, name: "Lauku pagasts", kind: pagasts, parent: jauns-novads}
- {slug: ciems, name: "Ciems", kind: ciems, parent: lauki}
"""


def test_load_territories_adds_a_municipality_and_runs_again_safely(tmp_path):
    path = Path(tmp_path) / "jauns.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    out = StringIO()

    call_command("load_territories", str(path), "--host", "jauns.example.lv", stdout=out)
    call_command("load_territories", str(path), "--host", "jauns.example.lv", stdout=out)
    path.write_text(
        SAMPLE.replace("Ciems", "Lielciems").replace("parent: lauki", "parent: pilseta")
    )
    call_command("load_territories", str(path), "--host", "www.jauns.example.lv", stdout=out)

    municipality = Municipality.objects.get(slug="jauns-novads")
    assert municipality.name == "Jaunais novads"
    assert municipality.primary_host == "jauns.example.lv"
    assert sorted(h.name for h in municipality.hosts.all()) == [
        "jauns.example.lv",
        "www.jauns.example.lv",
    ]
    assert municipality.territories.count() == 4
    village = municipality.territories.get(slug="ciems")
    assert village.name == "Lielciems"
    assert village.path.startswith(municipality.territories.get(slug="pilseta").path)
    assert village.is_neighbourhood
    assert not municipality.territories.get(slug="pilseta").is_neighbourhood
    assert "Jaunais novads: 4 territories" in out.getvalue()

    response = Client(HTTP_HOST="www.jauns.example.lv").get("/lv/territories/")
    assert response.wsgi_request.municipality == municipality


def test_load_territories_refuses_a_host_of_another_municipality(tmp_path, municipality):
    path = Path(tmp_path) / "jauns.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(CommandError, match="already serves"):
        call_command("load_territories", str(path), "--host", "testserver", stdout=StringIO())
    bad = Path(tmp_path) / "bad.yaml"
    bad.write_text("- {slug: a, name: A, kind: novads}\n- {slug: b, name: B, kind: x, parent: a}")
    with pytest.raises(CommandError, match="unknown kind"):
        call_command("load_territories", str(bad), stdout=StringIO())


def test_the_shipped_riga_file_loads_as_a_two_level_tree(tmp_path):
    source = Path(__file__).resolve().parents[2] / "portal" / "demo" / "riga-apkaimes.yaml"
    call_command("load_territories", str(source), "--host", "riga.test", stdout=StringIO())
    riga = Municipality.objects.get(slug="riga")
    assert riga.territories.neighbourhoods().count() == 58
    assert not riga.territories.filter(path__regex=r"^/\d+/\d+/\d+/").exists()


def test_account_emails_and_the_statement_are_the_hosts_municipality(
    mailoutbox, verified_email, django_capture_on_commit_callbacks
):
    from tests.portal.factories import UserFactory

    riga = MunicipalityFactory(name="Rīga", slug="riga", hosts=["riga.test"])
    Municipality.objects.filter(pk=riga.pk).update(
        email_from_address="apkaimes@riga.example", email="info@riga.example"
    )
    person = UserFactory()
    verified_email(person)
    client = Client(HTTP_HOST="riga.test")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": person.email})

    assert [m.from_email for m in mailoutbox] == ['"Rīga" <apkaimes@riga.example>']
    assert "http://riga.test/accounts/password/reset/key/" in mailoutbox[0].body
    statement = client.get(reverse("accessibility")).content.decode()
    assert "info@riga.example" in statement
    assert "info@riga.example" not in Client().get(reverse("accessibility")).content.decode()


def test_authenticator_apps_name_the_municipality_of_the_host():
    from allauth.core.context import request_context
    from django.test import RequestFactory

    from portal.adapters import MFAAdapter

    request = RequestFactory().get("/")
    request.municipality = MunicipalityFactory(name="Rīga")
    with request_context(request):
        assert MFAAdapter().get_totp_issuer() == "Kopienu portāls (Rīga)"
    request.municipality = None
    with request_context(request):
        assert MFAAdapter().get_totp_issuer() == "Kopienu portāls"
