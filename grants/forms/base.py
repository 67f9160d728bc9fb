"""What the grants' forms share: the date-and-time input, yes-or-no choices, filled formset rows."""

from django import forms


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def filled_rows(formset, keys):
    return [
        {key: form.cleaned_data[key] for key in keys}
        for form in formset.forms
        if form.cleaned_data and all(form.cleaned_data.get(k) not in (None, "") for k in keys)
    ]


def yes_or_no(label, yes, no, *, no_first=False):
    """A required choice between two answers, as radio buttons, cleaned to ``True``/``False``."""
    choices = (("yes", yes), ("no", no))
    return forms.TypedChoiceField(
        label=label,
        choices=choices[::-1] if no_first else choices,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
