"""The commonest widget templates of Django's forms, written in Python.

A filter form's selects render one included template per option (and another for its
attributes): on a registry page with three selects that was most of the time the page took.
These functions give exactly the markup of Django's own templates (``django/forms/widgets/``:
``input.html`` and the input types that include it, ``select.html``, ``select_option.html``,
``attrs.html``), with the same escaping, localisation and whitespace (the renderer strips what
it returns, not what a template includes); any other template is rendered by the
template engine as before. ``tests/portal/test_form_rendering.py`` compares both for every
widget the portal's forms use.
"""

from html import escape as html_escape

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

INPUT = "django/forms/widgets/input.html"
INPUT_TYPES = (
    "text",
    "search",
    "number",
    "email",
    "url",
    "password",
    "hidden",
    "date",
    "datetime",
    "time",
    "tel",
    "checkbox",
)


def _escaped(value):
    """``conditional_escape(value)``, the short way for a plain string (most of them: its
    lazy wrapper cost more than the escaping)."""
    if type(value) is str:
        return SafeString(html_escape(value))
    return conditional_escape(value)


def _text(value):
    """``{{ value }}``: localised unless a string, then escaped."""
    if not isinstance(value, str):
        value = localize(value)
    return _escaped(value)


def attrs(attributes):
    """``attrs.html``."""
    parts = []
    for name, value in attributes.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_escaped(name)}")
        else:
            parts.append(f' {_escaped(name)}="{_escaped(str(value))}"')
    return "".join(parts)


def input_tag(widget):
    value = widget["value"]
    shown = f' value="{_escaped(str(value))}"' if value is not None else ""
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{attrs(widget['attrs'])}>"
    )


def option_tag(option):
    return (
        f'<option value="{_escaped(str(option["value"]))}"{attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>"
    )


def select_tag(widget):
    parts = [f'<select name="{_text(widget["name"])}"{attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != "django/forms/widgets/select_option.html":
                return None  # an option of its own kind: the engine renders the select
            parts.append(f"\n  {option_tag(option)}\n")  # the included file's last newline
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


WRITTEN = {
    INPUT: input_tag,
    "django/forms/widgets/select.html": select_tag,
    "django/forms/widgets/select_option.html": option_tag,
    **{f"django/forms/widgets/{name}.html": input_tag for name in INPUT_TYPES},
}


def render_written(template_name, context):
    """The markup of ``template_name`` for ``context``, or ``None`` when it is not one of ours."""
    write = WRITTEN.get(template_name)
    if write is None or "widget" not in context:
        return None
    markup = write(context["widget"])
    return None if markup is None else mark_safe(markup)
