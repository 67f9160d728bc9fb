"""Good-practice stories' forms: the story, its review, questions, replies, experience."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.models import Territory
from portal.validators import single_line

from ..models import Event, JointOpinion
from ..models.community import ParticipationForm
from ..models.stories import STORY_PHOTO, Story
from .community import NeighbourhoodChoiceField, _StaffDecisionForm


class StoryForm(forms.ModelForm):
    """What the leaders write; one new photo (with its alternative text) per save."""

    participation_forms = forms.MultipleChoiceField(
        label=_("Forms of participation"),
        choices=ParticipationForm.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The forms of community participation the story shows."),
    )
    neighbourhoods = NeighbourhoodChoiceField(
        label=_("Neighbourhoods"), queryset=Territory.objects.none(), required=False
    )
    events = forms.ModelMultipleChoiceField(
        label=_("Events of the community it tells about"),
        queryset=Event.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    joint_opinions = forms.ModelMultipleChoiceField(
        label=_("Joint opinions it tells about"),
        queryset=JointOpinion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    photo = forms.FileField(label=_("Add a photo"), required=False, widget=forms.FileInput)
    photo_alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=300,
        required=False,
        validators=[single_line],
        help_text=_("Required with a photo: a sentence for people who cannot see it."),
    )
    remove_photos = forms.ModelMultipleChoiceField(
        label=_("Remove photos"),
        queryset=Story.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Story
        fields = [
            "title",
            "problem",
            "actions",
            "partners",
            "costs",
            "funding",
            "results",
            "lessons",
            "participation_forms",
            "topic",
            "neighbourhoods",
            "events",
            "joint_opinions",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("problem", "actions", "partners", "costs", "funding", "results", "lessons")
        }
        help_texts = {
            "problem": _("What bothered the neighbours, or what they wished for."),
            "actions": _("What you did, step by step."),
            "partners": _("Neighbours, the municipality, businesses, other associations."),
            "costs": _("Money, and the work and materials people gave."),
            "funding": _("Grants, donations, the members' own money."),
            "results": _("What changed, and for how many people."),
            "lessons": _("Advice for a community that wants to do the same."),
        }

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community
        self.fields["neighbourhoods"].set_municipality(community.municipality)
        self.fields["events"].queryset = Event.objects.recorded().filter(community=community)
        self.fields["joint_opinions"].queryset = JointOpinion.objects.recorded().filter(
            community=community
        )
        photo = self.fields["photo"]
        photo.validators.append(STORY_PHOTO)
        photo.widget.attrs["accept"] = STORY_PHOTO.accept
        photo.help_text = _("A PNG or JPEG picture of up to %(size)s; anyone can see it.") % {
            "size": filesizeformat(STORY_PHOTO.limit)
        }
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["remove_photos"].queryset = self.instance.photos.all()
            self.fields["remove_photos"].label_from_instance = lambda photo: photo.alt_text
        if not self.instance.pk or not self.instance.photos.exists():
            del self.fields["remove_photos"]

    def clean(self):
        cleaned = super().clean()
        self.expected_version = cleaned.pop("version", None)
        photo, alt = cleaned.pop("photo", None), cleaned.pop("photo_alt", "")
        if photo and not alt.strip() and "photo_alt" not in self.errors:
            self.add_error(
                "photo_alt", _("Describe what the photo shows, for people who cannot see it.")
            )
        self.photos = [(photo, alt)] if photo else []
        self.remove = list(cleaned.pop("remove_photos", None) or [])
        return cleaned


class StoryDecisionForm(_StaffDecisionForm):
    PUBLISH, RETURN = "publish", "return"
    choices = ((PUBLISH, _("Publish the story")), (RETURN, _("Return for corrections")))
    reason_label = _("Reasons or note for the leaders")
    reason_help = _("Required when you return the story: say what should change.")
    reason_missing = _("Explain what the leaders should change.")


class QuestionForm(forms.Form):
    message = forms.CharField(
        label=_("Your question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The leaders see your name. Your email address reaches them only with their "
            "reply. Links are not made clickable."
        ),
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "It goes to the person who asked, with your name and email address; you will "
            "see their address too, so you can write to each other directly."
        ),
    )


class ExperienceOfferForm(forms.Form):
    offer = forms.BooleanField(label=_("We are glad to share our experience"), required=False)
    note = forms.CharField(
        label=_("What we can share"),
        max_length=300,
        required=False,
        validators=[single_line],
        help_text=_("For example: organising a clean-up, applying for a grant."),
    )
