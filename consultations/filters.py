import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Consultation


class ConsultationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[
            ("open", _("open for submissions")),
            ("closed", _("closed, being answered")),
            ("completed", _("completed")),
        ],
        empty_label=_("all"),
        method="in_state",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Consultation.Kind.choices, empty_label=_("Any kind")
    )

    class Meta:
        model = Consultation
        fields = ["state", "kind"]

    def in_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == "open":
            return queryset.open_now()
        if value == "closed":
            return queryset.filter(status=Consultation.Status.PUBLISHED, closes_on__lt=today)
        if value == "completed":
            return queryset.filter(status=Consultation.Status.COMPLETED)
        return queryset.filter(~Q(pk=None))
