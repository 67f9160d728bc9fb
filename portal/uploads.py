"""Uploaded files: checked by their content and size, stored under generated names."""

import uuid

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
}


def validate_document(upload):
    """Accept a PDF, PNG or JPEG file no larger than the configured limit."""
    limit = settings.PORTAL_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Upload a PDF document or a PNG or JPEG picture."), code="invalid_type"
        )
    # The stored name takes its extension from the content, never from what the person typed.
    upload.portal_extension = DOCUMENT_TYPES[kind.mime]
    upload.name = f"document.{upload.portal_extension}"
    return upload


def generated_upload_path(instance, filename):
    """``uploads/<app>/<model>/<random>.<ext>``: the person's file name is never used."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if extension not in DOCUMENT_TYPES.values():
        extension = "bin"
    meta = instance._meta
    return f"uploads/{meta.app_label}/{meta.model_name}/{uuid.uuid4().hex}.{extension}"
