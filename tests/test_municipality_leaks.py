"""Two municipalities on one installation: nothing of one on the other's host, for any role.

Municipality A ("Alfa", host ``alfa.test``) and B ("Beta", host ``beta.test``) each have a
parish, neighbourhoods (one with the same short name in both), a contact person and
communities in several states; every name of B contains "Beta". Every list, detail, form
choice, filter choice, email and download is checked as every role: nothing of B on A's
host, B's objects are 404 on A's host by direct URL, staff of A are refused on B's host,
and a person who is staff of both acts on both.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from communities.models import Community, Membership
from communities.services.registration import submit_community
from portal.models import MunicipalityHost
from portal.roles import needs_mfa
from tests.communities.factories import CommunityFactory, EventFactory, MembershipFactory
from tests.portal.factories import (
    ContactPersonFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    ParishFactory,
    UserFactory,
    failed_message,
)

pytestmark = pytest.mark.django_db

Status = Community.Status
A_HOST, B_HOST = "alfa.test", "beta.test"
MARK = "Beta"


def build_municipality(name, host):
    municipality = MunicipalityFactory(name=f"{name} novads", slug=name.lower(), hosts=[host])
    parish = ParishFactory(parent=municipality.root, name=f"{name} pagasts", slug="pagasts")
    person = ContactPersonFactory(municipality=municipality, name=f"{name} Kontakts")
    shared = NeighbourhoodFactory(
        parent=parish, name=f"{name} centrs", slug="centrs", contact_person=person
    )
    own = NeighbourhoodFactory(
        parent=parish, name=f"{name} mežmala", slug=f"{name.lower()}-mezmala", contact_person=None
    )
    communities = {}
    for status in (Status.ACTIVE, Status.SUBMITTED, Status.DRAFT):
        communities[status] = CommunityFactory(
            municipality=municipality,
            status=status,
            name=f"{name} kopiena {status}",
            slug=f"kopiena-{status}",  # the same short names in both municipalities
            neighbourhoods=[shared],
        )
    active = communities[Status.ACTIVE]
    active.supporting_document.save("d.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    EventFactory(community=active, title=f"{name} talka")
    return {
        "municipality": municipality,
        "parish": parish,
        "person": person,
        "shared": shared,
        "own": own,
        **communities,
    }


@pytest.fixture
def world():
    a = build_municipality("Alfa", A_HOST)
    b = build_municipality(MARK, B_HOST)
    people = {
        "anonymous": None,
        "resident": UserFactory(),
        "member": UserFactory(),
        "leader": UserFactory(),
        "staff of A": UserFactory(staff_of=a["municipality"]),
        "staff of B": UserFactory(staff_of=b["municipality"]),
        "staff of both": UserFactory(staff_of=[a["municipality"], b["municipality"]]),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }
    for side in (a, b):
        for status in (Status.ACTIVE, Status.SUBMITTED, Status.DRAFT):
            MembershipFactory(
                community=side[status], user=people["leader"], role=Membership.Role.LEADER
            )
        MembershipFactory(community=side[Status.ACTIVE], user=people["member"])
    for side, name in ((a, "Alfa"), (b, MARK)):  # a message in each delivery log
        failed_message(side["municipality"], user=UserFactory(full_name=f"{name} Saņēmēja"))
    for user in people.values():
        if user is not None and needs_mfa(user):
            Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    return {"a": a, "b": b, "people": people}


def client_for(user, host):
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user)
    return client


ROLES = (
    "anonymous",
    "resident",
    "member",
    "leader",
    "staff of A",
    "staff of B",
    "staff of both",
    "admin",
)

LIST_PAGES = [
    ("home", {}),
    ("territory-list", {}),
    ("territory-detail", {"slug": "alfa"}),
    ("territory-detail", {"slug": "pagasts"}),
    ("territory-detail", {"slug": "centrs"}),
    ("contact-list", {}),
    ("accessibility", {}),
    ("communities:community-list", {}),
    ("communities:community-mine", {}),
    ("communities:community-queue", {}),
    ("communities:community-register", {}),
    ("notification-log", {}),
    ("notification-preferences", {}),
]


@pytest.mark.parametrize("role", ROLES)
def test_nothing_of_b_on_the_pages_of_a(world, role):
    client = client_for(world["people"][role], A_HOST)
    urls = [reverse(name, kwargs=kwargs or None) for name, kwargs in LIST_PAGES]
    urls += [
        reverse("communities:community-list") + "?q=kopiena&status=",
        reverse("communities:community-list") + "?neighbourhood=centrs",
        reverse("communities:community-queue") + "?status=",
        reverse("communities:community-detail", args=["kopiena-active"]),
        reverse("communities:community-edit", args=["kopiena-draft"]),
        reverse("communities:community-review", args=["kopiena-submitted"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        assert MARK not in response.content.decode(), (role, url)
    htmx = client.get(reverse("communities:community-list") + "?q=kopiena", HTTP_HX_REQUEST="true")
    assert MARK not in htmx.content.decode()


def test_a_shared_short_name_opens_the_hosts_own_row(world):
    for host, name in ((A_HOST, "Alfa"), (B_HOST, MARK)):
        client = Client(HTTP_HOST=host)
        page = client.get(reverse("communities:community-detail", args=["kopiena-active"]))
        assert page.context["community"].name == f"{name} kopiena active"
        territory = client.get(reverse("territory-detail", args=["centrs"]))
        assert territory.context["territory"].name == f"{name} centrs"


B_ONLY_URLS = [
    ("communities:community-detail", ["beta-only"]),
    ("communities:community-edit", ["beta-only"]),
    ("communities:community-review", ["beta-only"]),
    ("communities:community-document", ["beta-only"]),
    ("communities:membership-request", ["beta-only"]),
    ("communities:member-list", ["beta-only"]),
    ("communities:community-status", ["beta-only", "deactivate"]),
    ("communities:event-create", ["beta-only"]),
    ("territory-detail", ["beta-mezmala"]),
    ("territory-contact", ["beta-mezmala"]),
]


@pytest.mark.parametrize("role", ROLES)
def test_b_objects_are_not_found_on_a_by_direct_url(world, role):
    only_b = CommunityFactory(
        municipality=world["b"]["municipality"], name="Beta only", slug="beta-only"
    )
    only_b.supporting_document.save("d.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    MembershipFactory(community=only_b, user=world["people"]["leader"], role="leader")
    client = client_for(world["people"][role], A_HOST)
    for name, args in B_ONLY_URLS:
        response = client.get(reverse(name, args=args))
        if role == "anonymous" and response.status_code == 302:
            continue  # sent to sign in before anything is looked up
        assert response.status_code == 404, (role, name, response.status_code)
    person = world["b"]["person"]
    response = client.get(reverse("contact-update", args=[person.pk]))
    assert response.status_code in (302, 403, 404)
    if role in ("staff of A", "staff of both", "admin"):
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("staff of A", False), ("staff of B", True), ("staff of both", True), ("admin", True)],
)
def test_staff_act_only_for_their_municipalities(world, role, allowed):
    user = world["people"][role]
    client = client_for(user, B_HOST)
    b = world["b"]
    expected = 200 if allowed else 403
    assert client.get(reverse("communities:community-queue")).status_code == expected
    assert client.get(reverse("contact-list")).status_code == expected
    assert client.get(reverse("notification-log")).status_code == expected
    assert client.get(reverse("territory-contact", args=["centrs"])).status_code == expected
    document = client.get(reverse("communities:community-document", args=["kopiena-active"]))
    assert document.status_code == expected
    review_url = reverse("communities:community-review", args=["kopiena-submitted"])
    response = client.post(review_url, {"decision": "verify", "reason": ""})
    b[Status.SUBMITTED].refresh_from_db()
    assert (b[Status.SUBMITTED].status == Status.VERIFIED) is allowed
    assert response.status_code == (302 if allowed else 404)  # not public: never a refusal


def test_the_person_who_is_staff_of_both_verifies_on_both(world):
    user = world["people"]["staff of both"]
    for side, host in (("a", A_HOST), ("b", B_HOST)):
        client = client_for(user, host)
        queue = client.get(reverse("communities:community-queue"))
        assert [c.pk for c in queue.context["communities"]] == [world[side][Status.SUBMITTED].pk]
        url = reverse("communities:community-review", args=["kopiena-submitted"])
        assert client.post(url, {"decision": "verify", "reason": ""}).status_code == 302
        world[side][Status.SUBMITTED].refresh_from_db()
        assert world[side][Status.SUBMITTED].status == Status.VERIFIED


def test_form_and_filter_choices_are_the_hosts_own(world):
    client = client_for(world["people"]["resident"], A_HOST)
    form = client.get(reverse("communities:community-register")).context["form"]
    choices = set(form.fields["neighbourhoods"].queryset)
    assert choices == {world["a"]["shared"], world["a"]["own"]}
    registry = client.get(reverse("communities:community-list")).context["filter"]
    shown = dict(registry.form.fields["neighbourhood"].choices)
    assert world["b"]["shared"].name not in shown.values()
    assert shown["centrs"] == world["a"]["shared"].name
    # The short name both municipalities use finds the host's own communities only.
    found = client.get(reverse("communities:community-list"), {"neighbourhood": "centrs"})
    assert {c.municipality_id for c in found.context["communities"]} == {
        world["a"]["municipality"].pk
    }

    # A neighbourhood of B sent to A's form by hand is refused beside the field.
    response = client.post(
        reverse("communities:community-register"),
        {"name": "Jauna", "legal_form": "informal", "neighbourhoods": [world["b"]["own"].pk]},
    )
    assert response.status_code == 200
    assert "neighbourhoods" in response.context["form"].errors
    assert not Community.objects.filter(name="Jauna").exists()


def test_a_contact_person_of_b_cannot_serve_a_neighbourhood_of_a(world):
    client = client_for(world["people"]["staff of both"], A_HOST)
    url = reverse("territory-contact", args=["centrs"])
    choices = set(client.get(url).context["form"].fields["contact_person"].queryset)
    assert choices == {world["a"]["person"]}
    response = client.post(url, {"contact_person": world["b"]["person"].pk})
    assert response.status_code == 200
    world["a"]["shared"].refresh_from_db()
    assert world["a"]["shared"].contact_person == world["a"]["person"]


def test_emails_go_to_the_municipalitys_staff_from_its_sender_with_its_links(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    b = world["b"]
    municipality = b["municipality"]
    municipality.email_from_address = "kopienas@beta.example"
    municipality.save()
    draft = b[Status.DRAFT]

    with django_capture_on_commit_callbacks(execute=True):
        submit_community(actor=world["people"]["leader"], community=draft)

    recipients = sorted(message.to[0] for message in mailoutbox)
    people = world["people"]
    assert recipients == sorted([people["staff of B"].email, people["staff of both"].email])
    for message in mailoutbox:
        assert message.from_email == '"Beta novads" <kopienas@beta.example>'
        assert f"http://{B_HOST}/lv/communities/kopiena-draft/review/" in message.body
        assert "Alfa" not in message.body
        assert "Beta novads" in message.body


def test_links_in_emails_use_the_primary_host(world):
    municipality = world["b"]["municipality"]
    MunicipalityHost.objects.create(municipality=municipality, name="www.beta.test")
    municipality = type(municipality).objects.get(pk=municipality.pk)
    assert municipality.url("/lv/") == f"http://{B_HOST}/lv/"


def test_an_unknown_host_is_refused_in_production(world, settings):
    settings.PORTAL_UNKNOWN_HOST_FALLBACK = False
    response = Client(HTTP_HOST="gamma.test").get("/lv/")
    assert response.status_code == 400
    assert Client(HTTP_HOST=A_HOST).get("/lv/").status_code == 200
    assert Client(HTTP_HOST="gamma.test").get("/healthz").status_code == 200


def test_an_unknown_host_falls_back_to_the_first_municipality_in_development(world):
    response = Client(HTTP_HOST="127.0.0.1").get("/lv/")
    assert response.status_code == 200
    assert response.wsgi_request.municipality.slug == "testa-novads"
