"""Forms of the grants: input shape only; the services check the round's rules."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communities.forms.community import NeighbourhoodChoiceField
from portal.forms import DateInput, DateTimeField, dates_in_range
from portal.models import Territory
from portal.validators import single_line

from .budget import money
from .models import (
    Application,
    BudgetLine,
    InKindContribution,
    Programme,
    ReportFile,
    Round,
    SubsidyTier,
)
from .services.rounds import ROUND_FIELDS
from .services.subsidies import TIER_FIELDS


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class ProgrammeForm(forms.ModelForm):
    external_url = forms.URLField(
        label=_("Voting platform"),
        required=False,
        assume_scheme="https",
        help_text=_("For the participatory budget: the page of the national voting platform."),
    )

    class Meta:
        model = Programme
        fields = ["kind", "name", "description", "external_url"]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}


class RoundForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Round
        formfield_callback = dates_in_range
        fields = ["programme", *ROUND_FIELDS]
        widgets = {
            "announced_on": DateInput,
            "deadline": DateTimeInput,
            "seminar_on": DateInput,
            "evaluation_deadline": DateInput,
            "decision_on": DateInput,
            "implementation_starts": DateInput,
            "implementation_ends": DateInput,
            "progress_report_due_on": DateInput,
            "final_report_due_on": DateInput,
            "description": forms.Textarea(attrs={"rows": 6}),
            "eligible_applicants": forms.Textarea(attrs={"rows": 3}),
            "priorities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.of(municipality)
        self.fields["deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            del self.fields["programme"]


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200, validators=[single_line])
    description = forms.CharField(
        label=_("What is looked at"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    weight = forms.DecimalField(
        label=_("Weight"), min_value=0.01, max_digits=5, decimal_places=2, initial=1
    )
    max_score = forms.IntegerField(label=_("Maximum score"), min_value=1, max_value=100, initial=5)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, min_num=1, validate_min=True)


class RoundDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[single_line])
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        from .models.rounds import ROUND_DOCUMENT

        return ROUND_DOCUMENT(self.cleaned_data["file"])


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


def filled_rows(formset, keys):
    return [
        {key: form.cleaned_data[key] for key in keys}
        for form in formset.forms
        if form.cleaned_data and all(form.cleaned_data.get(k) not in (None, "") for k in keys)
    ]


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, validators=[single_line])
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG or JPG."))

    def clean_file(self):
        from .models.applications import ATTACHMENT

        return ATTACHMENT(self.cleaned_data["file"])


def yes_or_no(label, yes, no, *, no_first=False):
    """A required choice between two answers, as radio buttons, cleaned to ``True``/``False``."""
    choices = (("yes", yes), ("no", no))
    return forms.TypedChoiceField(
        label=label,
        choices=choices[::-1] if no_first else choices,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


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
        from .models.grant_reports import REPORT_FILE

        return REPORT_FILE(self.cleaned_data["file"])


class ReportDecisionForm(forms.Form):
    accept = yes_or_no(_("Decision"), _("Accept the report"), _("Return it for corrections"))
    reason = forms.CharField(
        label=_("What must be corrected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Your question"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))
    published = forms.BooleanField(
        label=_("Publish on the round's page (of general interest)"), required=False
    )


class InviteForm(forms.Form):
    full_deadline = DateTimeField(
        label=_("Deadline of the full applications"),
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


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
        from .services.subsidies import _check_tier

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
        from .models.spending import SPENDING_DOCUMENT

        return SPENDING_DOCUMENT(self.cleaned_data["file"])


class SpendingDecisionForm(forms.Form):
    accept = yes_or_no(_("Decision"), _("Accept the report"), _("Return it for corrections"))
    reason = forms.CharField(
        label=_("What must be corrected"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you return the report: the leaders get it by email."),
    )
