"""Filters of the kit that the apps' filter sets share."""

import django_filters
from django_filters import fields


class _ListedChoices(fields.ModelChoiceIterator):
    """The choices read with one ordinary query. Django reads a model choice field's rows with
    ``.iterator()``, which on PostgreSQL opens a server-side cursor: four round trips for a
    select of a municipality's neighbourhoods on every list page that filters by them."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for row in list(self.queryset):
            yield self.choice(row)


class _ListedModelChoiceField(fields.ModelChoiceField):
    iterator = _ListedChoices


class ListedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """``ModelChoiceFilter`` whose choices come in one query (a short list: territories,
    municipalities)."""

    field_class = _ListedModelChoiceField
