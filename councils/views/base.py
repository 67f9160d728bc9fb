from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from portal.mixins import PortalPermissionMixin
from portal.shapes import shape
from portal.views.service_forms import ServiceFormView as KitServiceFormView

from ..models import AgendaItem, Council, Meeting


@shape
def _council_of(municipality_id, slug):
    return Council.objects.filter(municipality=municipality_id, slug=slug).select_related(
        "territory"
    )[:1]


class CouncilMixin(PortalPermissionMixin):
    """Loads the council named in the URL, on its municipality's host only."""

    @cached_property
    def council(self):
        municipality = self.request.municipality
        rows = _council_of(municipality.pk, self.kwargs["slug"])
        if not rows:
            raise Http404
        council = rows[0]
        council.municipality = municipality  # the host's: no join
        return council

    def get_permission_object(self):
        return self.council

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "council": self.council}


class MeetingMixin(CouncilMixin):
    """A meeting of the council in the URL; a draft is a 404 to those who may not see it."""

    @cached_property
    def meeting(self):
        meeting = get_object_or_404(
            Meeting.objects.filter(council=self.council), pk=self.kwargs["pk"]
        )
        meeting.council = self.council
        return meeting

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("councils.view_meeting", self.meeting):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.meeting

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "meeting": self.meeting}


@shape
def _item_of(municipality_id, slug, meeting_id, item_id, *, related, columns):
    rows = AgendaItem.objects.select_related(*related).filter(
        pk=item_id,
        meeting_id=meeting_id,
        meeting__council__slug=slug,
        meeting__council__municipality=municipality_id,
    )
    return (rows.only(*columns) if columns else rows)[:1]


class ItemMixin(MeetingMixin):
    """An agenda item loaded with its meeting, council and consultation in one query (the
    council's municipality is the host's)."""

    # What the page reads of the item (joined, one query): these relations, and only these
    # columns (every column when empty).
    item_related = ("consultation", "meeting__council__territory")
    item_columns = ()

    @cached_property
    def item(self):
        municipality = self.request.municipality
        try:
            keys = int(self.kwargs["pk"]), int(self.kwargs["item"])
        except (TypeError, ValueError):
            raise Http404 from None
        rows = _item_of(
            municipality.pk,
            self.kwargs["slug"],
            *keys,
            related=self.item_related,
            columns=self.item_columns,
        )
        if not rows:
            raise Http404
        item = rows[0]
        item.meeting.council.municipality = municipality  # the host's: no join
        return item

    @cached_property
    def meeting(self):
        return self.item.meeting

    @cached_property
    def council(self):
        return self.item.meeting.council

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "item": self.item}


class ServiceFormView(KitServiceFormView):
    """The kit's form that calls a service, on the councils' form page."""

    template_name = "councils/form.html"
