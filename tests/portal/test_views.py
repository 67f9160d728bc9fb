"""The site-wide pages: home, territories, accessibility statement, languages, health."""

import pytest
from django.urls import reverse

from communities.models import Community
from tests.communities.factories import CommunityFactory
from tests.portal.factories import NeighbourhoodFactory


@pytest.mark.django_db
def test_home_lists_neighbourhoods_without_a_community(client):
    covered = NeighbourhoodFactory(name="Pārklātā")
    bare = NeighbourhoodFactory(name="Tukšā")
    only_draft = NeighbourhoodFactory(name="Tikai melnraksts")
    CommunityFactory(neighbourhoods=[covered], status=Community.Status.ACTIVE)
    CommunityFactory(neighbourhoods=[only_draft], status=Community.Status.DRAFT)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert {t.slug for t in response.context["neighbourhoods_without"]} == {
        bare.slug,
        only_draft.slug,
    }
    html = response.content.decode()
    assert f'<a href="{bare.get_absolute_url()}">Tukšā</a> <span class="meta">(' in html


@pytest.mark.django_db
def test_territory_list_shows_contact_persons_and_bare_neighbourhoods(
    client, django_assert_max_num_queries
):
    neighbourhoods = [NeighbourhoodFactory() for _ in range(3)]
    community = CommunityFactory(neighbourhoods=neighbourhoods[:1], status=Community.Status.ACTIVE)
    for _ in range(10):
        NeighbourhoodFactory()

    with django_assert_max_num_queries(10):
        response = client.get(reverse("territory-list"))

    html = response.content.decode()
    assert response.status_code == 200
    for territory in neighbourhoods:
        assert territory.name in html
        assert territory.contact_person.email in html
    # Each neighbourhood shows how many communities it has and links to them, not their names.
    assert community.name not in html
    assert f'href="{neighbourhoods[0].get_absolute_url()}">1 kopiena' in html


@pytest.mark.django_db
@pytest.mark.parametrize("per_neighbourhood", [5, 50])
def test_territory_list_stays_the_same_size_whatever_the_communities(
    client, per_neighbourhood, django_assert_max_num_queries
):
    neighbourhoods = [NeighbourhoodFactory(name=f"Apkaime {n}") for n in range(3)]
    for territory in neighbourhoods:
        CommunityFactory.create_batch(per_neighbourhood, neighbourhoods=[territory])

    with django_assert_max_num_queries(3):
        response = client.get(reverse("territory-list"))

    html = response.content.decode()
    assert f"{per_neighbourhood} kopien" in html
    assert len(html) < 20_000, len(html)  # the same few kilobytes for 5 or 50 a neighbourhood


@pytest.mark.django_db
def test_territory_page_shows_its_contact_person_and_communities(client):
    neighbourhood = NeighbourhoodFactory()
    community = CommunityFactory(neighbourhoods=[neighbourhood])
    hidden = CommunityFactory(neighbourhoods=[neighbourhood], status=Community.Status.SUBMITTED)

    response = client.get(neighbourhood.get_absolute_url())

    assert response.status_code == 200
    assert list(response.context["communities"]) == [community]
    html = response.content.decode()
    assert neighbourhood.contact_person.name in html
    assert hidden.name not in html


@pytest.mark.django_db
def test_every_page_links_the_accessibility_statement_and_switches_language(client):
    response = client.get(reverse("communities:community-list"))
    html = response.content.decode()
    assert f'href="{reverse("accessibility")}"' in html
    assert 'action="/i18n/setlang/"' in html
    assert '<html lang="lv">' in html
    statement = client.get(reverse("accessibility"))
    assert statement.status_code == 200


@pytest.mark.django_db
def test_english_pages_live_under_en(client):
    response = client.get("/en/communities/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/lv/communities/?q=ozol"})
    assert response.status_code == 302
    assert response["Location"] == "/en/communities/?q=ozol"


