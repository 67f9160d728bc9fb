"""Roles come from rows, loaded once per request through ``portal.roles.per_request``."""

from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from communities.roles import community_roles, forget_community_roles, pending_community_ids
from portal.models import MunicipalStaff
from portal.roles import forget, forget_staff_roles, is_staff_of, needs_mfa, per_request
from tests.portal.factories import default_municipality


def test_rows_of_a_kind_are_loaded_once_per_user_object(user_factory):
    user = user_factory()
    calls = []

    def loader(person):
        calls.append(person)
        return frozenset({1})

    assert per_request(user, "seats", loader) == {1}
    assert per_request(user, "seats", loader) == {1}
    assert len(calls) == 1

    forget(user, "seats")
    per_request(user, "seats", loader)
    assert len(calls) == 2


def test_anonymous_people_have_no_rows_and_cost_nothing():
    def loader(_person):
        raise AssertionError("no rows are read for an anonymous person")

    assert per_request(AnonymousUser(), "staff", loader) == frozenset()
    assert per_request(AnonymousUser(), "memberships", loader, empty={}) == {}


def test_forgetting_works_through_the_lazy_request_user(user_factory):
    user = user_factory()
    lazy = SimpleLazyObject(lambda: user)
    per_request(lazy, "seats", lambda _person: "first")

    forget(lazy, "seats")

    assert per_request(lazy, "seats", lambda _person: "second") == "second"


def test_kinds_are_kept_apart(user_factory):
    user = user_factory()
    per_request(user, "seats", lambda _person: "seats")

    assert per_request(user, "rounds", lambda _person: "rounds") == "rounds"


def test_staff_rows_serve_mfa_and_every_staff_check_with_one_query(
    user_factory, django_assert_num_queries
):
    staff = user_factory(is_municipal_staff=True)
    municipality = default_municipality()

    with django_assert_num_queries(1):
        assert needs_mfa(staff)
        assert is_staff_of(staff, municipality)
        assert is_staff_of(staff, municipality)


def test_a_service_that_changes_rows_forgets_them(user_factory, django_assert_num_queries):
    user = user_factory()
    assert not needs_mfa(user)
    MunicipalStaff.objects.create(user=user, municipality=default_municipality())

    assert not needs_mfa(user)  # still this request's rows
    forget_staff_roles(user)
    assert needs_mfa(user)


def test_evaluators_need_mfa_without_staff_rows(user_factory):
    assert needs_mfa(user_factory(is_evaluator=True))
    assert not needs_mfa(user_factory(is_council_member=True))


def test_memberships_go_through_the_same_cache(
    user_factory, community_factory, membership_factory, django_assert_num_queries
):
    user = user_factory()
    active = community_factory()
    waiting = community_factory()
    membership_factory(user=user, community=active, role="leader")
    membership_factory(user=user, community=waiting, status="pending")

    with django_assert_num_queries(1):
        assert community_roles(user) == {active.pk: "leader"}
        assert pending_community_ids(user) == {waiting.pk}

    forget_community_roles(user)
    with django_assert_num_queries(1):
        community_roles(user)


def test_the_signed_in_person_is_read_with_whether_they_have_roles(
    user_factory, django_assert_num_queries
):
    from portal.auth_backends import AuthenticationBackend, ModelBackend

    municipality = default_municipality()
    resident = user_factory()
    staff = user_factory(is_municipal_staff=True)
    for backend in (ModelBackend(), AuthenticationBackend()):
        person = backend.get_user(resident.pk)
        with django_assert_num_queries(0):  # no staff rows, no assignments: nothing to read
            assert not needs_mfa(person)
            assert not is_staff_of(person, municipality)
        person = backend.get_user(staff.pk)
        with django_assert_num_queries(1):  # which municipalities: read once
            assert needs_mfa(person)
            assert is_staff_of(person, municipality)
