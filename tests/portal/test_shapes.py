"""Reads compiled once (``portal.shapes``): the same rows as the plain queryset for any values,
current on every call, and refused wherever the SQL would depend on more than the code."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from communities.models import Community
from portal.models import Municipality
from portal.shapes import ShapeError, shape
from tests.communities.factories import CommunityFactory
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@shape
def named(municipality_id, name):
    return (
        Community.objects.filter(municipality_id=municipality_id, name=name)
        .select_related("municipality")
        .order_by("pk")
    )


@shape
def names_of(municipality_id, created_after):
    return (
        Community.objects.filter(municipality_id=municipality_id, created_at__gt=created_after)
        .order_by("name")
        .values_list("name", flat=True)
    )


def test_a_shape_reads_what_the_queryset_reads_for_any_values(municipality):
    other = MunicipalityFactory()
    ours = CommunityFactory(name="Ābeļu kopiena")
    theirs = CommunityFactory(name="Ābeļu kopiena", municipality=other)

    assert named(municipality.pk, "Ābeļu kopiena") == [ours]
    assert named(other.pk, "Ābeļu kopiena") == [theirs]
    assert named(other.pk, "Cita") == []
    read = named(municipality.pk, "Ābeļu kopiena")[0]
    with CaptureQueriesContext(connection) as queries:
        assert read.municipality == municipality  # select_related: no query
    assert not queries.captured_queries

    day = timezone.now() - datetime.timedelta(days=1)
    assert names_of(municipality.pk, day) == ["Ābeļu kopiena"]
    assert names_of(municipality.pk, timezone.now() + datetime.timedelta(days=1)) == []


def test_a_shape_reads_current_rows_on_every_call(municipality):
    community = CommunityFactory(name="Vecais nosaukums")
    assert named(municipality.pk, "Vecais nosaukums") == [community]
    Community.objects.filter(pk=community.pk).update(name="Jaunais nosaukums")

    assert named(municipality.pk, "Vecais nosaukums") == []
    assert [c.name for c in named(municipality.pk, "Jaunais nosaukums")] == ["Jaunais nosaukums"]


def test_a_shape_runs_one_query_with_the_values_as_parameters(municipality):
    CommunityFactory(name="Kopiena")
    named(municipality.pk, "Kopiena")  # compiled here
    with CaptureQueriesContext(connection) as queries:
        named(municipality.pk, "Kopiena")
    (query,) = queries.captured_queries
    assert "Kopiena" in query["sql"]  # Django's debug copy shows the parameters in the text


def test_sql_that_changes_with_the_values_is_refused(municipality):
    @shape
    def by_name_if_given(name):
        rows = Municipality.objects.order_by("pk")
        return rows.filter(name=name) if name != "" else rows

    with pytest.raises(ShapeError, match="SQL text changes"):
        by_name_if_given("")


def test_a_value_changed_on_its_way_into_the_sql_is_refused():
    @shape
    def longer_than(text):
        return Municipality.objects.filter(name__gt=text + "a")

    with pytest.raises(ShapeError, match="not one of the values"):
        longer_than("novads")


def test_patterns_are_escaped_as_django_escapes_them(municipality):
    @shape
    def starting(text):
        return Community.objects.filter(name__startswith=text).order_by("pk")

    plain = CommunityFactory(name="Kopiena_1")
    CommunityFactory(name="KopienaX1")
    assert starting("Kopiena_") == [plain]  # "_" is not a wildcard
    assert starting("Kopiena%") == []
    assert len(starting("Kop")) == 2


def test_a_constant_day_is_refused_it_would_stay_the_day_of_the_first_call():
    """(A moment read from the clock differs between the two compilations: refused too.)"""

    @shape
    def created_before_today(municipality_id):
        return Community.objects.filter(
            municipality_id=municipality_id, created_at__date__lt=timezone.localdate()
        )

    with pytest.raises(ShapeError, match="constant date"):
        created_before_today(1)


def test_a_shape_takes_plain_values_only(municipality):
    @shape
    def of(municipality):
        return Community.objects.filter(municipality=municipality)

    with pytest.raises(ShapeError, match="plain values"):
        of(municipality)


def test_rows_of_a_shape_cannot_be_filtered_further(municipality):
    rows = named.queryset(municipality.pk, "x")
    assert rows.query.__class__.__name__ == "Query"  # the plain queryset stays plain
    compiled = named(municipality.pk, "x")
    assert compiled == []


@shape
def page_of_names(municipality_id, *, offset, signed_in):
    rows = Community.objects.filter(municipality_id=municipality_id).order_by("name", "pk")
    if signed_in:
        rows = rows.select_related("municipality")
    return rows.values_list("name", flat=True)[offset : offset + 2]


def test_structure_given_by_keyword_is_compiled_on_its_own(municipality):
    for name in ("A", "B", "C"):
        CommunityFactory(name=name)

    assert page_of_names(municipality.pk, offset=0, signed_in=False) == ["A", "B"]
    assert page_of_names(municipality.pk, offset=2, signed_in=False) == ["C"]
    assert page_of_names(municipality.pk, offset=1, signed_in=True) == ["B", "C"]


@shape
def of_keys(keys):
    return Community.objects.filter(pk__in=keys).order_by("pk")


def test_keys_no_row_can_have_read_nothing_and_never_fail(municipality, client):
    community = CommunityFactory()
    huge = 10**30  # an address's number: past what any column holds
    assert named(huge, "x") == []
    assert of_keys([community.pk, huge, community.pk]) == [community]
    assert of_keys([]) == [] and of_keys([huge]) == []
    response = client.get(f"/lv/councils/padome/meetings/{huge}/items/{huge}/review/")
    assert response.status_code in (302, 404)
