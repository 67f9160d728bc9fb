"""A person deletes their own account (issue 16, item 8): after a confirmation with their
password, nothing personal about them remains; what must stay as a record stays,
anonymised; an account that others depend on is refused with the reason."""

import json
import pathlib

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from communities.models import (
    Community,
    CommunityChangeRequest,
    Event,
    JointOpinion,
    Membership,
    MembershipChange,
)
from communities.services.membership import change_member_role, request_membership
from front.views.privacy import personal_data
from portal.models import Notification, SecurityEvent
from tests.communities.factories import (
    CommunityFactory,
    EventFactory,
    JointOpinionFactory,
    MembershipFactory,
)
from tests.portal.factories import ContactPersonFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE = "Anna Dzēšamā", "anna.dzesama@example.lv", "+371 29999111"
SECOND_EMAIL = "anna.otra@example.lv"
MESSAGE = "Dzīvoju Dzēšamo ielā 7, zvaniet man."


def everything_stored():
    """Every row of every table, as one text."""
    rows = []
    for model in apps.get_models():
        rows.append(serializers.serialize("json", model._base_manager.all()))
    return "\n".join(rows).lower()


def person_with_a_past(password):
    """A person who did a bit of everything, in communities that others lead too."""
    person = UserFactory(full_name=NAME, email=EMAIL)
    EmailAddress.objects.create(user=person, email=EMAIL, verified=True, primary=True)
    EmailAddress.objects.create(user=person, email=SECOND_EMAIL, verified=True, primary=False)
    other_leader = UserFactory()

    led = CommunityFactory(
        status=Community.Status.ACTIVE,
        name="Kopīgā kopiena",
        created_by=person,
        contact_name=NAME,
        contact_email=EMAIL.upper(),
        contact_phone=PHONE,
    )
    MembershipFactory(community=led, user=person, role=Membership.Role.LEADER)
    MembershipFactory(community=led, user=other_leader, role=Membership.Role.LEADER)
    EventFactory(community=led, created_by=person)
    JointOpinionFactory(community=led, created_by=person)
    change_member_role(
        actor=person,
        membership=MembershipFactory(community=led, role=Membership.Role.MEMBER),
        role=Membership.Role.BOARD,
    )
    CommunityChangeRequest.objects.create(community=led, requested_by=person, data={})

    asked = CommunityFactory(status=Community.Status.ACTIVE, name="Citu kopiena")
    request_membership(actor=person, community=asked, message=MESSAGE)

    Notification.objects.create(
        user=person, email=EMAIL, kind="test", key="1", municipality=led.municipality
    )
    Notification.objects.create(
        user=None, email=SECOND_EMAIL, kind="test", key="2", municipality=led.municipality
    )
    Client().post(reverse("account_login"), {"login": EMAIL, "password": "wrong-password-1"})
    assert SecurityEvent.objects.filter(data__login=EMAIL).exists()
    return person, led, asked


def test_a_person_deletes_their_account_and_nothing_personal_remains(password):
    person, led, asked = person_with_a_past(password)
    person_id = person.pk
    client = Client()
    client.force_login(person)
    assert EMAIL in everything_stored()

    confirmation = client.get(reverse("account-delete"))
    assert confirmation.status_code == 200
    assert "no-store" in confirmation["Cache-Control"]
    response = client.post(reverse("account-delete"), {"password": password})

    assert response.status_code == 302, response.context["refusals"]
    assert response["Location"] == reverse("home")
    assert not get_user_model().objects.filter(pk=person_id).exists()
    stored = everything_stored()
    for personal in (NAME, EMAIL, SECOND_EMAIL, PHONE, MESSAGE):
        assert personal.lower() not in stored, personal
    # What must stay as a record stays, without the person.
    led.refresh_from_db()
    assert led.created_by is None
    assert (led.contact_name, led.contact_email, led.contact_phone) == ("", "", "")
    assert Event.objects.filter(community=led, created_by=None).exists()
    assert JointOpinion.objects.filter(community=led, created_by=None).exists()
    assert CommunityChangeRequest.objects.filter(community=led, requested_by=None).exists()
    ended = Membership.objects.filter(user=None).order_by("community__name")
    assert [(m.community.name, m.status) for m in ended] == [
        ("Citu kopiena", Membership.Status.WITHDRAWN),
        ("Kopīgā kopiena", Membership.Status.LEFT),
    ]
    assert MembershipChange.objects.filter(event="account_deleted").count() == 2
    # The security log keeps the deletion, by the account's number only.
    deletion = SecurityEvent.objects.get(kind="deleted", object_type="portal.user")
    assert deletion.object_id == str(person_id)
    assert EMAIL not in json.dumps(deletion.data)
    # Signed out; a new account with the same address starts empty.
    assert client.get(reverse("my-data")).status_code == 302
    fresh = UserFactory(email=EMAIL)
    data = personal_data(fresh)
    assert data["memberships"] == data["communities_registered"] == []
    assert data["activity_entries_recorded"] == data["changes_of_key_facts_asked"] == []


def test_history_shows_a_deleted_user_not_the_system(password):
    person, led, _asked = person_with_a_past(password)
    person_client = Client()
    person_client.force_login(person)
    person_client.post(reverse("account-delete"), {"password": password})

    rows = MembershipChange.objects.filter(event="account_deleted")
    assert rows and all(row.data.get("actor_deleted") for row in rows)
    with translation.override("en"):
        assert {row.subject_name() for row in rows} == {"deleted user"}
        html = render_to_string("includes/_history.html", {"history": rows})
    assert "deleted user" in html and "system" not in html


