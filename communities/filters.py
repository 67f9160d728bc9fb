import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.filters import CHOICE_FIELDS, ListedModelChoiceFilter
from portal.models import Territory

from .models import Community


class CommunityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search by name"), method="search", widget=forms.TextInput(attrs={"type": "search"})
    )
    neighbourhood = ListedModelChoiceFilter(
        label=_("Neighbourhood"),
        queryset=Territory.objects.none(),
        to_field_name="slug",
        empty_label=_("All neighbourhoods"),
        method="inside",
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

    def __init__(self, *args, status_choices=None, **kwargs):
        """``status_choices``: statuses, or ``(status, label)`` pairs with a label of their own."""
        super().__init__(*args, **kwargs)
        # Towns and parishes too: choosing one finds the communities of every part of it.
        self.filters["neighbourhood"].queryset = (
            Territory.objects.of(self.request.municipality)
            .filter(parent__isnull=False)
            .only(*CHOICE_FIELDS)
            .order_by("sort_name", "pk")
        )
        statuses = status_choices or Community.PUBLIC_STATUSES
        self.filters["status"].extra["choices"] = [
            choice if isinstance(choice, tuple) else (choice, Community.Status(choice).label)
            for choice in statuses
        ]

    def inside(self, queryset, name, territory):
        return queryset.inside(territory) if territory else queryset

    def sharing(self, queryset, name, value):
        return queryset.filter(experience_offer__isnull=False) if value else queryset

    def search(self, queryset, name, value):
        return queryset.matching(value)
