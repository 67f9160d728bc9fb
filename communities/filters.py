import django_filters
from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal.field_rendering import WrittenForm
from portal.filters import ListedModelChoiceFilter
from portal.models import Municipality, Territory
from portal.shapes import shape

from .models import Agreement, Community, Story
from .models.community import ParticipationForm
from .models.stories import Topic


def translated(choices):
    """``choices`` with their labels translated once, for the form of one request: a lazy
    label is translated again at every step of rendering its option."""
    return [(value, str(label)) for value, label in choices]


class InsideTerritoryFilter(django_filters.ChoiceFilter):
    """A town, parish or neighbourhood of the municipality, chosen by its slug: the rows
    inside it at any depth (``queryset.inside(territory)``). Its choices come from the filter
    set's ``territories``: one narrow query, read only when the form is shown or the choice
    checked, and no model instance per choice."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "error_messages",
            # The words of the model choice field this filter was (the same message).
            {"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]},
        )
        super().__init__(*args, choices=[], **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.inside(self.parent.territory(value))


class _Choices:
    """The filter set's choices, asked for when they are shown or checked (a form copies its
    fields deeply: this copies as itself, not the filter set and its request)."""

    def __init__(self, filterset):
        self.filterset = filterset

    def __call__(self):
        return self.filterset.territory_choices()

    def __deepcopy__(self, memo):
        return self


@shape
def _territories_of(municipality_id):
    return (
        Territory.objects.filter(municipality=municipality_id)
        .order_by("sort_name", "pk")
        .values_list("pk", "slug", "name", "parent_id", "path", "community_count")
    )


class TerritoryChoices:
    """For filter sets with an ``InsideTerritoryFilter`` named ``neighbourhood``: the
    municipality's territories read once, in one query with only the columns used."""

    territory_municipality = None

    def use_territories_of(self, municipality):
        self.territory_municipality = municipality
        self.filters["neighbourhood"].extra["choices"] = _Choices(self)

    @cached_property
    def territories(self):
        """``(pk, slug, name, parent_id, path, community_count)`` of every territory of the
        municipality (its root too), in the order of the choices."""
        return _territories_of(self.territory_municipality.pk)

    def territory_choices(self):
        # Towns and parishes too: choosing one finds what lies in every part of it.
        return [(row[1], row[2]) for row in self.territories if row[3] is not None]

    def territory(self, slug):
        """The chosen territory, with what ``inside()`` reads (no query of its own)."""
        for pk, row_slug, name, parent_id, path, _count in self.territories:
            if row_slug == slug and parent_id is not None:
                return Territory(
                    pk=pk,
                    slug=slug,
                    name=name,
                    parent_id=parent_id,
                    path=path,
                    municipality_id=self.territory_municipality.pk,
                )
        raise LookupError(slug)

    def root_community_count(self):
        """The public communities of the whole municipality, kept on its root territory."""
        return next((row[5] for row in self.territories if row[3] is None), None)


class WrittenFilterForm(WrittenForm, forms.Form):
    """A filter form written in Python (``portal.field_rendering``): the registry's and the
    verification queue's five fields were a fifth of those pages."""


class CommunityFilter(TerritoryChoices, django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search by name"), method="search", widget=forms.TextInput(attrs={"type": "search"})
    )
    neighbourhood = InsideTerritoryFilter(
        label=_("Neighbourhood"), empty_label=_("All neighbourhoods")
    )
    legal_form = django_filters.ChoiceFilter(
        label=_("Legal form"), choices=Community.LegalForm.choices, empty_label=_("Any form")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=[], empty_label=_("Any status"))
    # Communities whose leaders are glad to share their experience (issue 19).
    shares = django_filters.BooleanFilter(
        label=_("Glad to share their experience"),
        method="sharing",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Community
        fields = ["q", "neighbourhood", "legal_form", "status"]
        form = WrittenFilterForm

    def __init__(self, *args, status_choices=None, **kwargs):
        """``status_choices``: statuses, or ``(status, label)`` pairs with a label of their own."""
        super().__init__(*args, **kwargs)
        self.use_territories_of(self.request.municipality)
        statuses = status_choices or Community.PUBLIC_STATUSES
        self.filters["status"].extra["choices"] = translated(
            choice if isinstance(choice, tuple) else (choice, Community.Status(choice).label)
            for choice in statuses
        )
        self.filters["legal_form"].extra["choices"] = translated(Community.LegalForm.choices)

    def sharing(self, queryset, name, value):
        return queryset.filter(experience_offer__isnull=False) if value else queryset

    def search(self, queryset, name, value):
        return queryset.matching(value)


class StoryFilter(TerritoryChoices, django_filters.FilterSet):
    """Published stories by form of participation, topic and neighbourhood (or any town or
    parish: a story of any neighbourhood inside it). ``municipality=None`` is the national
    view: the municipality replaces the neighbourhood."""

    form = django_filters.ChoiceFilter(
        label=_("Form of participation"),
        choices=ParticipationForm.choices,
        empty_label=_("Any form"),
        method="with_form",
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=Topic.choices, empty_label=_("Any topic")
    )
    neighbourhood = InsideTerritoryFilter(
        label=_("Neighbourhood"), empty_label=_("All neighbourhoods")
    )
    municipality = ListedModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All municipalities"),
    )

    class Meta:
        model = Story
        fields = ["form", "topic", "neighbourhood", "municipality"]

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["form"].extra["choices"] = translated(ParticipationForm.choices)
        self.filters["topic"].extra["choices"] = translated(Topic.choices)
        if municipality is None:
            del self.filters["neighbourhood"]
        else:
            del self.filters["municipality"]
            self.use_territories_of(municipality)

    def with_form(self, queryset, name, value):
        return queryset.with_form(value) if value else queryset


class AgreementFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Agreement.Kind.choices, empty_label=_("Any kind")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Agreement.Status.choices, empty_label=_("Any status")
    )

    class Meta:
        model = Agreement
        fields = ["kind", "status"]