def test_a_wrong_password_deletes_nothing_and_five_sign_the_person_out(client, password):
    person = UserFactory()
    client.force_login(person)

    for _attempt in range(4):
        response = client.post(reverse("account-delete"), {"password": "not-my-password"})
        assert response.status_code == 200
        assert response.context["form"].has_error("password")
    last = client.post(reverse("account-delete"), {"password": "not-my-password"})

    assert last.status_code == 302
    assert last["Location"].startswith(reverse("account_login"))
    assert get_user_model().objects.filter(pk=person.pk).exists()
    assert client.get(reverse("my-data")).status_code == 302


def test_the_only_leader_of_a_community_is_told_to_hand_over_first(client, password):
    person = UserFactory()
    community = CommunityFactory(status=Community.Status.ACTIVE, name="Vienīgā vadītāja")
    MembershipFactory(community=community, user=person, role=Membership.Role.LEADER)
    client.force_login(person)

    page = client.get(reverse("account-delete"))
    response = client.post(reverse("account-delete"), {"password": password})

    assert "Vienīgā vadītāja" in page.content.decode()
    assert page.context["refusals"]
    assert b'type="password"' not in page.content  # no form while refused
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=person.pk).exists()
    assert Membership.objects.filter(user=person, status=Membership.Status.ACTIVE).exists()


@pytest.mark.parametrize(
    "role",
    [
        {"is_municipal_staff": True},
        {"is_superuser": True, "is_staff": True},
        {"is_staff": True},
    ],
)
def test_accounts_that_act_for_a_municipality_are_refused(client, password, settings, role):
    settings.PORTAL_REQUIRE_STAFF_MFA = False  # tests/portal/test_security.py covers MFA
    person = UserFactory(**role)
    client.force_login(person)

    response = client.post(reverse("account-delete"), {"password": password})

    assert response.status_code == 200
    assert response.context["refusals"]
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_a_neighbourhoods_contact_person_is_refused(client, password):
    person = UserFactory()
    ContactPersonFactory(user=person)
    client.force_login(person)

    response = client.post(reverse("account-delete"), {"password": password})

    assert (
        "contact person" in " ".join(response.context["refusals"]) or response.context["refusals"]
    )
    assert get_user_model().objects.filter(pk=person.pk).exists()


def test_drafts_only_they_lead_go_with_the_account_and_their_files_leave_the_disk(
    client, password, settings, django_capture_on_commit_callbacks
):
    person = UserFactory()
    draft = CommunityFactory(status=Community.Status.DRAFT, name="Mans melnraksts")
    MembershipFactory(community=draft, user=person, role=Membership.Role.LEADER)
    draft.supporting_document.save("evidence.pdf", ContentFile(b"%PDF-1.4 test"))
    stored = pathlib.Path(settings.MEDIA_ROOT) / draft.supporting_document.name
    assert stored.exists()
    shared = CommunityFactory(status=Community.Status.DRAFT, name="Kopīgs melnraksts")
    MembershipFactory(community=shared, user=person, role=Membership.Role.LEADER)
    MembershipFactory(community=shared, role=Membership.Role.LEADER)
    client.force_login(person)

    assert "Mans melnraksts" in client.get(reverse("account-delete")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account-delete"), {"password": password})

    assert response.status_code == 302
    assert not Community.objects.filter(pk=draft.pk).exists()
    assert Community.objects.filter(pk=shared.pk).exists()
    assert not stored.exists()


def test_deleting_needs_signing_in(client):
    response = client.get(reverse("account-delete"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_your_data_links_to_deleting_the_account(client):
    client.force_login(UserFactory())
    assert reverse("account-delete") in client.get(reverse("my-data")).content.decode()


def test_an_account_an_administrator_deletes_leaves_no_active_member_behind(
    client, admin_user, settings
):
    settings.PORTAL_REQUIRE_STAFF_MFA = False  # tests/portal/test_security.py covers MFA
    person = UserFactory()
    community = CommunityFactory(status=Community.Status.ACTIVE)
    MembershipFactory(community=community, user=person, message=MESSAGE)
    client.force_login(admin_user)

    client.post(f"/lv/admin/portal/user/{person.pk}/delete/", {"post": "yes"})

    assert not get_user_model().objects.filter(pk=person.pk).exists()
    kept = Membership.objects.get(community=community)
    assert (kept.user, kept.status, kept.message) == (None, Membership.Status.LEFT, "")
    assert not community.memberships.active().exists()


def test_an_evaluator_who_scored_is_refused_and_the_round_record_stays(client, password):
    from grants.models import Round, Score
    from grants.services.evaluation import assign_evaluator, declare_conflict, score_application
    from tests.grants.factories import ApplicationFactory, RoundFactory

    round_ = RoundFactory(status=Round.Status.EVALUATION)
    application = ApplicationFactory(round=round_, status="eligible")
    person = UserFactory()
    assign_evaluator(actor=None, round=round_, user=person)
    declare_conflict(actor=person, application=application, has_conflict=False)
    score_application(
        actor=person,
        application=application,
        scores={c.pk: (3, "Pamatojums") for c in round_.criteria.all()},
    )
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.CLOSED)  # no longer acting
    client.force_login(person)

    response = client.post(reverse("account-delete"), {"password": password})

    assert response.status_code == 200
    assert "vērtējāt projektu pieteikumus" in " ".join(map(str, response.context["refusals"]))
    assert get_user_model().objects.filter(pk=person.pk).exists()
    assert Score.objects.filter(evaluator=person).count() == round_.criteria.count()


def test_a_council_member_is_refused_instead_of_an_error(client, password):
    from tests.councils.factories import seat_for

    person = UserFactory()
    seat_for(person)
    client.force_login(person)

    response = client.post(reverse("account-delete"), {"password": password})

    assert response.status_code == 200
    assert "padomes loceklis" in " ".join(map(str, response.context["refusals"]))
    assert get_user_model().objects.filter(pk=person.pk).exists()
