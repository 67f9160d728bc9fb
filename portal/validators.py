"""Validators shared by every app's fields."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Line breaks and control characters: C0, DEL, C1 and the Unicode line and paragraph
# separators. A name or a title is one line; a subject built from it must stay one header.
_NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def single_line(value):
    """Refuse a name or a title with a line break or another control character."""
    if value and _NOT_ON_ONE_LINE.search(value):
        raise ValidationError(
            _("Write this on one line, without line breaks or other control characters."),
            code="single_line",
        )


def one_line(text):
    """``text`` with line breaks and control characters turned into single spaces: for an
    email subject, so a name saved before it was validated never breaks a header."""
    return " ".join(_NOT_ON_ONE_LINE.sub(" ", text).split())


def field_error(field, message, code):
    """A ``ValidationError`` for one field that keeps its code (a dict loses it)."""
    return ValidationError({field: ValidationError(message, code=code)})
