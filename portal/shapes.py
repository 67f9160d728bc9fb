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


def _marker(value, salt, index):
    """A value of the same type as ``value``, different from it and from other markers."""
    base = 1_900_000_000 + 1000 * salt + index
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return base if value != base else base + 500
    if isinstance(value, Decimal):
        return Decimal(base)
    if isinstance(value, str):
        return f"\x1fshape {base}"
    if isinstance(value, datetime.datetime):
        return value.replace(year=1901 + salt, microsecond=index)
    if isinstance(value, datetime.date):
        return datetime.date(1901 + salt, 1, 1) + datetime.timedelta(days=index)
    raise ShapeError(f"A shape takes plain values, not {type(value).__name__}.")


def _markers(values, salt):
    """Markers for ``values``: a tuple (an ``__in`` list) gets a marker for each item."""
    return [
        tuple(_marker(item, salt, 100 * (i + 1) + j) for j, item in enumerate(value))
        if isinstance(value, tuple)
        else _marker(value, salt, i)
        for i, value in enumerate(values)
    ]


def _leaves(values):
    """``[(path, value)]``: each value, and each item of a tuple, with where it sits."""
    leaves = []
    for i, value in enumerate(values):
        if isinstance(value, tuple):
            leaves.extend(((i, j), item) for j, item in enumerate(value))
        else:
            leaves.append(((i,), value))
    return leaves


def _at(values, path):
    return values[path[0]] if len(path) == 1 else values[path[0]][path[1]]


def _same(value):
    return value


def _adaptations(marker, alias):
    """How a value may reach the parameters: as it is, as the database adapts a date or a
    time (SQLite takes them as text), or as a pattern of ``startswith``, ``endswith`` or
    ``contains`` (escaped the way Django's lookups escape it)."""
    ops = connections[alias].ops
    if isinstance(marker, datetime.datetime):
        return (_same, ops.adapt_datetimefield_value)
    if isinstance(marker, datetime.date):
        return (_same, ops.adapt_datefield_value)
    if isinstance(marker, str):
        return (
            _same,
            lambda value: f"{ops.prep_for_like_query(value)}%",
            lambda value: f"%{ops.prep_for_like_query(value)}",
            lambda value: f"%{ops.prep_for_like_query(value)}%",
        )
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
    def build(cls, function, values, alias, name):
        queryset = function(*values)
        try:
            compiler, sql, params = _compile(queryset, alias)
            _, marked_sql, marked = _compile(function(*_markers(values, 1)), alias)
        except EmptyResultSet as error:
            raise ShapeError(f"{name}: a shape must compile to SQL for any values.") from error
        if marked_sql != sql or len(marked) != len(params):
            raise ShapeError(f"{name}: its SQL text changes with the values given.")
        markers = _leaves(_markers(values, 1))
        plan = []
        for given, seen in zip(params, marked, strict=True):
            if given == seen and type(given) is type(seen):
                if isinstance(given, (datetime.date, datetime.time)) or (
                    isinstance(given, str) and _DAY.match(given)
                ):
                    raise ShapeError(f"{name}: a constant date among its parameters.")
                plan.append((False, given))
                continue
            found = []
            for path, marker in markers:
                for adapt in _adaptations(marker, alias):
                    if adapt(marker) == seen:
                        found.append((path, adapt))
                        break
            if len(found) != 1 or found[0][1](_at(values, found[0][0])) != given:
                raise ShapeError(f"{name}: a parameter is not one of the values as given.")
            plan.append((True, found[0]))
        return cls(name, queryset, compiler, sql, plan)

    def queryset_for(self, values, alias):
        params = tuple(
            item[1](_at(values, item[0])) if is_arg else item for is_arg, item in self.plan
        )
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


def _as_set(items):
    """A list value stands for a set (an ``__in`` list): each item once."""
    return tuple(dict.fromkeys(items))


_KEYS = range(-(2**63), 2**63)  # what a 64-bit column holds: our keys and every number


def _beyond_keys(value):
    return isinstance(value, int) and not isinstance(value, bool) and value not in _KEYS


_KEPT_PER_SHAPE = 64  # structures kept of one shape (offsets come from addresses)


def shape(function):
    """Decorate a function that builds a queryset from plain values; calling it returns the
    rows (a list) read with SQL compiled once per process (the module's docstring). A tuple
    or list value stands for a set (an ``__in`` list): each size is compiled on its own.

    Keyword arguments are the *structure*: choices that change the SQL text (a branch, an
    offset), each compiled on its own; at most ``_KEPT_PER_SHAPE`` are kept at a time."""
    compiled = {}

    @functools.wraps(function)
    def rows(*values, using=DEFAULT_DB_ALIAS, **structure):
        if any(_beyond_keys(value) for value in values):
            return []  # no row has such a key (an address's number past any column's range)
        values = tuple(
            _as_set([item for item in value if not _beyond_keys(item)])
            if isinstance(value, (tuple, list))
            else value
            for value in values
        )
        if any(value == () for value in values):
            return []
        sizes = tuple(len(value) if isinstance(value, tuple) else -1 for value in values)
        key = (using, sizes, *sorted(structure.items()))
        kept = compiled.get(key)
        if kept is None:
            build = functools.partial(function, **structure) if structure else function
            kept = _Compiled.build(build, values, using, function.__qualname__)
            if len(compiled) >= _KEPT_PER_SHAPE:
                compiled.pop(next(iter(compiled)))
            compiled[key] = kept
        return list(kept.queryset_for(values, using))

    rows.queryset = function  # the plain queryset, for tests and for reading the SQL
    return rows
