"""Which municipality a request is for, from its host name.

Every request on a municipality's host gets ``request.municipality``; the installation's own
host (``PORTAL_NATIONAL_HOSTS``) gets ``None`` and the national view's URLs. An unknown host
is refused with 400, unless ``PORTAL_UNKNOWN_HOST_FALLBACK`` (development and tests) sends it
to the first municipality, so that ``http://127.0.0.1:8000`` opens on a portal.

The municipality is read with its host on every request (one indexed query): a change of its
name or settings, or of its host names, shows on the next request of every process.

Every absolute link (another municipality's page on the national view, emails, the iCalendar
feed, open data, allauth's emails) is built by ``portal.links``: the municipality's primary
host row, or the first of ``PORTAL_NATIONAL_HOSTS``, with ``PORTAL_SITE_SCHEME`` and
``PORTAL_SITE_PORT``. Never from the request's Host header, port
or forwarded headers: one request with ``Host: localhost:31337`` must not change a link
anybody else is given.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotFound
from django.http.request import split_domain_port
from django.template.loader import render_to_string

from .models import Municipality, MunicipalityHost
from .shapes import shape

EXEMPT_PATHS = ("/healthz", "/static/")


def host_name(request):
    return split_domain_port(request.get_host())[0].lower().rstrip(".")


@shape
def municipality_of_host(host):
    return Municipality.objects.filter(hosts__name=host).order_by("pk")[:1]


def resolve(host):
    """``(municipality, is_national)`` for a host name; ``(None, False)`` when unknown."""
    if host in settings.PORTAL_NATIONAL_HOSTS:
        return None, True
    for municipality in municipality_of_host(host):
        return municipality, False
    if settings.PORTAL_UNKNOWN_HOST_FALLBACK:
        first = Municipality.objects.order_by("pk").first()
        return first, first is None
    return None, False


class MunicipalityMiddleware:
    """Sets ``request.municipality`` (or the national URLs); refuses unknown hosts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.municipality = None
        if request.path_info.startswith(EXEMPT_PATHS):
            return self.get_response(request)
        municipality, national = resolve(host_name(request))
        if municipality is not None:
            request.municipality = municipality
        elif national:
            request.urlconf = settings.NATIONAL_URLCONF
        else:
            return HttpResponseBadRequest(render_to_string("400.html", request=None))
        return self.get_response(request)


def host_is_served(request):
    """``/healthz/host?domain=NAME``: 200 when the portal serves NAME, else 404.

    The proxy asks it before it obtains a TLS certificate for a host name (Caddy's
    on-demand TLS), so adding a municipality needs no change to the proxy.
    """
    name = (request.GET.get("domain") or "").strip().lower().rstrip(".")
    served = (
        name in settings.PORTAL_NATIONAL_HOSTS
        or MunicipalityHost.objects.filter(name=name).exists()
    )
    return HttpResponse("ok") if served else HttpResponseNotFound("unknown host")
