"""A community's forms: registration, the staff's decisions, key changes, members."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import (
    GroupedCheckboxSelectMultiple,
    dates_in_range,
)
from portal.models import Territory
from portal.text import sort_key

from ..completeness import field_errors
from ..models import Community, Membership
from ..models.community import SUPPORTING_DOCUMENT, FoundingMotive


class NeighbourhoodChoiceField(forms.ModelMultipleChoiceField):
    """The municipality's neighbourhoods, grouped by the town or parish they belong to.

    Riga has 58 neighbourhoods straight under the municipality; Ķekava's sit in towns and
    parishes. The choices come from one query; validation still goes through the queryset.
    """

    widget = GroupedCheckboxSelectMultiple

    def set_municipality(self, municipality):
        self.queryset = Territory.objects.of(municipality).neighbourhoods().select_related("parent")
        groups = {}
        for territory in self.queryset.order_by("sort_name", "pk"):
            parent = territory.parent
            group = "" if parent is None or parent.parent_id is None else parent.name
            groups.setdefault(group, []).append((territory.pk, territory.name))
        direct = groups.pop("", [])
        self.choices = [*direct, *sorted(groups.items(), key=lambda group: sort_key(group[0]))]


class CommunityForm(forms.ModelForm):
    """The registration and profile form.

    A draft needs only a name. ``submitting=True`` asks for everything staff need to verify.
    """

    neighbourhoods = NeighbourhoodChoiceField(
        label=_("Neighbourhoods the community covers"),
        queryset=Territory.objects.none(),
        required=False,
        help_text=_("Choose one or more."),
    )
    founding_motives = forms.MultipleChoiceField(
        label=_("Why the community was formed"),
        choices=FoundingMotive.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Community
        fields = [
            "name",
            "neighbourhoods",
            "description",
            "founding_motives",
            "founding_motive_other",
            "legal_form",
            "register_number",
            "registered_on",
            "contact_name",
            "contact_email",
            "contact_phone",
            "declared_residents",
            "residents_evidence",
            "supporting_document",
        ]
        formfield_callback = dates_in_range  # the register's date: a plausible day
        widgets = {
            "legal_form": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "residents_evidence": forms.Textarea(attrs={"rows": 3}),
            "supporting_document": forms.FileInput,
        }
        help_texts = {
            "description": _("What the community does and for whom."),
            "residents_evidence": _(
                "For example a list of members, signatures collected or meeting minutes."
            ),
            "contact_name": _("Shown on the community's public page, with the email and phone."),
        }

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, municipality, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.fields["neighbourhoods"].set_municipality(municipality)
        self.fields["register_number"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "maxlength": "11"}
        )
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["legal_form"].choices = Community.LegalForm.choices
        self.fields["legal_form"].required = False
        document = self.fields["supporting_document"]
        document.validators.append(SUPPORTING_DOCUMENT)
        document.widget.attrs["accept"] = SUPPORTING_DOCUMENT.accept
        document.help_text = _(
            "A PDF, PNG or JPEG file of up to %(size)s. Only the municipality and the "
            "community's leaders and board see it."
        ) % {"size": filesizeformat(SUPPORTING_DOCUMENT.limit)}

    def clean(self):
        cleaned = super().clean()
        # The version the form was opened on is for the save, not a detail of the community.
        self.expected_version = cleaned.pop("version", None)
        if not cleaned.get("legal_form") and "legal_form" not in self.errors:
            cleaned["legal_form"] = Community.LegalForm.INFORMAL
        if cleaned.get("legal_form") == Community.LegalForm.INFORMAL:
            cleaned["register_number"] = ""
            cleaned["registered_on"] = None
        registered_on = cleaned.get("registered_on")
        if registered_on and registered_on > timezone.localdate():
            self.add_error("registered_on", _("The date of registration cannot be in the future."))
        if self.submitting:
            for field, message in field_errors(cleaned).items():
                if field not in self.errors:
                    self.add_error(field, message)
        return cleaned


class _StaffDecisionForm(forms.Form):
    """A staff decision between two outcomes; the second one needs a reason for the leaders.

    Subclasses name the outcomes (``choices``) and the texts of the reason field.
    """

    choices = ()  # ((first value, label), (second value, label))
    reason_label = reason_help = reason_missing = ""

    decision = forms.ChoiceField(label=_("Decision"), choices=(), widget=forms.RadioSelect)
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = self.choices
        self.fields["reason"].label = self.reason_label
        self.fields["reason"].help_text = self.reason_help

    def clean(self):
        cleaned = super().clean()
        needs_reason = cleaned.get("decision") == self.choices[1][0]
        if needs_reason and not cleaned.get("reason", "").strip():
            self.add_error("reason", self.reason_missing)
        return cleaned


class DecisionForm(_StaffDecisionForm):
    """Staff's decision on a submitted registration."""

    VERIFY, RETURN = "verify", "return"
    choices = ((VERIFY, _("Verify the community")), (RETURN, _("Return for corrections")))
    reason_label = _("Reasons or note for the community")
    reason_help = _("Required when you return the registration: say what must be corrected.")
    reason_missing = _("Explain what the community has to correct.")

    def __init__(self, *args, community=None, **kwargs):
        super().__init__(*args, **kwargs)
        # An association's register number and date of registration are checked in the
        # Register of Enterprises before it is verified: staff confirm that they did.
        if community is not None and community.legal_form == Community.LegalForm.ASSOCIATION:
            self.fields["register_checked"] = forms.BooleanField(
                label=_(
                    "I checked the register number and the date of registration in the "
                    "Register of Enterprises"
                ),
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        if (
            "register_checked" in self.fields
            and cleaned.get("decision") == self.VERIFY
            and not cleaned.get("register_checked")
        ):
            self.add_error(
                "register_checked",
                _("Check the register number and the date in the Register of Enterprises first."),
            )
        return cleaned


class KeyChangeDecisionForm(_StaffDecisionForm):
    """Staff's decision on a change of a verified community's key facts."""

    ACCEPT, RETURN = "accept", "return"
    choices = ((ACCEPT, _("Accept the change")), (RETURN, _("Return the change")))
    reason_label = _("Reason for the community")
    reason_help = _("Required when you return the change: the leaders get it by email.")
    reason_missing = _("Explain why the change is returned.")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MembershipRequestForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"message": _("Optional: tell the leaders who you are.")}


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
