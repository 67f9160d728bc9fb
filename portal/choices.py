"""``get_FOO_display()`` without translating every label of the field on each call.

Django's ``Model._get_FIELD_display`` builds a dict of the field's choices on every call, and
hashing the lazy labels translates each of them: a list of 25 communities showing their
status and legal form translated 350 labels (about 2.5 ms of a page). The field's choices are
fixed, so the dict is built once per field with the labels left lazy, and only the one shown
is translated, in the language of the moment. Same result as Django's (tested for every
choice of every model: ``tests/portal/test_choices.py``). Fields with callable choices keep
Django's own method.
"""

from functools import partialmethod

from django.apps import apps
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_by_field = {}

OUR_APPS = ("portal", "communities", "grants", "consultations", "councils")


def _choices(field):
    found = _by_field.get(field)
    if found is None:
        found = _by_field[field] = {
            make_hashable(value): label for value, label in field.flatchoices
        }
    return found


def _get_field_display(self, field):
    value = getattr(self, field.attname)
    return force_str(_choices(field).get(make_hashable(value), value), strings_only=True)


def install():
    """Give our models' fields with fixed choices the quicker method (``PortalConfig.ready``)."""
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.concrete_fields:
            name = f"get_{field.name}_display"
            fixed = isinstance(field.choices, list | tuple) and field.choices
            if fixed and isinstance(model.__dict__.get(name), partialmethod):
                setattr(model, name, partialmethod(_get_field_display, field=field))
