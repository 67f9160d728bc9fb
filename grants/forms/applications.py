"""Forms of applications: starting one, its text, budget lines, in-kind contributions,
attachments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from communities.forms.community import NeighbourhoodChoiceField
from portal.forms import DateInput, dates_in_range
from portal.models import Territory
from portal.validators import single_line

from ..models import Application, BudgetLine, InKindContribution


class ApplicationStartForm(forms.Form):
    community = forms.ModelChoiceField(label=_("Community that applies"), queryset=None)
    title = forms.CharField(label=_("Project title"), max_length=200, validators=[single_line])

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities


class ApplicationForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    neighbourhoods = NeighbourhoodChoiceField(
        label=_("Neighbourhoods the project serves"),
        queryset=Territory.objects.none(),
        required=False,
    )

    class Meta:
        model = Application
        formfield_callback = dates_in_range
        fields = [
            "title",
            "description",
            "neighbourhoods",
            "activities",
            "starts_on",
            "ends_on",
            "own_contribution",
        ]
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "description": forms.Textarea(attrs={"rows": 5}),
            "activities": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "activities": _("What will be done, by whom and when."),
            "own_contribution": _("Money the community adds itself; the portal requests the rest."),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].set_municipality(municipality)
        self.fields["version"].initial = self.instance.version


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", "—"), *BudgetLine.Category.choices], required=False
    )
    description = forms.CharField(
        label=_("What for"), max_length=200, required=False, validators=[single_line]
    )
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )

    def clean(self):
        data = super().clean()
        filled = [data.get("category"), data.get("description"), data.get("amount")]
        if any(v not in (None, "") for v in filled) and not all(
            v not in (None, "") for v in filled
        ):
            raise forms.ValidationError(_("Fill in the category, what for and the amount."))
        return data


class InKindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "—"), *InKindContribution.Kind.choices], required=False
    )
    description = forms.CharField(
        label=_("What"), max_length=200, required=False, validators=[single_line]
    )
    value = forms.DecimalField(
        label=_("Value at market prices (EUR)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
    )

    def clean(self):
        data = super().clean()
        filled = [data.get("kind"), data.get("description"), data.get("value")]
        if any(v not in (None, "") for v in filled) and not all(
            v not in (None, "") for v in filled
        ):
            raise forms.ValidationError(_("Fill in the kind, what and its value."))
        return data


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=2)


InKindFormSet = forms.formset_factory(InKindForm, extra=1)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[single_line])
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG or JPG."))

    def clean_file(self):
        from ..models.applications import ATTACHMENT

        return ATTACHMENT(self.cleaned_data["file"])
