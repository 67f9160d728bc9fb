"""The activity record's forms: events, joint opinions, reopened years."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import (
    DateField,
    DateInput,
    dates_in_range,
)

from ..models import Event, JointOpinion
from ..models.community import ParticipationForm
from ..record import PLANNED_HAS_NO_ATTENDANCE


class VersionedEntryForm(forms.ModelForm):
    """An activity entry's form carries the version it was opened on (issue 16, item 3)."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        # The version the form was opened on is for the save, not a field of the entry.
        self.expected_version = cleaned.pop("version", None)
        return cleaned


class EventForm(VersionedEntryForm):
    participation_forms = forms.MultipleChoiceField(
        label=_("Forms of participation"),
        choices=ParticipationForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Event
        formfield_callback = dates_in_range
        fields = [
            "title",
            "kind",
            "date",
            "place",
            "attendance",
            "participation_forms",
            "step_free_venue",
            "description",
        ]
        widgets = {"date": DateInput, "description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "attendance": _("Fill in once the event has happened; a planned event has none yet.")
        }

    def clean(self):
        cleaned = super().clean()
        date = cleaned.get("date")
        if date and date > timezone.localdate() and cleaned.get("attendance") is not None:
            self.add_error("attendance", PLANNED_HAS_NO_ATTENDANCE)
        return cleaned


class JointOpinionForm(VersionedEntryForm):
    class Meta:
        model = JointOpinion
        formfield_callback = dates_in_range
        fields = ["title", "sent_on", "addressee", "summary"]
        widgets = {"sent_on": DateInput, "summary": forms.Textarea(attrs={"rows": 5})}


class ReopenYearForm(forms.Form):
    """Staff reopen a locked year of one community's activity record."""

    year = forms.IntegerField(label=_("Year of the record"), min_value=2000)
    until = DateField(
        label=_("Open until"),
        widget=DateInput,
        help_text=_("After this date the year locks again."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
