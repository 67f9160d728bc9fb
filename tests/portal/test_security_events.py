"""Security events (issue 16, item 9): each kind is recorded over HTTP as a row and a JSON
line without secrets, and staff see their municipality's, administrators everyone's."""

import io
import json
import logging

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from communities.models import Community, CommunityChangeRequest, Membership
from portal.models import MunicipalStaff, SecurityEvent
from portal.security_log import JSONFormatter, record_security_event, without_secrets
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.mfa import totp_code
from tests.portal.factories import (
    PASSWORD,
    MunicipalityFactory,
    UserFactory,
    default_municipality,
)

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind
PAGE = "/lv/security/"
TYPED_PASSWORD = "Slepena-Parole-4711"


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def security_lines():
    """The JSON lines the ``portal.security`` logger writes while the test runs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    logger = logging.getLogger("portal.security")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


@pytest.fixture
def other():
    return MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])


def behind_proxy(address):
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": address}


def login(client, email, password, address="203.0.113.5"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, **behind_proxy(address)
    )


def events(kind):
    return list(SecurityEvent.objects.filter(kind=kind).order_by("pk"))


# --- what is recorded ---------------------------------------------------------------------


def test_a_sign_in_is_recorded_with_the_address_the_proxy_reports(
    client, verified_email, security_lines
):
    person = UserFactory()
    verified_email(person)

    login(client, person.email, PASSWORD, "198.51.100.7")

    [event] = events(Kind.LOGIN)
    assert event.actor == person
    assert event.client_ip == "198.51.100.7"
    assert event.municipality == default_municipality()
    [line] = [line for line in security_lines() if line["event"] == "login"]
    assert line["actor"] == person.pk and line["client_ip"] == "198.51.100.7"
    assert line["logger"] == "portal.security"


def test_a_failed_sign_in_is_recorded_without_the_password_typed(
    client, verified_email, security_lines
):
    person = UserFactory()
    verified_email(person)

    login(client, person.email, TYPED_PASSWORD)

    [event] = events(Kind.LOGIN_FAILED)
    assert event.actor is None and event.client_ip == "203.0.113.5"
    assert event.data == {"login": person.email}
    lines = security_lines()
    assert [line["event"] for line in lines] == ["login_failed"]
    assert TYPED_PASSWORD not in json.dumps(lines)
    assert TYPED_PASSWORD not in json.dumps(event.data)
    assert "_auth_user_id" not in client.session


def test_a_login_refused_by_the_limit_is_a_lockout(client, verified_email):
    person = UserFactory()
    verified_email(person)

    for _ in range(7):
        login(client, person.email, TYPED_PASSWORD)

    lockouts = events(Kind.LOCKOUT)
    assert lockouts and lockouts[0].data == {"login": person.email}
    assert lockouts[0].client_ip == "203.0.113.5"
    assert len(events(Kind.LOGIN_FAILED)) == 5


def test_adding_and_removing_a_second_factor_is_recorded(
    client, verified_email, django_capture_on_commit_callbacks
):
    person = UserFactory()
    verified_email(person)
    login(client, person.email, PASSWORD)
    asked = client.get(reverse("mfa_activate_totp"))
    if asked.status_code == 302:
        client.post(asked["Location"], {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    [added] = [event for event in events(Kind.MFA_ADDED) if event.data["type"] == "totp"]
    assert (added.actor, added.data) == (person, {"type": "totp"})
    assert secret not in json.dumps(added.data)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_deactivate_totp"))

    assert not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    [removed] = [event for event in events(Kind.MFA_REMOVED) if event.data["type"] == "totp"]
    assert removed.actor == person


def test_staff_rows_added_and_removed_are_recorded(other):
    person = UserFactory()

    role = MunicipalStaff.objects.create(user=person, municipality=other)
    role.delete()

    [added] = events(Kind.STAFF_ADDED)
    [removed] = events(Kind.STAFF_REMOVED)
    assert added.municipality == removed.municipality == other
    assert added.data == removed.data == {"user": person.pk}
    assert added.object_type == "portal.municipalstaff"


def test_a_role_change_in_a_community_is_recorded(client, leader, community):
    membership = MembershipFactory(community=community)
    client.force_login(leader)

    client.post(
        reverse("communities:member-update", args=[community.slug, membership.pk, "role"]),
        {"role": Membership.Role.BOARD},
        **behind_proxy("198.51.100.9"),
    )

    [event] = events(Kind.ROLE_CHANGED)
    assert event.actor == leader
    assert event.municipality == community.municipality
    assert event.client_ip == "198.51.100.9"
    assert event.data == {
        "event": "role_changed",
        "old": "member",
        "new": "board",
        "user": membership.user_id,
    }


def test_an_accepted_change_of_key_facts_is_recorded(client, staff, community):
    CommunityChangeRequest.objects.create(
        community=community, data={"name": f"{community.name} (jauns)"}
    )
    client.force_login(staff)

    response = client.post(
        reverse("communities:key-change-review", args=[community.slug]), {"decision": "accept"}
    )

    assert response.status_code == 302
    codes = [event.data["event"] for event in events(Kind.KEY_FACTS_CHANGED)]
    assert "key_change_accepted" in codes
    assert all(event.actor == staff for event in events(Kind.KEY_FACTS_CHANGED))


def test_a_download_of_evidence_is_recorded(client, staff, community):
    community.supporting_document.save("x.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    client.force_login(staff)

    response = client.get(reverse("communities:community-document", args=[community.slug]))

    assert response.status_code == 200
    [event] = events(Kind.EVIDENCE_DOWNLOADED)
    assert (event.actor, event.object_type, event.object_id) == (
        staff,
        "communities.community",
        str(community.pk),
    )


def test_a_deleted_community_is_recorded(client):
    leader = UserFactory()
    draft = CommunityFactory(status=Community.Status.DRAFT, name="Melnraksts")
    MembershipFactory(community=draft, user=leader, role=Membership.Role.LEADER)
    client.force_login(leader)

    client.post(reverse("communities:community-delete", args=[draft.slug]))

    assert not Community.objects.filter(pk=draft.pk).exists()
    [event] = events(Kind.DELETED)
    assert (event.actor, event.municipality) == (leader, draft.municipality)
    assert event.data == {"name": "Melnraksts"}


def test_secrets_never_reach_the_row_or_the_line(security_lines):
    event = record_security_event(
        "login_failed",
        data={"login": "a@example.lv", "password": "x1", "nested": {"token": "t", "ok": 1}},
    )

    assert event.data == {"login": "a@example.lv", "nested": {"ok": 1}}
    assert "x1" not in json.dumps(security_lines())
    assert without_secrets({"session_key": "s", "otp_code": "1", "recovery_codes": []}) == {}


# --- who sees what ------------------------------------------------------------------------


def _events_of(municipality, count, kind=Kind.LOGIN_FAILED):
    SecurityEvent.objects.bulk_create(
        SecurityEvent(kind=kind, municipality=municipality, actor=None, data={"login": f"n{i}"})
        for i in range(count)
    )


def test_staff_see_only_their_municipalitys_events(client, staff, other):
    _events_of(default_municipality(), 2)
    _events_of(other, 3)
    client.force_login(staff)

    page = client.get(PAGE)

    assert page.status_code == 200
    assert (
        page.context["paginator"].count == SecurityEvent.objects.of(default_municipality()).count()
    )
    assert {event.municipality_id for event in page.context["events"]} == {
        default_municipality().pk
    }
    assert b"<caption" in page.content
    assert b"n0" in page.content


def test_staff_of_another_municipality_see_nothing_of_it(other):
    _events_of(default_municipality(), 2)
    theirs = UserFactory(staff_of=other)
    client = Client(HTTP_HOST="beta.test")
    client.force_login(theirs)

    on_their_host = client.get(PAGE)
    on_ours = Client()
    on_ours.force_login(theirs)

    assert on_their_host.status_code == 200
    assert {event.municipality_id for event in on_their_host.context["events"]} <= {other.pk}
    assert on_ours.get(PAGE).status_code == 403


def test_residents_are_refused_and_strangers_sent_to_sign_in(client, resident):
    assert client.get(PAGE).status_code == 302
    client.force_login(resident)
    assert client.get(PAGE).status_code == 403


def test_an_administrator_sees_every_municipality_on_any_host(admin_user, other):
    _events_of(default_municipality(), 2)
    _events_of(other, 3)
    for host in ("testserver", "beta.test", "localhost"):
        client = Client(HTTP_HOST=host)
        client.force_login(admin_user)
        page = client.get(PAGE)
        assert page.status_code == 200, host
        assert page.context["paginator"].count == SecurityEvent.objects.count()
        assert "Beta novads" in page.content.decode()


def test_the_page_filters_by_kind_and_its_query_count_is_fixed(
    client, staff, django_assert_num_queries
):
    client.force_login(staff)
    _events_of(default_municipality(), 5)
    client.get(PAGE)  # warm the per-session caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    _events_of(default_municipality(), 55, kind=Kind.LOCKOUT)
    with CaptureQueriesContext(connection) as many:
        page = client.get(PAGE)

    assert len(page.context["events"]) == 50 and page.context["is_paginated"]
    assert len(many) == len(few)
    filtered = client.get(PAGE, {"kind": "lockout"})
    assert filtered.context["paginator"].count == 55
    assert {event.kind for event in filtered.context["events"]} == {Kind.LOCKOUT}


def test_the_admin_shows_the_events_read_only(client, admin_user):
    _events_of(default_municipality(), 1)
    client.force_login(admin_user)

    assert client.get("/lv/admin/portal/securityevent/").status_code == 200
    assert client.get("/lv/admin/portal/securityevent/add/").status_code == 403
    event = SecurityEvent.objects.first()
    change = client.post(f"/lv/admin/portal/securityevent/{event.pk}/delete/", {"post": "yes"})
    assert change.status_code == 403
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


def test_a_person_deleted_by_an_administrator_keeps_their_events(client, admin_user):
    person = UserFactory(email="aizgajejs@example.lv", is_municipal_staff=True)
    client.force_login(person)  # an event of theirs
    client.force_login(admin_user)

    client.post(f"/lv/admin/portal/user/{person.pk}/delete/", {"post": "yes"})

    assert not type(person).objects.filter(pk=person.pk).exists()
    [removed] = events(Kind.STAFF_REMOVED)
    assert (removed.actor, removed.data) == (admin_user, {"user": person.pk})
    assert SecurityEvent.objects.filter(kind=Kind.LOGIN, actor_id=person.pk).exists()
    page = client.get(PAGE)
    assert page.status_code == 200
