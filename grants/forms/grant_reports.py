"""Forms of post-award reports: the narrative, spending per approved budget line, files,
the decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.validators import single_line

from ..budget import money
from ..models import ReportFile
from .base import yes_or_no


class ReportForm(forms.Form):
    narrative = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 5}))
    spending_note = forms.CharField(
        label=_("About the spending as a whole"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: what the budget lines do not say."),
    )


class ReportLineForm(forms.Form):
    """What was spent against one line of the approved budget. The line is named by a hidden
    key; the page shows its description and approved amount from the server, never from
    what was posted."""

    budget_line = forms.IntegerField(widget=forms.HiddenInput)
    spent = forms.DecimalField(
        label=_("Spent (EUR)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Empty: nothing spent."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the amount differs from the approved one."),
    )

    def __init__(self, *args, budget_lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget_lines = budget_lines or {}
        line = self.approved_line
        if line is not None:  # each control says which line it is about, read on its own too
            self.fields["spent"].label = _("Spent on “%(line)s” (EUR)") % {"line": line.description}
            self.fields["note"].label = _("Note on “%(line)s”") % {"line": line.description}

    @property
    def approved_line(self):
        """The approved budget line this row is about (read from the server's lines)."""
        key = self.initial.get("budget_line")
        return self.budget_lines.get(key)

    def clean(self):
        data = super().clean()
        line = self.budget_lines.get(data.get("budget_line"))
        if line is None or line.pk != self.initial.get("budget_line"):
            raise forms.ValidationError(
                _("This line is not in this application's approved budget; reload the page."),
                code="foreign_line",
            )
        spent = data.get("spent")
        if spent is not None and spent > line.amount and not (data.get("note") or "").strip():
            self.add_error(
                "note",
                _("Say why more was spent than approved (%(amount)s).")
                % {"amount": money(line.amount)},
            )
        return data


class BaseReportLineFormSet(forms.BaseFormSet):
    def __init__(self, *args, budget_lines, **kwargs):
        self.budget_lines = {line.pk: line for line in budget_lines}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "budget_lines": self.budget_lines}

    def clean(self):
        if any(self.errors):
            return
        given = [form.cleaned_data["budget_line"] for form in self.forms]
        if sorted(given) != sorted(self.budget_lines):
            raise forms.ValidationError(
                _("Say what was spent against every line of the approved budget, once each."),
                code="lines_changed",
            )

    def lines(self):
        return [
            {
                "budget_line": form.cleaned_data["budget_line"],
                "spent": form.cleaned_data["spent"],
                "note": form.cleaned_data["note"],
            }
            for form in self.forms
        ]


def report_line_formset(data=None, *, budget_lines, report_lines=()):
    """The report's lines, one per approved budget line, filled with what was said before."""
    budget_lines = list(budget_lines)
    said = {line.budget_line_id: line for line in report_lines}
    initial = [
        {
            "budget_line": line.pk,
            "spent": said[line.pk].spent if line.pk in said else None,
            "note": said[line.pk].note if line.pk in said else "",
        }
        for line in budget_lines
    ]
    count = len(budget_lines)
    formset_class = forms.formset_factory(
        ReportLineForm,
        formset=BaseReportLineFormSet,
        extra=0,
        min_num=count,
        max_num=count,
        validate_min=True,
        validate_max=True,
        absolute_max=count,
    )
    return formset_class(data, prefix="lines", initial=initial, budget_lines=budget_lines)


class ReportFileForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of file"), choices=ReportFile.Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Title"), max_length=200, validators=[single_line])
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG or JPG."))

    def clean_file(self):
        from ..models.grant_reports import REPORT_FILE

        return REPORT_FILE(self.cleaned_data["file"])


class ReportDecisionForm(forms.Form):
    accept = yes_or_no(_("Decision"), _("Accept the report"), _("Return it for corrections"))
    reason = forms.CharField(
        label=_("What must be corrected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
