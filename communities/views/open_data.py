"""``/{lang}/open-data/``: what can be downloaded, and the streamed downloads themselves."""

from django.conf import settings
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from portal.models import Municipality

from ..open_data import DATASETS, stream_csv, stream_json

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


class OpenDataView(TemplateView):
    template_name = "communities/open_data.html"

    def get_context_data(self, **kwargs):
        municipality = self.request.municipality
        context = super().get_context_data(**kwargs)
        context.update(
            datasets=DATASETS.values(),
            formats=FORMATS,
            licence=settings.PORTAL_OPEN_DATA_LICENCE,
            licence_url=settings.PORTAL_OPEN_DATA_LICENCE_URL,
            now=timezone.now(),
            municipality=municipality,
            municipalities=(
                Municipality.objects.order_by("name", "pk") if municipality is None else ()
            ),
            page_title=_("Open data"),
        )
        return context


class OpenDataDownloadView(View):
    """One dataset in one format, streamed; on the national host, every municipality's rows
    (or one municipality's, ``?municipality=<slug>``)."""

    def get(self, request, dataset, fmt):
        if dataset not in DATASETS or fmt not in FORMATS:
            raise Http404
        municipality = request.municipality
        if municipality is None and request.GET.get("municipality"):
            municipality = get_object_or_404(Municipality, slug=request.GET["municipality"])
        chosen = DATASETS[dataset]
        generated = timezone.now()
        rows = (
            stream_csv(chosen, municipality)
            if fmt == "csv"
            else stream_json(chosen, municipality, generated)
        )
        response = StreamingHttpResponse(rows, content_type=FORMATS[fmt])
        scope = municipality.slug if municipality is not None else "all"
        response["Content-Disposition"] = f'attachment; filename="{dataset}-{scope}.{fmt}"'
        response["Last-Modified"] = http_date(generated.timestamp())
        response["Link"] = f'<{settings.PORTAL_OPEN_DATA_LICENCE_URL}>; rel="license"'
        return response
