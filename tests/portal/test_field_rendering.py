"""Fields written in Python (portal.field_rendering) give the markup of forms/field.html."""

import pytest
from django import forms
from django.forms.boundfield import BoundField
from django.utils import translation
from django.utils.translation import gettext_lazy

from councils.forms import ReviewFilterForm
from portal.field_rendering import WrittenField, WrittenForm, field_group
from portal.forms import DateInput

TRICKY = 'a "quoted" <b>&amp; value'


class Everything(forms.Form):
    text = forms.CharField(
        label=TRICKY, help_text=f"<em>{TRICKY}</em>", widget=forms.TextInput(attrs={"id": "x"})
    )
    number = forms.IntegerField(required=False, initial=1234567)
    day = forms.DateField(widget=DateInput, required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, initial=7)
    flag = forms.BooleanField(label=gettext_lazy("Community"), help_text="Hint")
    optional_flag = forms.BooleanField(required=False)
    choice = forms.ChoiceField(
        choices=[("", "—"), ("a", gettext_lazy("Community")), (3, 3000), (None, TRICKY)],
        initial="a",
    )
    grouped = forms.ChoiceField(
        choices=[("", "—"), ("Grupa <1>", [("b", TRICKY), (3, 3000)])], required=False
    )
    typed = forms.TypedChoiceField(
        choices=[("", "---------"), (6, TRICKY), (7, "7")], coerce=int, empty_value=None
    )
    attrs = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")],
        widget=forms.Select(attrs={"class": "wide", "aria-describedby": "own"}),
        help_text="Hint",
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y & Z")], initial=["y"])
    boxes = forms.MultipleChoiceField(
        choices=[("x", "X"), ("y", "Y & Z")], widget=forms.CheckboxSelectMultiple, help_text="Hi"
    )
    radio = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)
    words = forms.CharField(widget=forms.Textarea, required=False)


DATA = [
    None,
    {},
    {"text": TRICKY, "number": "12", "choice": "3", "typed": "6", "attrs": "b", "radio": "y"},
    {"choice": "bogus", "typed": "x", "grouped": "b", "many": ["x", "y"], "boxes": ["z"]},
    {"choice": "", "typed": "", "flag": "on", "optional_flag": "on", "day": "bad"},
]


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("data", DATA)
def test_every_kind_of_field_is_written_as_forms_field_html_renders_it(language, data):
    with translation.override(language):
        form = Everything(data)
        for name, field in form.fields.items():
            written = field_group(WrittenField(form, field, name))
            assert written == BoundField(form, field, name).as_field_group(), name


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize(
    "data",
    [None, {"status": "answered", "joint": "no"}, {"status": "bogus", "neighbourhood": "abc"}],
)
def test_the_papers_filter_form_is_written_as_the_templates_render_it(
    language, data, municipality, neighbourhood
):
    class Templated(ReviewFilterForm):
        bound_field_class = BoundField
        render = __str__ = forms.Form.render

    if data and "neighbourhood" not in data:
        data["neighbourhood"] = str(neighbourhood.pk)
    with translation.override(language):
        written = ReviewFilterForm(data, municipality=municipality)
        rendered = Templated(data, municipality=municipality)
        assert str(written) == str(rendered)
        assert neighbourhood.name in str(written)


class WrittenEverything(WrittenForm, Everything):
    pass


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("data", DATA)
def test_a_whole_form_is_written_as_forms_form_html_renders_it(language, data):
    with translation.override(language):
        written = WrittenEverything(data)
        if data:
            written.is_valid()
            written.add_error(None, f"{TRICKY} 1")
            written.add_error(None, "2")
        rendered = Everything(data)
        if data:
            rendered.is_valid()
            rendered.add_error(None, f"{TRICKY} 1")
            rendered.add_error(None, "2")
        assert str(written) == str(rendered)
        assert written.as_div() == rendered.as_div()  # another template: rendered as before
