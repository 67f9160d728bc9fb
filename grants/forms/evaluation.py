"""Forms of evaluation: eligibility, evaluators, conflicts of interest, scores, the decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .base import yes_or_no


class EligibilityForm(forms.Form):
    eligible = yes_or_no(_("Eligibility"), _("Eligible"), _("Not eligible"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the application is not eligible."),
    )


class DecisionForm(forms.Form):
    award = yes_or_no(_("Decision"), _("Award"), _("Do not award"))
    amount = forms.DecimalField(
        label=_("Awarded amount (EUR)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Empty: the requested amount."),
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when less than requested or nothing is awarded."),
    )

    def __init__(self, *args, idea_stage=False, **kwargs):
        super().__init__(*args, **kwargs)
        if idea_stage:
            self.fields["award"].choices = (
                ("yes", _("Shortlist and invite to the full stage")),
                ("no", _("Leave the idea out")),
            )
            del self.fields["amount"]


class EvaluatorForm(forms.Form):
    email = forms.EmailField(label=_("Email of the person's account"))


class ConflictForm(forms.Form):
    has_conflict = yes_or_no(
        _("Do you have a conflict of interest with this application?"),
        _("Yes, I have one"),
        _("No, I have no conflict of interest"),
        no_first=True,
    )
    note = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ScoreForm(forms.Form):
    """One score and one justification per criterion of the round."""

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        scores = scores or {}
        self.criteria = list(criteria)
        for criterion in self.criteria:
            existing = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s: score (0–%(max)s)")
                % {"criterion": criterion.name, "max": criterion.max_score},
                min_value=0,
                max_value=criterion.max_score,
                initial=existing.score if existing else None,
                help_text=criterion.description,
            )
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=_("%(criterion)s: justification") % {"criterion": criterion.name},
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.justification if existing else "",
            )

    def scores(self):
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"justification_{c.pk}"])
            for c in self.criteria
        }
