"""Requests too large for the portal are refused before their body is read."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


class RequestSizeMiddleware:
    """413 for a body announced larger than ``PORTAL_MAX_REQUEST_BYTES`` (the upload limit
    and a margin for the form's other fields). The proxy refuses larger chunked bodies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.PORTAL_MAX_REQUEST_BYTES:
            message = _("The request is too large. Files of up to %(size)s MB are accepted.") % {
                "size": settings.PORTAL_MAX_UPLOAD_BYTES // (1024 * 1024)
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
