"""Uploaded files: checked by their content and size, stored under generated names.

``DocumentValidator`` is the one check every app uses, on a form field or a model field::

    supporting_document = forms.FileField(validators=[DocumentValidator()])
    plan = models.FileField(upload_to=generated_upload_path,
                            validators=[DocumentValidator(types=("pdf",), max_bytes=5_000_000)])
"""

import uuid

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .images import check_picture

# Replaced and deleted files leave the storage on commit (portal.stored_files); call this
# where a file field is emptied by ``QuerySet.update()``.
from .stored_files import delete_file_on_commit  # noqa: F401

# Kind of file → (MIME types recognised by content, stored extension, label, accept hints).
KINDS = {
    "pdf": (("application/pdf",), "pdf", gettext_lazy("PDF"), ".pdf,application/pdf"),
    "png": (("image/png",), "png", gettext_lazy("PNG"), ".png,image/png"),
    "jpg": (("image/jpeg",), "jpg", gettext_lazy("JPEG"), ".jpg,.jpeg,image/jpeg"),
}
# What ``generated_upload_path`` may keep as an extension; anything else is stored as ``.bin``.
STORED_EXTENSIONS = frozenset(extension for _m, extension, _l, _a in KINDS.values())
CONTENT_TYPES = {extension: mimes[0] for mimes, extension, _l, _a in KINDS.values()}


def _new_upload(value):
    """The uploaded file in ``value``, or ``None`` when it holds a file stored earlier.

    A form field passes the ``UploadedFile``; a model field passes its ``FieldFile``, which
    wraps the upload until the row is saved (``_committed`` is false until then).
    """
    if isinstance(value, UploadedFile):
        return value
    if getattr(value, "_committed", True):
        return None
    return getattr(value, "file", None)


@deconstructible
class DocumentValidator:
    """Accept files whose *content* is one of ``types`` and that are no larger than the limit.

    ``max_bytes=None`` reads ``PORTAL_MAX_UPLOAD_BYTES`` when a file is checked, so tests and
    deployments can change it. The stored name takes its extension from the content, never
    from what the person typed.
    """

    def __init__(self, types=("pdf", "png", "jpg"), max_bytes=None):
        unknown = set(types) - set(KINDS)
        if unknown:
            raise ValueError(f"Unknown kinds of file: {sorted(unknown)}")
        self.types = tuple(types)
        self.max_bytes = max_bytes

    def __eq__(self, other):
        return (
            isinstance(other, DocumentValidator)
            and self.types == other.types
            and self.max_bytes == other.max_bytes
        )

    def __hash__(self):
        return hash((self.types, self.max_bytes))

    @property
    def limit(self):
        return self.max_bytes if self.max_bytes is not None else settings.PORTAL_MAX_UPLOAD_BYTES

    @property
    def kinds_label(self):
        return ", ".join(str(KINDS[kind][2]) for kind in self.types)

    @property
    def accept(self):
        """The ``accept`` attribute of the file input: a hint to the browser, not a check."""
        return ",".join(KINDS[kind][3] for kind in self.types)

    def __call__(self, value):
        upload = _new_upload(value)
        if upload is None:
            return value
        limit = self.limit
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s; the largest file accepted is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        upload.seek(0)
        head = upload.read(8192)
        upload.seek(0)
        guessed = filetype.guess(head)
        extension = None
        if guessed is not None:
            for kind in self.types:
                mimes, stored, _label, _accept = KINDS[kind]
                if guessed.mime in mimes:
                    extension = stored
        if extension is None:
            raise ValidationError(
                _("Upload a file of one of these kinds: %(kinds)s.") % {"kinds": self.kinds_label},
                code="invalid_type",
            )
        if extension in ("png", "jpg"):
            check_picture(upload)  # stored without its metadata: it must decode (portal.images)
        upload.portal_extension = extension
        upload.name = f"document.{extension}"
        if upload is not value:  # a model field: the stored name comes from the FieldFile
            value.name = upload.name
        return value


validate_document = DocumentValidator()


def generated_upload_path(instance, filename):
    """``uploads/<app>/<model>/<random>.<ext>``: the person's file name is never used."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if extension not in STORED_EXTENSIONS:
        extension = "bin"
    meta = instance._meta
    return f"uploads/{meta.app_label}/{meta.model_name}/{uuid.uuid4().hex}.{extension}"
