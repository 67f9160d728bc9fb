"""Absolute links: the one way the portal writes an address with a host in it.

Built from configuration only — the municipality's primary host row (``Municipality.primary_host``)
or the first of ``PORTAL_NATIONAL_HOSTS``, with ``PORTAL_SITE_SCHEME`` and ``PORTAL_SITE_PORT`` —
never from a request's Host header (``portal.hosts`` explains why). Imports no model, so a
model may build its own links.
"""

from urllib.parse import urlsplit

from django.conf import settings


def _origin(host):
    port = settings.PORTAL_SITE_PORT
    return f"{settings.PORTAL_SITE_SCHEME}://{host}{f':{port}' if port else ''}"


def national_host():
    """The installation's own host name: the first of ``PORTAL_NATIONAL_HOSTS``."""
    return next(iter(settings.PORTAL_NATIONAL_HOSTS), None) or "localhost"


def national_url(path=""):
    """``path`` on the national host, by the configured scheme and port."""
    return _origin(national_host()) + path


def municipality_url(municipality, path=""):
    """``path`` on the municipality's primary host (the national host for ``None``), by the
    configured scheme and port: the one way the portal writes an absolute link."""
    if municipality is None:
        return national_url(path)
    return _origin(municipality.primary_host or national_host()) + path


def on_own_host(url, municipality):
    """An absolute ``url`` built from a request (allauth's links) moved to the municipality's
    configured address: its path, query and fragment kept, its scheme, host and port not."""
    parts = urlsplit(url)
    if not parts.netloc:
        return url
    rest = parts.path + (f"?{parts.query}" if parts.query else "")
    return municipality_url(municipality, rest + (f"#{parts.fragment}" if parts.fragment else ""))
