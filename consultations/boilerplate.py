"""Answers that say nothing: "pieņemts zināšanai", "paldies par viedokli", "noted", ...

The guidelines name these as the answers that make people stop taking part. An explanation
is refused when it is empty, or when what is left after removing such courtesy phrases is
too short to say what changes or why not.
"""

import re

from django.utils.translation import gettext as _

from portal.text import fold
from portal.validators import field_error

# Folded (lower case, no diacritics): matched against the folded explanation.
PHRASES = (
    # Latvian
    "pienemts zinasanai",
    "pienemam zinasanai",
    "pienemsim zinasanai",
    "nemts vera",
    "nemsim vera",
    "nemam vera",
    "tiks nemts vera",
    "paldies par viedokli",
    "paldies par jusu viedokli",
    "paldies par ierosinajumu",
    "paldies par jusu ierosinajumu",
    "paldies par prieksliku",
    "paldies par jusu prieksliku",
    "paldies par atsauksmi",
    "paldies par lidzdalibu",
    "jusu viedoklis mums ir svarigs",
    "jusu viedoklis ir svarigs",
    "viedoklis ir sanemts",
    "informacija sanemta",
    "izskatisim",
    "paldies",
    # English
    "noted",
    "duly noted",
    "taken into account",
    "will be taken into account",
    "taken into consideration",
    "thank you for your opinion",
    "thank you for your feedback",
    "thank you for your submission",
    "thank you for your input",
    "thank you for your suggestion",
    "thanks for your input",
    "thanks for your feedback",
    "your opinion is important to us",
    "your opinion matters",
    "we have received your opinion",
    "we will consider it",
    "thank you",
    "thanks",
)

# Fewer words of its own than this, once the courtesy phrases are gone: not an explanation.
MIN_OWN_WORDS = 6

_WORD = re.compile(r"\w+")
# Longest first, so "paldies par viedokli" goes before "paldies".
_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")\b"
)


def own_words(text: str) -> list[str]:
    """The words of ``text`` that are not courtesy phrases."""
    folded = fold(text or "")
    return _WORD.findall(_PATTERN.sub(" ", folded))


def is_boilerplate(text: str) -> bool:
    return len(own_words(text)) < MIN_OWN_WORDS


def refuse_boilerplate(text: str, *, field="explanation"):
    """Raise a ``ValidationError`` naming what is expected when ``text`` says nothing."""
    if not (text or "").strip():
        raise field_error(
            field,
            _(
                "Write the explanation: what changes because of this submission, or why "
                "nothing changes."
            ),
            "required",
        )
    if is_boilerplate(text):
        raise field_error(
            field,
            _(
                "This does not explain anything. Phrases such as “pieņemts zināšanai” or "
                "“thank you for your opinion” are not an answer: say what changes in the "
                "document because of this submission, or why it does not change, in at "
                "least a sentence of your own."
            ),
            "boilerplate",
        )
