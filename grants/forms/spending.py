"""Forms of spending reports on a subsidy: lines, documents, the decision."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.validators import single_line

from .base import yes_or_no


class SpendingLineForm(forms.Form):
    what = forms.CharField(
        label=pgettext_lazy("spending", "What was bought or paid"),
        max_length=200,
        required=False,
        validators=[single_line],
    )
    amount = forms.DecimalField(
        label=_("Amount (EUR)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )

    def clean(self):
        data = super().clean()
        what, amount = data.get("what"), data.get("amount")
        if what and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount spent."))
        if amount is not None and not what:
            self.add_error("what", _("Say what was bought or paid."))
        return data


SpendingLineFormSet = forms.formset_factory(SpendingLineForm, extra=2)


class SpendingDocumentForm(forms.Form):
    title = forms.CharField(
        label=_("What the document is"),
        max_length=200,
        validators=[single_line],
        help_text=_("For example: invoice for the festival's sound system."),
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG or JPG."))

    def clean_file(self):
        from ..models.spending import SPENDING_DOCUMENT

        return SPENDING_DOCUMENT(self.cleaned_data["file"])


class SpendingDecisionForm(forms.Form):
    accept = yes_or_no(_("Decision"), _("Accept the report"), _("Return it for corrections"))
    reason = forms.CharField(
        label=_("What must be corrected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you return the report: the leaders get it by email."),
    )
