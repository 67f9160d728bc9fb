"""Forms of annual subsidies: awarding a tier, setting up and retiring tiers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import SubsidyTier
from ..services.subsidies import TIER_FIELDS


class SubsidyAwardForm(forms.Form):
    """Staff award a tier of an annual subsidy to the communities they tick. Only the
    programme's tiers and the listed communities are choices: anything else sent (a tampered
    id) is a message beside the field."""

    tier = forms.ModelChoiceField(
        label=_("Tier to award"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Choose the tier to award."),
            "invalid_choice": _("Choose one of this programme's tiers."),
        },
    )
    community = forms.ModelMultipleChoiceField(
        label=_("Communities"),
        queryset=None,
        error_messages={
            "required": _("Tick at least one community."),
            "invalid_choice": _("Tick only the communities listed."),
            "invalid_pk_value": _("Tick only the communities listed."),
        },
    )

    def __init__(self, *args, tiers, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].queryset = tiers
        self.fields["community"].queryset = communities


class SubsidyTierForm(forms.ModelForm):
    """Staff set up or change a tier of an annual subsidy: its amount and the conditions
    from the activity record. An empty condition is not asked."""

    class Meta:
        model = SubsidyTier
        fields = ["name", "amount", "order", *TIER_FIELDS]
        help_texts = {
            "min_registered_years": _(
                "Counted from the date the Register of Enterprises registered the community; "
                "informal groups have none and do not meet it."
            ),
            "min_spent_percent": _(
                "With the earlier tier above: the share of its subsidy the community reported "
                "spent and the municipality accepted (0–100)."
            ),
            "order": _("Tiers are listed from the smallest order up."),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        tiers = programme.tiers.all()
        if self.instance.pk:
            tiers = tiers.exclude(pk=self.instance.pk)
        previous = self.fields["previous_tier"]
        previous.queryset = tiers
        previous.error_messages["invalid_choice"] = _("Choose another tier of this programme.")
        self.fields["min_spent_percent"].widget.attrs.update({"min": 0, "max": 100})

    def clean(self):
        cleaned = super().clean()
        from ..services.subsidies import _check_tier

        values = {name: cleaned.get(name) for name in self.Meta.fields}
        try:
            _check_tier(self.programme, values, self.instance if self.instance.pk else None)
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                if field not in self.errors:
                    self.add_error(field, messages)
        return cleaned


class RetireTierForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the tier is retired (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
