"""An id no row can have matches nothing, also in a list (issue 25, item 9).

Django answers ``filter(pk=99999999999999999999)`` with no rows, but ``pk__in=[…]`` with that
value reaches SQLite, whose driver raises ``OverflowError`` (a 500 on any form whose choices
were tampered with). These ``in`` lookups drop integers outside the column's range before
the query is written, on every database; registered in ``PortalConfig.ready()``.
"""

from django.core.exceptions import FieldError
from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


def _integer_type(lhs):
    """The internal type of the one integer column ``lhs`` reads, or None (several columns,
    another type)."""
    try:
        field = lhs.output_field
        if getattr(field, "is_relation", False):
            field = field.target_field
    except (AttributeError, FieldError):
        return None
    if isinstance(field, IntegerField):
        return field.get_internal_type()
    return None


def _range(connection, internal_type):
    try:
        return connection.ops.integer_field_range(internal_type)
    except KeyError:  # a type the database does not name: nothing dropped
        return None, None


class InRangeMixin:
    def process_rhs(self, compiler, connection):
        internal_type = _integer_type(self.lhs)
        if internal_type and self.rhs_is_direct_value():
            low, high = _range(connection, internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


class IntegerIn(InRangeMixin, In):
    pass


class RelatedIntegerIn(InRangeMixin, RelatedIn):
    pass


def install():
    IntegerField.register_lookup(IntegerIn)
    ForeignObject.register_lookup(RelatedIntegerIn)
