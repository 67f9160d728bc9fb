"""Our ``get_FOO_display()`` (portal.choices) says what Django's says, for every choice."""

import pytest
from django.apps import apps
from django.db.models import Model
from django.utils import translation

from portal.choices import OUR_APPS, _get_field_display


@pytest.mark.parametrize("language", ["lv", "en"])
def test_every_choice_of_every_model_is_shown_as_django_shows_it(language):
    checked = 0
    with translation.override(language):
        for model in apps.get_models():
            if model._meta.app_label not in OUR_APPS:
                continue
            for field in model._meta.concrete_fields:
                if not isinstance(field.choices, list | tuple) or not field.choices:
                    continue
                row = model()
                for value, _label in [*field.flatchoices, ("not-a-choice", "")]:
                    setattr(row, field.attname, value)
                    ours = _get_field_display(row, field)
                    assert ours == Model._get_FIELD_display(row, field), (model, field, value)
                    assert getattr(row, f"get_{field.name}_display")() == ours
                    checked += 1
    assert checked > 100
