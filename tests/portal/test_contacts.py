"""Staff keep the neighbourhoods' contact persons in the portal: list, add, edit, appoint."""

import pytest
import rules
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.html import escape

from portal import services
from portal.models import ContactPerson, Territory
from portal.roles import needs_mfa
from tests.access import Walk
from tests.portal.factories import (
    ContactPersonFactory,
    NeighbourhoodFactory,
    ParishFactory,
)

ROLES = ["anonymous", "resident", "leader", "evaluator", "council", "staff", "admin"]
ALLOWED = {"staff", "admin"}
PERMISSIONS = [
    "portal.view_contact_list",
    "portal.change_contact_person",
    "portal.change_territory",
]


def with_second_factor(user):
    """Staff, evaluators and administrators must have an authenticator (StaffMFAMiddleware)."""
    if needs_mfa(user):
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(with_second_factor(staff))
    return client


def person_data(**overrides):
    data = {
        "name": "Ilze Kalniņa",
        "position": "Apkaimju koordinatore",
        "email": "ilze.kalnina@pasvaldiba.lv",
        "phone": "+371 67111222",
        "reception_hours": "Otrdienās 10:00–13:00, domes ēkā",
    }
    return {**data, **overrides}


FIXTURES = {"council": "council_member", "admin": "admin_user"}


def _user_for(role, request):
    """The user of the conftest fixture for ``role``, with an authenticator if they need one."""
    if role == "anonymous":
        return None
    return with_second_factor(request.getfixturevalue(FIXTURES.get(role, role)))


# Rules -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("permission", PERMISSIONS)
@pytest.mark.parametrize("role", ROLES)
def test_only_staff_and_administrators_keep_the_contact_list(request, permission, role):
    assert rules.perm_exists(permission)
    user = _user_for(role, request) or AnonymousUser()
    assert rules.has_perm(permission, user, NeighbourhoodFactory()) is (role in ALLOWED)


# Services ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_contact_person_is_appointed_and_withdrawn(staff):
    neighbourhood = NeighbourhoodFactory()
    person = ContactPersonFactory()

    result = services.assign_contact_person(
        actor=staff, territory=neighbourhood, contact_person=person
    )
    assert result == neighbourhood
    neighbourhood.refresh_from_db()
    assert neighbourhood.contact_person == person

    services.assign_contact_person(actor=staff, territory=neighbourhood, contact_person=None)
    neighbourhood.refresh_from_db()
    assert neighbourhood.contact_person is None


@pytest.mark.django_db
def test_only_a_neighbourhood_gets_a_contact_person(staff):
    parish = ParishFactory()
    with pytest.raises(ValidationError):
        services.assign_contact_person(
            actor=staff, territory=parish, contact_person=ContactPersonFactory()
        )
    parish.refresh_from_db()
    assert parish.contact_person is None


