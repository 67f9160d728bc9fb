"""The widgets written in Python (portal.form_rendering) give Django's own markup."""

import datetime

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy

from portal.forms import DateInput, PortalFormRenderer

TRICKY = 'a "quoted" <b>&amp; value'


class TemplatesOnly(PortalFormRenderer):
    """The portal's renderer with every widget rendered by Django's templates."""

    def render(self, template_name, context, request=None):
        return TemplatesSetting.render(self, template_name, context, request)


class Everything(forms.Form):
    text = forms.CharField(initial=TRICKY, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}), required=False)
    number = forms.IntegerField(initial=1234567)
    decimal = forms.DecimalField(initial="1234.5", localize=True)
    email = forms.EmailField(widget=forms.EmailInput(attrs={"spellcheck": "false"}))
    day = forms.DateField(widget=DateInput, initial=datetime.date(2026, 12, 7))
    hidden = forms.CharField(widget=forms.HiddenInput, initial=7)
    flag = forms.BooleanField(required=False, initial=True)
    choice = forms.ChoiceField(
        choices=[
            ("", "—"),
            ("a", gettext_lazy("Community")),
            ("Grupa <1>", [("b", TRICKY), (3, 3000)]),
        ],
        initial="b",
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y & Z")], initial=["y"])
    maybe = forms.NullBooleanField()
    words = forms.CharField(widget=forms.Textarea, initial=TRICKY)


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("bound", [False, True])
def test_every_widget_gives_djangos_markup(language, bound, settings):
    from django.utils import translation

    data = {"text": TRICKY, "number": "12", "choice": "3", "many": ["x", "y"], "maybe": "true"}
    with translation.override(language):
        for name in Everything.base_fields:
            fast = Everything(data if bound else None, renderer=PortalFormRenderer())
            slow = Everything(data if bound else None, renderer=TemplatesOnly())
            assert str(fast[name]) == str(slow[name]), name
            assert fast[name].as_field_group() == slow[name].as_field_group(), name


@pytest.mark.django_db
def test_the_neighbourhood_filter_reads_its_choices_in_one_query(
    municipality, django_assert_num_queries
):
    from django.test import RequestFactory

    from communities.filters import CommunityFilter
    from communities.models import Community
    from tests.portal.factories import NeighbourhoodFactory

    NeighbourhoodFactory.create_batch(3)
    request = RequestFactory().get("/")
    request.municipality = municipality
    form = CommunityFilter({}, queryset=Community.objects.all(), request=request).form
    with django_assert_num_queries(1):
        html = str(form["neighbourhood"])
    from portal.models import Territory

    parts = Territory.objects.filter(municipality=municipality, parent__isnull=False).count()
    assert html.count("<option") == 1 + parts  # "all", then every town, parish, neighbourhood


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [{}, {"q": "<b>kaimiņi</b>", "legal_form": "informal", "status": "active", "shares": "on"}],
)
def test_the_community_filter_form_is_written_as_its_templates_would(municipality, query):
    """The registry's and the queue's filter form is written in Python
    (``portal.field_rendering``): the same markup as ``forms/form.html`` renders."""
    from django.test import RequestFactory

    from communities.filters import CommunityFilter
    from communities.models import Community
    from tests.portal.factories import NeighbourhoodFactory

    neighbourhood = NeighbourhoodFactory()
    query = {**query, "neighbourhood": neighbourhood.slug} if query else query
    request = RequestFactory().get("/", query)
    request.municipality = municipality
    form = CommunityFilter(request.GET, queryset=Community.objects.all(), request=request).form
    from portal.field_rendering import WrittenForm

    assert isinstance(form, WrittenForm)
    written = str(form)
    assert "selected" in written or not query
    assert written == form.render(form.template_name, form.get_context())
