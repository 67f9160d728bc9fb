"""Agreements' forms: the agreement, its signing and its end."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.forms import DateField, DateInput, dates_in_range

from ..models import Community
from ..models.agreements import SIGNED_DOCUMENT, Agreement


class AgreementForm(forms.ModelForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Agreement
        formfield_callback = dates_in_range
        fields = [
            "community",
            "kind",
            "title",
            "purpose",
            "municipality_duties",
            "community_duties",
            "starts_on",
            "ends_on",
            "funding",
            "amount",
            "document",
            "document_public",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "starts_on": DateInput,
            "ends_on": DateInput,
            "document": forms.FileInput,
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in ("purpose", "municipality_duties", "community_duties", "funding")
            },
        }
        help_texts = {
            "kind": _(
                "A memorandum sets out the cooperation; a delegation agreement hands a public "
                "task to the community with funding (State Administration Structure Law, "
                "art. 46)."
            ),
            "ends_on": _("Empty for an agreement without an end date."),
            "funding": _("Who pays for what, and how the community reports on it."),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = (
            Community.objects.of(municipality).public().order_by("sort_name", "pk")
        )
        self.fields["kind"].choices = Agreement.Kind.choices
        document = self.fields["document"]
        document.widget.attrs["accept"] = SIGNED_DOCUMENT.accept
        document.help_text = _("The signed agreement as a PDF of up to %(size)s.") % {
            "size": filesizeformat(SIGNED_DOCUMENT.limit)
        }
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            del self.fields["community"]

    def clean(self):
        cleaned = super().clean()
        self.expected_version = cleaned.pop("version", None)
        return cleaned


class SignForm(forms.Form):
    """The signature: its day and the signed document (a PDF), asked for here when the draft
    has none yet. A signed scan carries signatures: it stays with the municipality and the
    community's leaders and board unless staff make it public."""

    signed_on = DateField(label=_("Signed on"), widget=DateInput)
    document = forms.FileField(
        label=_("Signed document"), validators=[SIGNED_DOCUMENT], widget=forms.FileInput
    )
    document_public = forms.BooleanField(
        label=_("Anyone may download the signed document"),
        required=False,
        help_text=_(
            "A signed scan shows the signatures: leave this unticked unless both parties agree "
            "to publish it. Otherwise only the municipality's staff and the community's leaders "
            "and board download it; the agreement's text is public either way."
        ),
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        document = self.fields["document"]
        document.widget.attrs["accept"] = SIGNED_DOCUMENT.accept
        size = filesizeformat(SIGNED_DOCUMENT.limit)
        if agreement.document:
            document.required = False
            document.help_text = _(
                "A signed document is attached already; choose a file only to replace it "
                "(a PDF of up to %(size)s)."
            ) % {"size": size}
            self.fields["document_public"].initial = agreement.document_public
        else:
            document.help_text = _(
                "The agreement as both parties signed it: a PDF of up to %(size)s."
            ) % {"size": size}


class EndForm(forms.Form):
    ended_on = DateField(label=_("Ended on"), widget=DateInput)
    reason = forms.CharField(label=_("Why it ends early"), widget=forms.Textarea(attrs={"rows": 3}))
