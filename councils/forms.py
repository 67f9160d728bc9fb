from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communities.models import Community, Membership
from consultations.forms import AnswerForm, CorrectionForm
from consultations.models import Consultation
from portal.field_rendering import WrittenForm
from portal.forms import DateField, DateInput, DateTimeField
from portal.models import Territory
from portal.shapes import shape

from .models import AgendaItem, Council
from .models.papers import PAPER

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CouncilForm(forms.ModelForm):
    seats = forms.IntegerField(label=_("Number of seats"), min_value=1, max_value=99)
    community_seats = forms.IntegerField(
        label=_("Seats reserved for communities"), min_value=0, max_value=99, initial=0
    )

    class Meta:
        model = Council
        fields = [
            "kind",
            "name",
            "territory",
            "remit",
            "bylaws",
            "quorum",
            "term_years",
            "min_candidate_age",
            "notice_working_days",
            "tie_rule",
        ]
        widgets = {
            "remit": forms.Textarea(attrs={"rows": 4}),
            "kind": forms.RadioSelect,
            "bylaws": forms.FileInput,  # never a link to /media/: the council page links them
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = Territory.objects.of(municipality).order_by("sort_name")
        if self.instance.pk:  # settings only: kind, seats and territory stay
            for name in ("kind", "name", "territory", "seats", "community_seats"):
                del self.fields[name]


class NominationPeriodForm(forms.Form):
    opens_on = DateField(label=_("Open from"), widget=DateInput)
    closes_on = DateField(label=_("Open until"), widget=DateInput)
    note = forms.CharField(
        label=_("What the council looks for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NominateForm(forms.Form):
    community = forms.ModelChoiceField(label=_("Community"), queryset=Community.objects.none())
    nominee = forms.ModelChoiceField(
        label=_("Member nominated"),
        queryset=get_user_model().objects.none(),
        help_text=_("The member is asked to confirm their consent in their account."),
    )
    motivation = forms.CharField(
        label=_("Why this member"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities
        self.fields["nominee"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__community__in=communities,
                memberships__status=Membership.Status.ACTIVE,
            )
            .distinct()
            .order_by("full_name", "pk")
        )
        self.fields["nominee"].label_from_instance = lambda user: user.full_name or user.email


class MeetingForm(forms.Form):
    starts_at = DateTimeField(label=_("Time"), widget=DATETIME)
    place = forms.CharField(label=_("Place"), max_length=300)
    title = forms.CharField(label=_("First agenda item"), max_length=200)
    consultation = forms.ModelChoiceField(
        label=_("Consultation discussed"),
        queryset=Consultation.objects.none(),
        required=False,
        help_text=_("Its submissions, answers and feedback figures come before the council."),
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.of(municipality).published()


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    consultation = forms.ModelChoiceField(
        label=_("Consultation discussed"), queryset=Consultation.objects.none(), required=False
    )
    late_reason = forms.CharField(
        label=_("Why the agenda changes this late"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the item on the agenda."),
        error_messages={
            "required": _(
                "Say why the agenda changes this late: the reason is shown with the item."
            )
        },
    )

    def __init__(self, *args, municipality, late=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.of(municipality).published()
        if not late:  # announced in time, or still a draft: no reason is asked
            del self.fields["late_reason"]


PAPERS_AT_ONCE = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by the field's validators. The names
    the person gave the files are kept on ``names`` (the stored names are generated)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        if not uploads:
            return super().clean(None, initial)
        if len(uploads) > PAPERS_AT_ONCE:
            raise forms.ValidationError(
                ngettext(
                    "Add at most %(count)s file at once.",
                    "Add at most %(count)s files at once.",
                    PAPERS_AT_ONCE,
                )
                % {"count": PAPERS_AT_ONCE},
                code="too_many",
            )
        cleaned, errors = [], []
        for upload in uploads:
            name = getattr(upload, "name", "") or ""
            try:
                cleaned.append((name, super().clean(upload, initial)))
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class PapersForm(forms.Form):
    """Papers for a meeting: one or more files, for the meeting or one of its items, public
    or for the council only."""

    files = MultipleFileField(
        label=_("Files"),
        validators=[PAPER],
        help_text=_("PDF, PNG or JPEG; you may choose several files at once."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        required=False,
        help_text=_("Empty: each paper is titled with its file's name."),
    )
    item = forms.ModelChoiceField(
        label=_("Agenda item"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("the whole meeting"),
    )
    public = forms.BooleanField(
        label=_("Anyone may see these papers on the meeting's page"),
        required=False,
        help_text=_("Otherwise only the council's sitting members and the municipality's staff."),
    )
    late_reason = forms.CharField(
        label=_("Why the papers are added this late"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with the papers."),
        error_messages={
            "required": _("Say why the papers are added this late: the reason is shown with them.")
        },
    )

    def __init__(self, *args, meeting, late=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()
        files = self.fields["files"]
        files.widget.attrs["accept"] = PAPER.accept
        if not late:
            del self.fields["late_reason"]


class PresenceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Members present"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The council's sitting members: the quorum and the votes count from them."),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = members
        self.fields["present"].label_from_instance = lambda user: user.full_name or user.email


class PublishForm(forms.Form):
    late_reason = forms.CharField(
        label=_("Why it is announced late"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the announcement is later than the council's notice."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment for the council"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 5}))
    voted = forms.BooleanField(label=_("Put to a vote"), required=False)
    votes_for = forms.IntegerField(label=_("For"), min_value=0, initial=0, required=False)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0, initial=0, required=False)
    abstentions = forms.IntegerField(label=_("Abstained"), min_value=0, initial=0, required=False)

    def clean(self):
        data = super().clean()
        for name in ("votes_for", "votes_against", "abstentions"):
            data[name] = data.get(name) or 0
        return data


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))


class RecommendationAnswerForm(AnswerForm):
    """The consultations' answer form: the same statuses, the same demand for a reason."""


class RecommendationCorrectionForm(CorrectionForm):
    """The consultations' correction form: the new answer and why it is corrected."""


@shape
def _neighbourhood_choices(municipality_id):
    areas = Territory.objects.filter(municipality=municipality_id).neighbourhoods()
    return areas.order_by("sort_name").values_list("pk", "name")


class ReviewFilterForm(WrittenForm, forms.Form):
    """The papers' filters, written in Python (``portal.field_rendering``)."""

    status = forms.ChoiceField(
        label=_("Answer"),
        required=False,
        choices=[("", _("all")), ("answered", _("answered")), ("received", _("waiting"))],
    )
    neighbourhood = forms.TypedChoiceField(
        label=_("Neighbourhood"), required=False, coerce=int, empty_value=None
    )
    joint = forms.ChoiceField(
        label=_("From"),
        required=False,
        choices=[
            ("", _("everyone")),
            ("yes", _("communities (joint opinions)")),
            ("no", _("residents")),
        ],
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        # Loaded here (one narrow query), not by the template that renders the select.
        areas = _neighbourhood_choices(municipality.pk)
        self.fields["neighbourhood"].choices = [("", "---------"), *areas]


class ElectionForm(forms.Form):
    stand_until = DateField(label=_("Candidates stand until"), widget=DateInput)
    votes_from = DateField(label=_("Voting from"), widget=DateInput)
    votes_until = DateField(label=_("Voting until"), widget=DateInput)


def territories_of(council):
    if council.territory_id is None:
        return Territory.objects.none()
    return Territory.objects.of(council.municipality).inside(council.territory).order_by("path")


class CandidacyForm(forms.Form):
    territory = forms.ModelChoiceField(label=_("Where you live"), queryset=Territory.objects.none())
    statement = forms.CharField(
        label=_("What you stand for"), widget=forms.Textarea(attrs={"rows": 4})
    )
    meets_conditions = forms.BooleanField(
        label=_("I meet the age and residence conditions of the council"),
        required=False,
        help_text=_("No personal code is asked: you confirm it yourself."),
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories_of(council)


class VoteForm(forms.Form):
    territory = forms.ModelChoiceField(
        label=_("The territory you live in"), queryset=Territory.objects.none()
    )
    candidacy = forms.ModelChoiceField(
        label=_("Your candidate"), queryset=None, widget=forms.RadioSelect
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = territories_of(election.council)
        self.fields["candidacy"].queryset = election.candidacies.select_related(
            "person", "territory"
        )
        self.fields["candidacy"].label_from_instance = lambda c: (
            f"{c.person.full_name or c.person.email} ({c.territory.name})"
        )


class SetAsideForm(forms.Form):
    reason = forms.CharField(label=_("Why the vote is set aside"), max_length=500)


class EndTermForm(forms.Form):
    ends_on = DateField(label=_("Last day of the term"), widget=DateInput)
    reason = forms.CharField(
        label=_("Why the term ends early"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the seat history."),
    )
