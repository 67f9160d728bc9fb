"""Reads whose SQL is compiled once per process: a query's shape, run with new values.

Django compiles a queryset's SQL on every evaluation: on our pages that costs more Python than
PostgreSQL spends running the query (docs/performance.md). A *shape* is a function that builds
a queryset from plain values (numbers, strings, dates, booleans); its SQL text depends only on
the code, never on the values, which travel as parameters::

    @shape
    def municipality_of_host(host):
        return Municipality.objects.filter(hosts__name=host)[:1]

    rows = municipality_of_host("kekava.localhost")   # a list of rows

The first call on a connection builds the queryset twice, with the values given and with
markers of the same types, and compiles both. The shape is accepted only when both compile to
the same SQL text and every parameter that differs is exactly one of the values given; a
constant date or time among the parameters is refused too (the function read the clock: pass
the day as a value). Later calls put the new values into the kept parameters and run the kept
SQL through Django's own iterables, so rows, ``select_related`` objects, ``values()`` and
``prefetch_related`` come out as from the queryset itself.

This keeps compiled code, the way the cached template loader keeps compiled templates: nothing
read from the database is kept, so every call reads current rows.
"""

import copy
import datetime
import functools
import re
from decimal import Decimal

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

_DAY = re.compile(r"\d{4}-\d\d-\d\d")  # a date as SQLite's parameters carry it


class ShapeError(ImproperlyConfigured):
    """The function's SQL depends on more than its code: it can't be a shape."""


def _markers(values, salt):
    """Values of the same types as ``values``, each different from it and from each other."""
    markers = []
    for index, value in enumerate(values):
        base = 1_900_000_000 + 1000 * salt + index
        if isinstance(value, bool):
            markers.append(not value)
        elif isinstance(value, int):
            markers.append(base if value != base else base + 500)
        elif isinstance(value, Decimal):
            markers.append(Decimal(base))
        elif isinstance(value, str):
            markers.append(f"\x1fshape {base}")
        elif isinstance(value, datetime.datetime):
            markers.append(value.replace(year=1901 + salt, microsecond=index))
        elif isinstance(value, datetime.date):
            markers.append(datetime.date(1901 + salt, 1, 1) + datetime.timedelta(days=index))
        else:
            raise ShapeError(f"A shape takes plain values, not {type(value).__name__}.")
    return markers


def _same(value):
    return value


def _adaptations(marker, alias):
    """How a value may reach the parameters: as it is, or as the database adapts a date or
    a time (SQLite takes them as text)."""
    if isinstance(marker, datetime.datetime):
        return (_same, connections[alias].ops.adapt_datetimefield_value)
    if isinstance(marker, datetime.date):
        return (_same, connections[alias].ops.adapt_datefield_value)
    return (_same,)


def _compile(queryset, alias):
    compiler = queryset.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    return compiler, sql, list(params)


class _Compiled:
    """One shape's SQL on one connection alias, with its parameter plan."""

    def __init__(self, name, queryset, compiler, sql, plan):
        self.name, self.queryset, self.compiler, self.sql, self.plan = (
            name,
            queryset,
            compiler,
            sql,
            plan,
        )

    @classmethod
    def build(cls, function, values, alias):
        name = function.__qualname__
        queryset = function(*values)
        try:
            compiler, sql, params = _compile(queryset, alias)
            _, marked_sql, marked = _compile(function(*_markers(values, 1)), alias)
        except EmptyResultSet as error:
            raise ShapeError(f"{name}: a shape must compile to SQL for any values.") from error
        if marked_sql != sql or len(marked) != len(params):
            raise ShapeError(f"{name}: its SQL text changes with the values given.")
        markers = _markers(values, 1)
        plan = []
        for given, seen in zip(params, marked, strict=True):
            if given == seen and type(given) is type(seen):
                if isinstance(given, (datetime.date, datetime.time)) or (
                    isinstance(given, str) and _DAY.match(given)
                ):
                    raise ShapeError(f"{name}: a constant date among its parameters.")
                plan.append((False, given))
                continue
            found = [
                (i, adapt)
                for i, marker in enumerate(markers)
                for adapt in _adaptations(marker, alias)
                if adapt(marker) == seen
            ]
            if len(found) != 1 or found[0][1](values[found[0][0]]) != given:
                raise ShapeError(f"{name}: a parameter is not one of the values as given.")
            plan.append((True, found[0]))
        return cls(name, queryset, compiler, sql, plan)

    def queryset_for(self, values, alias):
        params = tuple(item[1](values[item[0]]) if is_arg else item for is_arg, item in self.plan)
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[alias]
        sql = self.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        base = self.queryset
        queryset = base.__class__(
            model=base.model, query=_ShapedQuery(base.query, compiler), using=alias
        )
        queryset._prefetch_related_lookups = base._prefetch_related_lookups
        queryset._known_related_objects = base._known_related_objects
        queryset._iterable_class = base._iterable_class
        queryset._fields = base._fields
        return queryset


class _ShapedQuery:
    """The kept query, answering ``get_compiler`` with the kept compiler and its new values."""

    def __init__(self, query, compiler):
        self.__dict__["_query"] = query
        self.__dict__["_compiler"] = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._query, name)

    def chain(self, klass=None):
        raise ShapeError("A shape's rows are read as they are: filter in the shape itself.")


def shape(function):
    """Decorate a function that builds a queryset from plain values; calling it returns the
    rows (a list) read with SQL compiled once per process (the module's docstring)."""
    compiled = {}

    @functools.wraps(function)
    def rows(*values, using=DEFAULT_DB_ALIAS):
        kept = compiled.get(using)
        if kept is None:
            kept = compiled[using] = _Compiled.build(function, values, using)
        return list(kept.queryset_for(values, using))

    rows.queryset = function  # the plain queryset, for tests and for reading the SQL
    return rows