# What staff do -----------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_add_edit_and_appoint_a_contact_person(staff_client):
    neighbourhood = NeighbourhoodFactory(contact_person=None)

    home = staff_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("contact-list")}"' in home
    listing = staff_client.get(reverse("contact-list"))
    assert listing.status_code == 200
    assert list(listing.context["without_contact"]) == [neighbourhood]
    assert f'href="{reverse("contact-create")}"' in listing.content.decode()

    form = staff_client.get(reverse("contact-create"))
    assert form.status_code == 200
    assert form.templates[0].name == "portal/contactperson_form.html"
    response = staff_client.post(reverse("contact-create"), person_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("contact-list")
    person = ContactPerson.objects.get(email="ilze.kalnina@pasvaldiba.lv")
    listing = staff_client.get(response["Location"]).content.decode()
    assert "Ilze Kalniņa" in listing
    edit_url = reverse("contact-update", args=[person.pk])
    assert f'href="{edit_url}"' in listing

    assert staff_client.get(edit_url).context["form"].initial["phone"] == "+371 67111222"
    response = staff_client.post(edit_url, person_data(phone="+371 67999888"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+371 67999888"

    page = staff_client.get(neighbourhood.get_absolute_url()).content.decode()
    contact_url = reverse("territory-contact", args=[neighbourhood.slug])
    assert f'href="{contact_url}"' in page
    form = staff_client.get(contact_url)
    assert form.status_code == 200
    assert form.context["territory"] == neighbourhood
    response = staff_client.post(contact_url, {"contact_person": person.pk})
    assert response.status_code == 302
    assert response["Location"] == neighbourhood.get_absolute_url()
    neighbourhood.refresh_from_db()
    assert neighbourhood.contact_person == person
    page = staff_client.get(response["Location"]).content.decode()
    assert "+371 67999888" in page
    listing = staff_client.get(reverse("contact-list"))
    assert list(listing.context["without_contact"]) == []
    assert listing.context["contact_persons"][0].served == [neighbourhood]


@pytest.mark.django_db
def test_staff_leave_a_neighbourhood_without_a_contact_person(staff_client):
    neighbourhood = NeighbourhoodFactory()
    url = reverse("territory-contact", args=[neighbourhood.slug])
    assert staff_client.get(url).context["form"].initial == {
        "contact_person": neighbourhood.contact_person
    }

    response = staff_client.post(url, {"contact_person": ""})

    assert response.status_code == 302
    neighbourhood.refresh_from_db()
    assert neighbourhood.contact_person is None
    listing = staff_client.get(reverse("contact-list"))
    assert list(listing.context["without_contact"]) == [neighbourhood]


@pytest.mark.django_db
def test_an_invalid_email_is_shown_beside_the_field_and_the_typed_values_stay(staff_client):
    response = staff_client.post(reverse("contact-create"), person_data(email="ilze-pasvaldiba"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_email"' in html
    assert 'id="id_email_error"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert 'value="ilze-pasvaldiba"' in html
    assert 'value="Ilze Kalniņa"' in html
    assert "Otrdienās 10:00–13:00, domes ēkā" in html
    assert not ContactPerson.objects.exists()


@pytest.mark.django_db
def test_an_unknown_contact_person_is_refused_in_the_select(staff_client):
    neighbourhood = NeighbourhoodFactory()
    before = neighbourhood.contact_person
    url = reverse("territory-contact", args=[neighbourhood.slug])

    response = staff_client.post(url, {"contact_person": 999999})

    assert response.status_code == 200
    assert "contact_person" in response.context["form"].errors
    neighbourhood.refresh_from_db()
    assert neighbourhood.contact_person == before


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_territory_that_is_not_a_neighbourhood_has_no_contact_page(staff_client, method):
    parish = ParishFactory()
    url = reverse("territory-contact", args=[parish.slug])
    response = getattr(staff_client, method)(url, {"contact_person": ""})
    assert response.status_code == 404


@pytest.mark.django_db
def test_contacts_is_not_read_as_a_territory_slug(staff_client):
    assert reverse("contact-list").endswith("/territories/contacts/")
    response = staff_client.get(reverse("contact-list"))
    assert response.templates[0].name == "portal/contactperson_list.html"


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 30])
def test_the_contact_list_makes_the_same_few_queries_for_3_or_30_persons(
    staff_client, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        person = ContactPersonFactory()
        NeighbourhoodFactory.create_batch(2, contact_person=person)
        NeighbourhoodFactory(contact_person=None)

    # session, user, staff roles, authenticator, neighbourhoods without one, the count of
    # contact persons (the list is paginated), the page of them, their areas; and, this once,
    # the save of the staff session's idle clock (at most every five minutes:
    # portal.middleware.StaffSessionMiddleware)
    with django_assert_max_num_queries(12):
        response = staff_client.get(reverse("contact-list"))

    assert response.status_code == 200
    assert len(response.context["contact_persons"]) == rows
    assert len(response.context["without_contact"]) == rows
    assert all(len(person.served) == 2 for person in response.context["contact_persons"])


@pytest.mark.django_db
def test_only_staff_see_the_links_to_change_contact_persons(client, resident, staff):
    neighbourhood = NeighbourhoodFactory()
    contact_url = reverse("territory-contact", args=[neighbourhood.slug])
    list_url = reverse("contact-list")
    pages = [neighbourhood.get_absolute_url(), reverse("territory-list"), reverse("home")]

    for user, shown in [(None, False), (resident, False), (with_second_factor(staff), True)]:
        client.logout()
        if user is not None:
            client.force_login(user)
        territory_page, territory_list, home = (client.get(url).content.decode() for url in pages)
        assert (f'href="{contact_url}"' in territory_page) is shown
        assert (f'href="{contact_url}"' in territory_list) is shown
        assert (f'href="{list_url}"' in territory_list) is shown
        assert (f'href="{list_url}"' in home) is shown


# Who may open these pages -------------------------------------------------------------

# (name, method, url name, post data, what staff get)
CASES = [
    ("list", "get", "contact-list", None, 200),
    ("list post", "post", "contact-list", {}, 405),
    ("add", "get", "contact-create", None, 200),
    ("add post", "post", "contact-create", person_data(), 302),
    ("edit", "get", "contact-update", None, 200),
    ("edit post", "post", "contact-update", person_data(name="Jānis Bērziņš"), 302),
    ("appoint", "get", "territory-contact", None, 200),
    ("appoint post", "post", "territory-contact", {"contact_person": ""}, 302),
]


def _snapshot():
    return (
        sorted(ContactPerson.objects.values_list("pk", "name", "email", "phone")),
        sorted(Territory.objects.values_list("pk", "contact_person_id")),
    )


REFUSED_SAYING_WHY = "403, saying why"


def _expected(case, role):
    if role in ALLOWED:
        return case[4]
    return "login" if role == "anonymous" else REFUSED_SAYING_WHY


def declared():
    """The (role, page, expected answer) triples the matrix of this module checks."""
    return [(role, case[0], _expected(case, role)) for case in CASES for role in ROLES]


def _judge(url):
    def answer(response):
        if response.status_code == 302 and response["Location"].startswith(
            reverse("account_login")
        ):
            return "login"
        if response.status_code == 403:
            with translation.override("lv"):
                reason = escape(str(resolve(url).func.view_class.permission_denied_message))
            if reason in response.content.decode():
                return REFUSED_SAYING_WHY
            return "403 without saying why"
        return response.status_code

    return answer


@pytest.mark.django_db
def test_role_may_only_open_the_contact_pages_if_staff(settings, request):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    neighbourhood = NeighbourhoodFactory()
    people = {role: _user_for(role, request) for role in ROLES}
    before = _snapshot()

    def nothing_changed(_response):
        if _snapshot() != before:
            yield "the contact persons or their territories changed"

    walk = Walk()
    for case in CASES:
        name, method, url_name, data, _staff_status = case
        args = {
            "contact-update": [neighbourhood.contact_person.pk],
            "territory-contact": [neighbourhood.slug],
        }.get(url_name, [])
        url = reverse(url_name, args=args)
        for role in ROLES:
            walk.ask(
                name,
                role,
                people[role],
                _expected(case, role),
                url,
                method=method,
                data=data,
                judge=_judge(url),
                then=None if role in ALLOWED else nothing_changed,
            )
    walk.assert_all()


@pytest.mark.django_db
def test_a_territory_cannot_take_the_address_of_the_contact_list():
    from django.core.exceptions import ValidationError

    from tests.portal.factories import TerritoryFactory

    territory = TerritoryFactory.build(slug="contacts")
    with pytest.raises(ValidationError) as error:
        territory.full_clean()
    assert "slug" in error.value.message_dict
