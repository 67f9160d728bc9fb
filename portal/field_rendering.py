"""A form's fields written in Python: ``forms/field.html`` and a plain ``<select>``.

A filter form renders each of its fields through ``forms/field.html`` (some twenty template
nodes) and each select through Django's choice machinery (a dictionary per option) before
``portal.form_rendering`` writes it: on the council's papers that was a tenth of the page.
A form opts in with ``WrittenForm`` (or only its fields, with ``bound_field_class =
WrittenField``): it gives exactly the markup of ``forms/form.html`` and its fields of
``forms/field.html`` (the same msgids, escaping and whitespace), a ``Select`` is written from
its choices, and any other widget renders as before. Compared with the
templates in ``tests/portal/test_field_rendering.py``.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .form_rendering import _escaped, _text, attrs


def select_html(field):
    """``{{ field }}`` of a field whose widget is a plain ``forms.Select`` (``as_widget`` and
    ``select.html``), or ``None`` for choices in groups (the widget renders those)."""
    widget = field.field.widget
    extra = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        extra.setdefault("id", field.auto_id)
    values = widget.format_value(field.value())
    parts = [f'<select name="{_text(field.html_name)}"{attrs({**widget.attrs, **extra})}>']
    has_selected = False
    for value, label in widget.choices:
        if isinstance(label, (list, tuple)):
            return None
        if value is None:
            value = ""
        selected = not has_selected and str(value) in values
        has_selected |= selected
        parts.append(
            f'\n  <option value="{_escaped(str(value))}"'
            f"{' selected' if selected else ''}>{_text(label)}</option>\n"
        )
    parts.append("\n</select>")
    return "".join(parts)


def widget_html(field):
    """``{{ field }}``."""
    if type(field.field.widget) is forms.Select:
        written = select_html(field)
        if written is not None:
            return written
    return str(field)


def field_group(field):
    """What ``forms/field.html`` renders for ``field`` (a bound field), stripped as the form
    renderer strips it."""
    errors, checkbox = field.errors, field.widget_type == "checkbox"
    label = _text(field.label)
    required = (
        f' <span class="required">({_escaped(gettext("required"))})</span>'
        if field.field.required
        else ""
    )
    fieldset = field.use_fieldset
    if fieldset:
        described = field.aria_describedby
        described = f' aria-describedby="{_text(described)}"' if described else ""
        heading = (
            f'<fieldset{described}>\n  <legend class="field__label">{label}{required}</legend>\n'
        )
    elif checkbox:
        heading = "\n"
    else:
        heading = (
            f'\n  <label class="field__label" for="{_text(field.id_for_label)}">'
            f"{label}{required}</label>\n"
        )
    hint = (
        f'<div class="hint" id="{_text(field.auto_id)}_helptext">{field.help_text}</div>'
        if field.help_text
        else ""
    )
    if errors:
        word = _escaped(gettext("Error:"))
        messages = "".join(
            f'<p class="error-message"><span class="visually-hidden">{word}</span> '
            f"{_text(error)}</p>"
            for error in errors
        )
        errors = f'<div id="{_text(field.auto_id)}_error">{messages}</div>'
    widget = widget_html(field)
    if checkbox:
        widget = (
            f'<div class="checkbox">{widget} <label for="{_text(field.id_for_label)}">'
            f"{label}</label></div>"
        )
    classes = (" field--error" if errors else "") + (" field--checkbox" if checkbox else "")
    return mark_safe(
        f'<div class="field{classes}">\n{heading}\n{hint}\n{errors or ""}\n{widget}\n'
        f"{'</fieldset>' if fieldset else ''}\n</div>"
    )


class WrittenField(BoundField):
    """A bound field whose ``as_field_group`` is written in Python (``field_group``)."""

    def as_field_group(self):
        return field_group(self)


FORM_TEMPLATE = "forms/form.html"


def form_html(form):
    """What ``forms/form.html`` renders for ``form``, stripped as the renderer strips it."""
    errors = "".join(f'<p class="error-message">{_text(e)}</p>' for e in form.non_field_errors())
    hidden = "".join(str(field) for field in form.hidden_fields())
    visible = "".join(str(field.as_field_group()) for field in form.visible_fields())
    return mark_safe(f"{errors}\n{hidden}\n{visible}".strip())


class WrittenForm:
    """A form (mixed in before ``forms.Form``) written in Python when rendered whole with
    the portal's form template (``{{ form }}``), its fields as ``WrittenField``."""

    bound_field_class = WrittenField

    def render(self, template_name=None, context=None, renderer=None):
        if template_name is None and context is None and self.template_name == FORM_TEMPLATE:
            return form_html(self)
        return super().render(template_name, context, renderer)

    __str__ = render
    __html__ = render
