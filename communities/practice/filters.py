import django_filters
from django.utils.translation import gettext_lazy as _

from portal.filters import CHOICE_FIELDS, ListedModelChoiceFilter
from portal.models import Municipality, Territory

from ..models import ParticipationForm
from .agreements import Agreement
from .stories import Story, Topic


class StoryFilter(django_filters.FilterSet):
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
    neighbourhood = ListedModelChoiceFilter(
        label=_("Neighbourhood"),
        queryset=Territory.objects.none(),
        to_field_name="slug",
        empty_label=_("All neighbourhoods"),
        method="inside",
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
        if municipality is None:
            del self.filters["neighbourhood"]
        else:
            del self.filters["municipality"]
            self.filters["neighbourhood"].queryset = (
                Territory.objects.of(municipality)
                .filter(parent__isnull=False)
                .only(*CHOICE_FIELDS)
                .order_by("sort_name", "pk")
            )

    def with_form(self, queryset, name, value):
        return queryset.with_form(value) if value else queryset

    def inside(self, queryset, name, territory):
        return queryset.inside(territory) if territory else queryset


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
