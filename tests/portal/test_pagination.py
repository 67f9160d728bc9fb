"""Pages in one query: the count comes with the rows (portal.pagination)."""

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from portal.models import ContactPerson
from portal.pagination import CountingPaginator, KeyFirstPaginator, paged
from portal.shapes import shape
from tests.portal.factories import ContactPersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    for n in range(23):
        ContactPersonFactory(name=f"Persona {n:02d}")
    return ContactPerson.objects.order_by("name", "pk")


@pytest.mark.parametrize("kind", [CountingPaginator, KeyFirstPaginator])
@pytest.mark.parametrize("orphans", [0, 3])
@pytest.mark.parametrize("number", [1, 2, 3, "2", "last", "x", 0, 9, None])
def test_the_same_pages_as_djangos_paginator(people, kind, orphans, number):
    ours, djangos = kind(people, 10, orphans=orphans), Paginator(people, 10, orphans=orphans)
    asked = djangos.num_pages if number == "last" else number
    expected = djangos.get_page(asked)
    got = ours.get_page(asked)
    assert [row.pk for row in got] == [row.pk for row in expected]
    assert (got.number, ours.count, ours.num_pages) == (
        expected.number,
        djangos.count,
        djangos.num_pages,
    )
    if asked in (0, 9) or (orphans and asked == 3):
        with pytest.raises(EmptyPage):
            kind(people, 10, orphans=orphans).page(asked)
    elif asked in ("x", None):
        with pytest.raises(PageNotAnInteger):
            kind(people, 10, orphans=orphans).page(asked)


def test_a_page_costs_one_query_and_the_key_first_page_two(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = CountingPaginator(people, 10).get_page(2)
        assert len(page) == 10 and page.paginator.num_pages == 3
    with django_assert_num_queries(2):
        page = KeyFirstPaginator(people, 10).get_page(3)
        assert len(page) == 3 and page.paginator.count == 23
    with django_assert_num_queries(3):  # past the end: no rows, the count, the last page
        assert len(CountingPaginator(people, 10).get_page(7)) == 3


def test_an_empty_list_costs_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = CountingPaginator(ContactPerson.objects.order_by("pk"), 10).get_page(1)
        assert list(page) == [] and page.paginator.count == 0 and page.number == 1


@pytest.mark.parametrize("known", [None, 23])
def test_key_first_reads_the_rows_from_load_in_the_lists_order(
    people, known, django_assert_num_queries
):
    from django.db.models import Value

    rows = ContactPerson.objects.annotate(shown=Value("yes"))
    paginator = KeyFirstPaginator(people, 10, known_count=known, load=rows)
    with django_assert_num_queries(2):
        page = paginator.get_page(3)
    assert [row.name for row in page] == [f"Persona {n:02d}" for n in (20, 21, 22)]
    assert {row.shown for row in page} == {"yes"} and paginator.count == 23


@pytest.mark.parametrize("number", [1, 2, 3])
def test_a_values_list_is_counted_with_its_rows(people, number, django_assert_num_queries):
    """Rows of ``values()`` (dicts) carry the count as well as model instances."""
    rows, djangos = people.values("pk", "name"), Paginator(people, 10)
    with django_assert_num_queries(1):
        got = CountingPaginator(rows, 10).get_page(number)
        assert got.paginator.count == 23
    assert [row["pk"] for row in got] == [row.pk for row in djangos.get_page(number)]


@paged
def _keys_of_people(prefix):
    return (
        ContactPerson.objects.filter(name__startswith=prefix)
        .order_by("name", "pk")
        .values_list("pk")
    )


@shape
def _people_with_keys(keys):
    return ContactPerson.objects.filter(pk__in=keys)


@pytest.mark.parametrize("known", [None, 23])
@pytest.mark.parametrize("orphans", [0, 3])
@pytest.mark.parametrize("number", [1, 2, 3, "last", "x", 0, 9])
def test_key_first_over_a_shape_of_keys_gives_djangos_pages(people, known, orphans, number):
    """The feedback page and the council's papers turn their lists by a shape of their keys
    and load the page's rows by another: the same pages as Django's paginator, with the
    count read with the keys or known beforehand."""
    djangos = Paginator(people, 10, orphans=orphans)
    asked = djangos.num_pages if number == "last" else number
    expected = djangos.get_page(asked)
    ours = KeyFirstPaginator(
        _keys_of_people("Persona"),
        10,
        orphans=orphans,
        known_count=known,
        load=_people_with_keys,
    )
    got = ours.get_page(asked)
    assert [row.pk for row in got] == [row.pk for row in expected]
    assert (got.number, ours.count, ours.num_pages) == (
        expected.number,
        djangos.count,
        djangos.num_pages,
    )


def test_a_shape_of_keys_with_nothing_in_it_is_an_empty_first_page(db):
    page = KeyFirstPaginator(
        _keys_of_people("Nobody"), 10, known_count=0, load=_people_with_keys
    ).get_page(1)
    assert list(page) == [] and page.number == 1
