import django_filters
from django.utils.translation import gettext_lazy as _

from portal.filters import ListedModelChoiceFilter
from portal.models import Municipality

from ..filters import InsideTerritoryFilter, TerritoryChoices, translated
from ..models import ParticipationForm
from .agreements import Agreement
from .stories import Story, Topic


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
