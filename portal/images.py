"""Pictures people upload leave no metadata behind: where, when and with what they were taken.

A phone's photo carries EXIF (often the GPS position, the time and the camera), XMP and
IPTC blocks and comments. Before any picture is stored, ``without_metadata`` decodes it
and writes it again from its pixels alone, turned the way its EXIF orientation says (so the
picture still looks right without it). Only the colour profile (not personal, and needed
for the colours) and a PNG's transparency are kept. The original bytes are never stored.

``portal.stored_files`` calls it for every file field of every model just before the row
is saved, so every app's pictures go through it; ``DocumentValidator`` calls
``check_picture`` first, so that a picture that cannot be decoded is refused on the form
with a message rather than failing at the save.
"""

import io

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

# Pillow's name of each picture format the portal stores, by the content's MIME type.
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
# A larger picture is refused before it is decoded (a 5 MB PNG can unpack to gigabytes).
MAX_PIXELS = 50_000_000
# What may stay of a picture's own information: nothing about the person or the camera.
KEPT_INFO = ("icc_profile", "transparency")


def picture_format(content):
    """``"JPEG"`` or ``"PNG"`` when the content is such a picture, else ``None``."""
    content.seek(0)
    head = content.read(8192)
    content.seek(0)
    guessed = filetype.guess(head)
    return FORMATS.get(guessed.mime) if guessed is not None else None


def _decoded(content):
    content.seek(0)
    try:
        with Image.open(content) as picture:
            width, height = picture.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_unreadable(), code="unreadable_picture")
            picture.load()
            return ImageOps.exif_transpose(picture)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_unreadable(), code="unreadable_picture") from error
    finally:
        content.seek(0)


def _unreadable():
    return _("The picture cannot be read or is too large; upload another PNG or JPEG file.")


def check_picture(content):
    """Raise ``ValidationError`` when ``content`` is a JPEG or PNG that cannot be decoded."""
    if picture_format(content) is not None:
        _decoded(content)


def without_metadata(content):
    """The picture in ``content`` written again from its pixels only (a ``ContentFile``), or
    ``None`` when ``content`` is not a JPEG or PNG picture (a PDF is stored as it is)."""
    kind = picture_format(content)
    if kind is None:
        return None
    picture = _decoded(content)
    picture.info = {key: picture.info[key] for key in KEPT_INFO if key in picture.info}
    if kind == "JPEG" and picture.mode not in ("L", "RGB", "CMYK"):
        picture = picture.convert("RGB")
    out = io.BytesIO()
    options = {"quality": 90} if kind == "JPEG" else {}
    picture.save(out, format=kind, exif=b"", **options)
    return ContentFile(out.getvalue(), name=getattr(content, "name", None))
