"""Protected downloads: one view every app's private files go through.

An app subclasses ``ProtectedDownloadView`` with a permission, a model and the field that
holds the file. The object is loaded through ``Model.objects.of(request.municipality)``, so
another municipality's object is a 404 before any permission is asked::

    class CommunityDocumentView(ProtectedDownloadView):
        permission_required = "communities.view_history"
        model = Community
        lookup_field = "slug"
        file_field = "supporting_document"

A view whose object is found another way overrides ``get_object()`` and keeps to the same
rule: load on the host's municipality only.

The file goes out as an attachment under a name made from ASCII letters only, with
``Cache-Control: no-store`` (no shared or browser cache keeps a private document) and
``X-Content-Type-Options: nosniff``. Anonymous people get the login page, signed-in people
without the permission a 403 that says why (``PortalPermissionMixin``).
"""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views import View

from .mixins import PortalPermissionMixin
from .security_log import record_security_event
from .uploads import CONTENT_TYPES


def safe_download_name(stem, stored_name):
    """``<ascii-slug>.<ext>``; the extension is the stored one if it is a known kind."""
    extension = stored_name.rsplit(".", 1)[-1].lower() if "." in stored_name else ""
    if extension not in CONTENT_TYPES:
        extension = "bin"
    ascii_stem = slugify(stem)[:80].strip("-") or "file"
    return f"{ascii_stem}.{extension}"


class ProtectedDownloadView(PortalPermissionMixin, View):
    """Send one stored file of one object after the server checked the permission on it."""

    model = None  # a model whose manager has ``of(municipality)``
    lookup_field = "pk"  # the model field and URL keyword that name the object
    file_field = None  # the name of the object's FileField
    # Who may know the object exists at all: others get a 404, never a refusal (item 6 of
    # the security issue: a 403 would tell that, say, a draft registration exists).
    view_permission = None

    def dispatch(self, request, *args, **kwargs):
        if self.view_permission and not request.user.has_perm(self.view_permission, self.object):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        """The row that holds the file, loaded on the host's municipality only (404 elsewhere)."""
        rows = self.model.objects.of(self.request.municipality)
        return get_object_or_404(rows, **{self.lookup_field: self.kwargs[self.lookup_field]})

    @cached_property
    def object(self):
        return self.get_object()

    def get_permission_object(self):
        return self.object

    def get_file(self):
        return getattr(self.object, self.file_field)

    def get_download_stem(self):
        """The name the person's browser saves the file under, without its extension."""
        return "document"

    def get(self, request, *args, **kwargs):
        stored = self.get_file()
        if not stored:
            raise Http404
        name = safe_download_name(self.get_download_stem(), stored.name)
        extension = name.rsplit(".", 1)[-1]
        response = FileResponse(
            stored.open("rb"),
            as_attachment=True,
            filename=name,
            content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        )
        record_security_event(
            "evidence_downloaded",
            request=request,
            obj=self.object,
            data={"field": self.file_field},
        )
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
