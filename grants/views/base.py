from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from portal.mixins import PortalPermissionMixin
from portal.shapes import shape

from ..models import Application, Round


@shape
def _round_of(municipality_id, slug, *, related):
    rounds = Round.objects.filter(municipality=municipality_id, slug=slug)
    if related:  # (none given, select_related would follow every relation)
        rounds = rounds.select_related(*related)
    return rounds[:1]


class RoundMixin(PortalPermissionMixin):
    """Loads the round named in the URL on the host's municipality only; a round the person
    may not see (a draft, for residents) is a 404, like another municipality's.
    ``round_related``: what the page shows of the round's relations, in the same query."""

    round_related = ("programme",)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("grants.view_round", self.round):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def round(self):
        rows = _round_of(
            self.request.municipality.pk, self.kwargs["slug"], related=self.round_related
        )
        if not rows:
            raise Http404
        return rows[0]

    def get_permission_object(self):
        return self.round

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["round"] = self.round
        return context


class ApplicationMixin(RoundMixin):
    """Loads the application of the round, with its round, in one query; those who may not
    see it get a 404. ``application_related``: what the page shows of the application's
    relations, loaded in the same query (``select_related``); ``application_annotations``:
    what else that query reads (``annotate``)."""

    application_related = ()
    application_annotations = {}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("grants.view_round", self.round):
            raise Http404
        if not request.user.has_perm("grants.view_application", self.application):
            raise Http404
        return super(RoundMixin, self).dispatch(request, *args, **kwargs)

    @cached_property
    def application(self):
        rows = Application.objects.filter(
            round__municipality=self.request.municipality, round__slug=self.kwargs["slug"]
        ).select_related("round", *self.application_related)
        if self.application_annotations:
            rows = rows.annotate(**self.application_annotations)
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    @cached_property
    def round(self):
        return self.application.round

    def get_permission_object(self):
        return self.application

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application"] = self.application
        return context
