from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from portal.forms import (
    DateField,
    DateInput,
    TerritoryChoiceField,
    dates_in_range,
)
from portal.models import Territory

from .models import Consultation, ConsultationDocument, MunicipalEvent, ProblemReport, Submission
from .models.consultations import CONSULTATION_DOCUMENT
from .models.problems import PHOTO
from .models.submissions import ATTACHMENT, AnswerStatus


class ConsultationForm(forms.ModelForm):
    neighbourhoods = TerritoryChoiceField(
        label=_("Affected neighbourhoods"),
        queryset=Territory.objects.none(),
        required=False,
        help_text=_(
            "Their communities and the residents who follow them are invited when it opens."
        ),
    )

    class Meta:
        model = Consultation
        formfield_callback = dates_in_range
        fields = [
            "title",
            "kind",
            "description",
            "easy_summary",
            "neighbourhoods",
            "opens_on",
            "closes_on",
            "short_period_reason",
            "responsible",
            "remote_participation",
            "venue",
            "meeting_at",
            "venue_step_free",
        ]
        widgets = {
            "opens_on": DateInput,
            "closes_on": DateInput,
            "meeting_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 6}),
            "easy_summary": forms.Textarea(attrs={"rows": 4}),
            "short_period_reason": forms.Textarea(attrs={"rows": 2}),
            "remote_participation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["neighbourhoods"].set_municipality(municipality)
        staff = self.fields["responsible"]
        staff.queryset = staff.queryset.filter(
            staff_roles__municipality=municipality, is_active=True
        ).order_by("full_name", "email")
        staff.required = True
        self.fields["short_period_reason"].help_text = _(
            "Only when the period is shorter than the minimum for its kind: "
            "%(planning)d days for development-planning documents, %(regulation)d for draft "
            "binding regulations, %(other)d for the others. It is shown to residents."
        ) % {
            "planning": municipality.min_planning_consultation_days,
            "regulation": municipality.min_regulation_consultation_days,
            "other": municipality.min_consultation_days,
        }


class DocumentForm(forms.ModelForm):
    class Meta:
        model = ConsultationDocument
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = CONSULTATION_DOCUMENT.accept


class SubmissionForm(forms.ModelForm):
    community = forms.ModelChoiceField(
        label=_("Submit as"),
        queryset=Community.objects.none(),
        required=False,
        empty_label=_("myself (an individual opinion)"),
        help_text=_(
            "A leader may submit the community's joint opinion: it is shown apart, as the "
            "voice of its neighbourhood."
        ),
    )

    class Meta:
        model = Submission
        fields = ["community", "text", "document", "section", "attachment", "show_name"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, consultation, led_communities, **kwargs):
        super().__init__(*args, **kwargs)
        if led_communities:
            self.fields["community"].queryset = led_communities
        else:
            del self.fields["community"]
        documents = consultation.documents.all()
        if documents:
            self.fields["document"].queryset = documents
            self.fields["document"].empty_label = _("the consultation as a whole")
        else:
            del self.fields["document"]
            del self.fields["section"]
        self.fields["attachment"].widget.attrs["accept"] = ATTACHMENT.accept
        self.fields["show_name"].help_text = _(
            "Otherwise the public feedback page shows your opinion and its answer without "
            "your name. A community's joint opinion always shows the community's name."
        )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"), choices=AnswerStatus.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "What changes in the document because of the submission, or why it does not "
            "change. “Pieņemts zināšanai” and thanks alone are not an answer."
        ),
    )


class CorrectionForm(AnswerForm):
    reason = forms.CharField(
        label=_("Why the answer is corrected"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Shown with the answer, beside the earlier text."),
    )


class ExtensionForm(forms.Form):
    until = DateField(label=_("Answer by"), widget=DateInput)
    reason = forms.CharField(
        label=_("Why the answer takes longer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("The submitter sees it."),
    )


class FollowForm(forms.Form):
    territories = TerritoryChoiceField(
        label=_("Neighbourhoods you follow"),
        queryset=Territory.objects.none(),
        required=False,
        help_text=_("You are invited to consultations about them."),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territories"].set_municipality(municipality, neighbourhoods_only=True)


class MunicipalEventForm(forms.ModelForm):
    neighbourhoods = TerritoryChoiceField(
        label=_("Neighbourhoods"),
        queryset=Territory.objects.none(),
        required=False,
        help_text=_("None: the whole municipality."),
    )

    class Meta:
        model = MunicipalEvent
        formfield_callback = dates_in_range
        fields = [
            "title",
            "kind",
            "audience",
            "description",
            "starts_at",
            "ends_at",
            "venue",
            "venue_step_free",
            "how_to_take_part",
            "neighbourhoods",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
            "how_to_take_part": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].set_municipality(municipality)


class ProblemReportForm(forms.ModelForm):
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Territory.objects.none(), empty_label=None
    )
    community = forms.ModelChoiceField(
        label=_("Report as"),
        queryset=Community.objects.none(),
        required=False,
        empty_label=_("in my own name"),
        help_text=_("A leader may report the problem on behalf of the community."),
    )

    class Meta:
        model = ProblemReport
        fields = [
            "community",
            "neighbourhood",
            "category",
            "title",
            "description",
            "address",
            "latitude",
            "longitude",
            "photo",
        ]
        widgets = {
            "category": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "latitude": forms.NumberInput(attrs={"step": "any"}),
            "longitude": forms.NumberInput(attrs={"step": "any"}),
        }
        help_texts = {
            "address": _("A street and house number, or a landmark."),
            "latitude": _("Optional: pick the point on the map, or type it (e.g. 56.95)."),
        }

    def __init__(self, *args, municipality, led_communities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if led_communities:  # only the communities the person leads; none: no choice
            self.fields["community"].queryset = led_communities
        else:
            del self.fields["community"]
        self.fields["neighbourhood"].queryset = (
            Territory.objects.of(municipality).neighbourhoods().order_by("sort_name", "pk")
        )
        self.fields["photo"].widget.attrs["accept"] = PHOTO.accept


class RouteForm(forms.Form):
    colleague = forms.ModelChoiceField(label=_("Give it to"), queryset=None)

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["colleague"].queryset = (
            get_user_model()
            .objects.filter(staff_roles__municipality=municipality, is_active=True)
            .order_by("full_name", "email")
        )


class ProblemAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("What the municipality does about it and when, or why it does nothing."),
    )
