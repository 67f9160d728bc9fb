"""Forms of programmes and rounds: the round, its criteria and documents, questions, the
invitation to the full stage."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import DateInput, DateTimeField, dates_in_range
from portal.validators import single_line

from ..models import Programme, Round
from ..services.rounds import ROUND_FIELDS
from .base import DateTimeInput


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
        from ..models.rounds import ROUND_DOCUMENT

        return ROUND_DOCUMENT(self.cleaned_data["file"])


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
