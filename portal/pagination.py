"""Pagination in as few queries as the page allows.

``CountingPaginator`` counts in the query that loads the page (``COUNT(*) OVER ()``): a page
costs one query instead of a ``COUNT`` and a ``SELECT``; only an address past the last page
(no rows to carry the count) asks for the count on its own. ``KeyFirstPaginator`` also keeps
the last page of a long list cheap.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window

from .shapes import shape


def _with_total(queryset):
    return queryset.annotate(_paginator_total=Window(Count("pk")))


class ShapedList:
    """A list read a page at a time with a shape (``portal.shapes``): ``paged`` makes them."""

    def __init__(self, page_rows, function, values, structure, plain_rows=None):
        self.page_rows, self.function, self.plain_rows = page_rows, function, plain_rows
        self.values, self.structure = values, structure

    def rows(self, bottom, size):
        """Up to ``size`` rows from ``bottom``, each with ``_paginator_total``."""
        return self.page_rows(*self.values, bottom=bottom, size=size, **self.structure)

    def rows_uncounted(self, bottom, size):
        """Up to ``size`` rows from ``bottom``, without the count (it is known)."""
        if size <= 0:
            return []
        return self.plain_rows(*self.values, bottom=bottom, size=size, **self.structure)

    def count(self):  # past the last page only: no row carried the count
        return self.function(*self.values, **self.structure).count()

    def __getitem__(self, index):
        return list(self.function(*self.values, **self.structure)[index])


def paged(function):
    """A shape of a long list: ``function(*values)`` builds the whole list's queryset from
    plain values; ``paged(function)(*values)`` is a list that ``CountingPaginator`` and
    ``section_page`` read one page of, with its count, by SQL compiled once per offset.
    Keyword arguments are the shape's structure (``portal.shapes.shape``): which filters a
    list applies, say, each combination compiled on its own."""

    @shape
    def page_rows(*values, bottom, size, **structure):
        return _with_total(function(*values, **structure))[bottom : bottom + size]

    @shape
    def plain_rows(*values, bottom, size, **structure):
        return function(*values, **structure)[bottom : bottom + size]

    return lambda *values, **structure: ShapedList(
        page_rows, function, values, structure, plain_rows
    )


class CountingPaginator(Paginator):
    def _counted(self):
        """Whether the count is known, or cannot come with the rows (then it is asked for)."""
        if isinstance(self.object_list, ShapedList):
            return "count" in self.__dict__
        query = getattr(self.object_list, "query", None)
        return "count" in self.__dict__ or query is None or query.distinct or query.combinator

    def _with_total(self, queryset):
        return _with_total(queryset)

    def _rows(self, bottom):
        """Up to a page (with its orphans) of rows from ``bottom``, counting them all."""
        size = self.per_page + self.orphans
        if isinstance(self.object_list, ShapedList):
            rows = self.object_list.rows(bottom, size)
        else:
            rows = list(self._with_total(self.object_list)[bottom : bottom + size])
        if rows:
            first = rows[0]  # a model instance, or a dict of ``values()``
            self.count = (
                first["_paginator_total"] if isinstance(first, dict) else first._paginator_total
            )
        return rows

    def page(self, number):
        if self._counted():
            return super().page(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            return super().page(number)  # PageNotAnInteger, as Paginator says
        if number < 1:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = self._rows(bottom)
        if not rows and number == 1:
            self.count = 0  # nothing at all: an empty first page, as Paginator allows
            if self.allow_empty_first_page:
                return self._get_page([], number, self)  # (no query sliced to nothing)
        if not rows:
            return super().page(number)  # past the end: the count tells EmptyPage or page 1
        self.validate_number(number)  # orphans may have joined this page to the one before
        if bottom + self.per_page + self.orphans < self.count:
            rows = rows[: self.per_page]
        return self._get_page(rows, number, self)

    def get_page(self, number):
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)


class KeyFirstPaginator(CountingPaginator):
    """Finds the page's primary keys first (with the count), then loads only those rows.

    A plain ``queryset[9980:10000]`` makes the database compute every annotation (member
    counts, ...) of the 9,980 rows it skips; here the skipping is an index-only walk over
    keys, and annotations and prefetches run for the 20 rows shown. ``load``: the queryset
    the page's rows are read from when the list's own (``object_list``) is a plain one that
    only finds and orders the keys — then the walk over keys compiles no annotations at all.
    The list may be a shape of its keys (``paged`` of a ``values_list("pk")``) and ``load``
    a shape reading rows of given keys: then nothing is compiled after the first request.
    """

    def __init__(self, object_list, per_page, *, known_count=None, load=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if known_count is not None:
            self.count = known_count  # a kept count (Territory.community_count): no COUNT query
        self.load = object_list if load is None else load

    def _keys(self, bottom, size):
        """``[(pk, total)]`` of up to ``size`` rows from ``bottom``: the list's own query, or
        a shape of its keys (``paged`` of a ``values_list("pk")``)."""
        if isinstance(self.object_list, ShapedList):
            return self.object_list.rows(bottom, size) if size > 0 else []
        return list(
            self._with_total(self.object_list).values_list("pk", "_paginator_total")[
                bottom : bottom + size
            ]
        )

    def _rows(self, bottom):
        keys = self._keys(bottom, self.per_page + self.orphans)
        if not keys:
            return []
        self.count = keys[0][1]
        return self._load([key for key, _total in keys])

    def _load(self, keys):
        if not keys:
            return []
        # ``load`` is a queryset, or a shape (``portal.shapes``) reading the rows of given keys.
        found = self.load(keys) if callable(self.load) else self.load.filter(pk__in=keys).order_by()
        rows = {
            row["pk"] if isinstance(row, dict) else row.pk: row  # a dict of values("pk", ...)
            for row in found
        }
        return [rows[key] for key in keys if key in rows]

    def page(self, number):
        if not self._counted():
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if isinstance(self.object_list, ShapedList):  # a shape of ``values_list("pk")``
            keys = [row[0] for row in self.object_list.rows_uncounted(bottom, top - bottom)]
        else:
            keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        return self._get_page(self._load(keys), number, self)


def section_page(request, queryset, per_page, param, *, known_count=None):
    """One page of a list that is a section of a larger page, turned by its own query
    parameter (``?meetings=2``) so that several lists of one page turn apart. The page knows
    the query strings of its neighbours (``previous_query``, ``next_query``), every other
    parameter kept; ``includes/section_pages.html`` links them. ``known_count``: the number
    of rows when the page already counted them (no query at all for an empty section)."""
    paginator = CountingPaginator(queryset, per_page)
    if known_count is not None:
        paginator.count = known_count
    page = paginator.get_page(request.GET.get(param))
    for name, number in (
        ("previous_query", page.previous_page_number() if page.has_previous() else None),
        ("next_query", page.next_page_number() if page.has_next() else None),
    ):
        if number is not None:
            query = request.GET.copy()
            query[param] = number
            setattr(page, name, query.urlencode())
    return page