@pytest.mark.django_db
def test_the_root_redirects_to_latvian(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/lv/"


@pytest.mark.django_db
def test_healthz_tells_anonymous_callers_only_ok_or_not(client, settings):
    settings.PORTAL_HEALTHZ_TOKEN = "operators-token"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    wrong = client.get("/healthz", HTTP_AUTHORIZATION="Bearer guess")
    assert wrong.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_reports_database_cache_and_broker(client, settings):
    settings.PORTAL_HEALTHZ_TOKEN = "operators-token"
    response = client.get("/healthz", HTTP_AUTHORIZATION="Bearer operators-token")
    body = response.json()
    assert response.status_code == 200
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["broker"] == ("ok" if settings.REDIS_URL else "eager")


@pytest.mark.django_db
def test_healthz_says_503_when_the_broker_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    from portal.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = settings.REDIS_URL
    settings.PORTAL_HEALTHZ_TOKEN = "operators-token"
    try:
        response = client.get("/healthz", HTTP_AUTHORIZATION="Bearer operators-token")
        anonymous = client.get("/healthz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")
    assert anonymous.status_code == 503
    assert anonymous.json() == {"status": "error"}


@pytest.mark.django_db
def test_not_found_page_is_translated_and_friendly(client):
    response = client.get("/lv/communities/no-such-community/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_person_sets_the_language_of_their_emails(client, resident):
    client.force_login(resident)
    assert client.get(reverse("profile")).status_code == 200

    response = client.post(
        reverse("profile"), {"full_name": "Anna Liepa", "phone": "", "language": "en"}
    )

    resident.refresh_from_db()
    assert response.status_code == 302
    assert (resident.full_name, resident.language) == ("Anna Liepa", "en")


@pytest.mark.django_db
def test_the_profile_needs_a_signed_in_person(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_home_counts_and_shows_only_working_communities(client):
    working = [
        CommunityFactory(status=Community.Status.ACTIVE),
        CommunityFactory(status=Community.Status.VERIFIED),
    ]
    CommunityFactory(status=Community.Status.INACTIVE)
    CommunityFactory(status=Community.Status.SUBMITTED)

    response = client.get(reverse("home"))

    assert response.context["community_count"] == 2
    assert set(response.context["recent_communities"]) == set(working)


@pytest.mark.dates
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lv", "en"])
def test_dates_are_written_day_first_in_both_languages(client, language):
    import datetime

    from tests.communities.factories import EventFactory

    community = CommunityFactory(status=Community.Status.ACTIVE)
    EventFactory(community=community, date=datetime.date(2026, 11, 22))

    response = client.get(f"/{language}/communities/{community.slug}/")

    assert ("22.11.2026." if language == "lv" else "22.11.2026") in response.content.decode()


@pytest.mark.django_db
def test_territory_pages_make_the_same_queries_for_5_and_50_communities(
    client, municipality, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    neighbourhood = NeighbourhoodFactory()
    urls = [municipality.root.get_absolute_url(), neighbourhood.get_absolute_url()]

    def measure(count):
        CommunityFactory.create_batch(count, neighbourhoods=[neighbourhood])
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            counts.append(len(queries))
        return counts

    few = measure(5)
    many = measure(45)

    assert few == many
    assert max(many) <= 7
    with django_assert_max_num_queries(7):
        page = client.get(urls[0] + "?page=3")
    assert len(page.content) < 40_000


@pytest.mark.django_db
def test_the_proxy_may_ask_which_hosts_are_served(client, municipality):
    assert client.get("/healthz/host", {"domain": "testserver"}).status_code == 200
    assert client.get("/healthz/host", {"domain": "localhost"}).status_code == 200
    assert client.get("/healthz/host", {"domain": "evil.example"}).status_code == 404


@pytest.mark.django_db
def test_a_body_larger_than_any_upload_is_refused_before_it_is_read(client, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 1000
    response = client.generic(
        "POST",
        reverse("communities:community-register"),
        data=b"x" * 2000,
        content_type="application/octet-stream",
    )
    assert response.status_code == 413
    assert "MB" in response.content.decode()


@pytest.mark.django_db
def test_a_territory_page_leads_to_the_registry_filtered_to_it(client):
    neighbourhood = NeighbourhoodFactory()
    inside = CommunityFactory(neighbourhoods=[neighbourhood])
    CommunityFactory()  # elsewhere

    page = client.get(neighbourhood.get_absolute_url()).content.decode()
    link = f"{reverse('communities:community-list')}?neighbourhood={neighbourhood.slug}"
    assert f'href="{link}"' in page
    registry = client.get(link)
    assert [c.pk for c in registry.context["communities"]] == [inside.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "shown", "on_page"),
    [
        (None, 1, range(0, 20)),
        ("2", 2, range(20, 40)),
        ("3", 3, range(40, 45)),
        ("99", 3, range(40, 45)),
        ("x", 1, range(0, 20)),
    ],
)
def test_a_territory_page_turns_through_its_communities_by_name(
    client, number, shown, on_page, django_assert_max_num_queries
):
    neighbourhood = NeighbourhoodFactory()
    communities = [
        CommunityFactory(name=f"Kopiena {n:02d}", neighbourhoods=[neighbourhood]) for n in range(45)
    ]
    CommunityFactory(
        name="Kopiena 00a", neighbourhoods=[neighbourhood], status=Community.Status.DRAFT
    )
    CommunityFactory(name="Kopiena 00b")  # elsewhere

    with django_assert_max_num_queries(6):
        page = client.get(neighbourhood.get_absolute_url(), {"page": number} if number else {})

    assert page.context["page_obj"].number == shown
    assert page.context["paginator"].count == 45
    assert list(page.context["communities"]) == [communities[n] for n in on_page]
    html = page.content.decode()
    assert all(c.card_members == "0 biedru" for c in page.context["communities"])
    assert f'href="{communities[on_page[0]].get_absolute_url()}"' in html
    assert page.context["latest_stories"] == []


@pytest.mark.django_db
def test_a_territory_page_reads_reports_only_where_some_lie(client, municipality, resident, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from consultations.services.problems import answer_report, close_report, report_problem
    from tests.consultations.factories import EXPLANATION as ANSWER

    with_open, with_closed = NeighbourhoodFactory(), NeighbourhoodFactory()
    for territory, title in ((with_open, "Bedre Skolas ielā"), (with_closed, "Slēgtā bedre")):
        report = report_problem(
            actor=resident,
            municipality=municipality,
            neighbourhood=territory,
            category="road",
            title=title,
            description="Dziļa bedre.",
            address="Skolas iela 5",
        )
    answer_report(actor=staff, report=report, answer=ANSWER)
    close_report(actor=staff, report=report)

    pages = {}
    for territory in (with_open, with_closed, with_open.parent, municipality.root):
        client.get(territory.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            html = client.get(territory.get_absolute_url()).content.decode()
        read = any(q["sql"].startswith('SELECT "consultations_problemreport"') for q in queries)
        pages[territory.slug] = ("Bedre Skolas ielā" in html, "Slēgtā bedre" in html, read)

    # Closed reports stay public with their answers (issue 26): a page reads reports
    # wherever one lies inside it, and none where none does.
    empty = NeighbourhoodFactory()
    client.get(empty.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(empty.get_absolute_url())
    assert not any(q["sql"].startswith('SELECT "consultations_problemreport"') for q in queries)
    assert pages == {
        with_open.slug: (True, False, True),
        with_closed.slug: (False, True, True),
        with_open.parent.slug: (True, False, True),  # the closed one lies elsewhere
        municipality.root.slug: (True, True, True),
    }
