import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .form_rendering import render_written
from .models import ContactPerson, Territory, User
from .text import sort_key
from .validators import single_line


class PortalFormRenderer(TemplatesSetting):
    """Fields render with a hint under the label and the message beside the field."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        # Inputs and selects are written in Python (portal.form_rendering): the same markup
        # as Django's templates, without one included template per option.
        return render_written(template_name, context) or super().render(
            template_name, context, request
        )


class DateInput(forms.DateInput):
    """A native date picker; the browser shows the date in the person's format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# The days the portal accepts (issue 25, item 9): a date far outside them is a typing slip or
# tampering, and 9999-12-31 overflows the first day counted after it. Every date and time
# field of a form goes through ``DateField`` or ``DateTimeField`` below (a model form by
# ``formfield_callback = dates_in_range`` in its ``Meta``).
EARLIEST_DAY = datetime.date(1900, 1, 1)
LATEST_DAY = datetime.date(2199, 12, 31)


def plausible_day(value):
    day = value.date() if isinstance(value, datetime.datetime) else value
    if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={
                "earliest": date_format(EARLIEST_DAY, "SHORT_DATE_FORMAT"),
                "latest": date_format(LATEST_DAY, "SHORT_DATE_FORMAT"),
            },
        )


def posted_pk(value):
    """The id of a row as a form sent it (a hidden field, a button's value): an integer a
    key can hold, or None for anything else, which then matches no row (a tampered id never
    reaches the database as text)."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


class DateField(forms.DateField):
    """A date between ``EARLIEST_DAY`` and ``LATEST_DAY``, with the native date picker."""

    widget = DateInput
    default_validators = [plausible_day]


class DateTimeField(forms.DateTimeField):
    """A time on a day between ``EARLIEST_DAY`` and ``LATEST_DAY``."""

    default_validators = [plausible_day]


def dates_in_range(db_field, **kwargs):
    """``Meta.formfield_callback`` of a model form: its date and time fields refuse days
    outside the portal's range, like ``DateField`` and ``DateTimeField``."""
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", DateTimeField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", DateField)
    return db_field.formfield(**kwargs)


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes whose groups are fieldsets with a legend; a long list gets a filter box."""

    template_name = "forms/widgets/grouped_checkboxes.html"


class SignupForm(forms.Form):
    """Extra sign-up fields for allauth: a name to show and the language for emails."""

    full_name = forms.CharField(
        label=_("Name and surname"),
        max_length=150,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _("Shown to the leaders of communities you join."),
            reverse("privacy"),
            _("How the portal handles personal data"),
        )

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.language = get_language() or user.language
        user.save(update_fields=["full_name", "language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}
        help_texts = {"language": _("Emails from the portal come in this language.")}


class ContactPersonForm(forms.ModelForm):
    """A municipal employee's details as residents see them on the neighbourhood pages."""

    class Meta:
        model = ContactPerson
        fields = ["name", "position", "email", "phone", "reception_hours"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
        }
        help_texts = {
            "position": _("For example: neighbourhood coordinator."),
            "reception_hours": _("For example: Mondays 9:00–12:00, council building, room 12."),
        }


class TerritoryContactForm(forms.Form):
    """Which contact person serves a neighbourhood; the empty choice means nobody yet."""

    contact_person = forms.ModelChoiceField(
        label=_("Municipal contact person"),
        queryset=ContactPerson.objects.none(),
        required=False,
        empty_label=_("Not appointed"),
        help_text=_("Residents of the neighbourhood see this person's email, phone and hours."),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["contact_person"]
        field.queryset = ContactPerson.objects.of(municipality).order_by("name", "pk")
        field.label_from_instance = _contact_choice_label


def _contact_choice_label(person):
    return f"{person.name}, {person.position}" if person.position else person.name


class NotificationChoicesForm(forms.Form):
    """Which kinds of email a person gets; account emails are always sent."""

    wanted = forms.MultipleChoiceField(
        label=_("Emails I get"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick a kind to stop it. Emails about your account always come."),
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wanted"].choices = [
            (kind.code, _("%(label)s (to %(audience)s)") % _kind_names(kind)) for kind in kinds
        ]


def _kind_names(kind):
    return {"label": kind.label, "audience": kind.audience}


class DeliveryLogFilterForm(forms.Form):
    """The delivery log's filter: by status and by kind."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, kinds, **kwargs):
        from .models import Notification

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Every status")), *Notification.Status.choices]
        self.fields["kind"].choices = [("", _("Every kind"))] + [
            (kind.code, kind.label) for kind in kinds
        ]


class SecurityEventFilterForm(forms.Form):
    """The security log's filter: by kind of event."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import SecurityEvent

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Every kind")), *SecurityEvent.Kind.choices]


class AccountDeleteForm(forms.Form):
    """The person confirms with their password; an account without one must have signed in
    within the last minutes (``RECENT_SIGN_IN``)."""

    RECENT_SIGN_IN = datetime.timedelta(minutes=10)

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean(self):
        cleaned = super().clean()
        if "password" in self.fields:
            if "password" in cleaned and not self.user.check_password(cleaned["password"]):
                self.add_error("password", _("This is not your password."))
        elif not self.user.last_login or (
            timezone.now() - self.user.last_login > self.RECENT_SIGN_IN
        ):
            raise forms.ValidationError(
                _("Sign out and in again, then delete the account within 10 minutes."),
                code="not_recent",
            )
        return cleaned


class TerritoryChoiceField(forms.ModelMultipleChoiceField):
    """Every territory of the municipality below its root, grouped by town or parish: a
    parish chosen includes every neighbourhood inside it."""

    widget = GroupedCheckboxSelectMultiple

    def set_municipality(self, municipality, *, neighbourhoods_only=False):
        every = list(Territory.objects.of(municipality).order_by("sort_name", "pk"))
        names = {node.pk: node.name for node in every}
        rows = Territory.objects.of(municipality).filter(parent__isnull=False)
        if neighbourhoods_only:
            rows = rows.neighbourhoods()
        self.queryset = rows
        chosen = [
            node
            for node in every
            if node.parent_id is not None and (node.is_neighbourhood or not neighbourhoods_only)
        ]
        tops_with_parts = {
            int(node.path.split("/")[2]) for node in every if node.path.count("/") > 3
        }
        groups, direct = {}, []
        for node in chosen:
            top = int(node.path.split("/")[2])
            if top not in tops_with_parts:
                direct.append((node.pk, node.name))
            elif top == node.pk:
                groups.setdefault(top, []).insert(
                    0, (node.pk, _("all of %(name)s") % {"name": node.name})
                )
            else:
                groups.setdefault(top, []).append((node.pk, node.name))
        ordered = sorted(groups.items(), key=lambda group: sort_key(names[group[0]]))
        self.choices = [*direct, *[(names[top], items) for top, items in ordered]]
