"""Text as Latvians search and sort it, the same on every database.

``fold("Ķekavas Ābeļu")`` → ``"kekavas abelu"``: searching compares folded text, so
"kazoku" finds "Kažoku kaimiņi". ``sort_key`` orders names alphabetically in Latvian:
Č, Ģ, Ķ, Ļ, Ņ, Š and Ž are letters of their own after C, G, K, L, N, S and Z, while Ā, Ē, Ī
and Ū sort with A, E, I and U (the long vowel after the short one when all else is equal).
The key uses only digits and lower-case ASCII letters, so any database collation orders it
the same way, and an index on it serves ``ORDER BY``.
"""

import unicodedata

# Letters that follow their base letter in the Latvian alphabet.
OWN_LETTERS = {"č": "c", "ģ": "g", "ķ": "k", "ļ": "l", "ņ": "n", "š": "s", "ž": "z"}


def fold(text):
    """Lower case, without diacritics, white space squeezed."""
    decomposed = unicodedata.normalize("NFD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().split())


def _primary(char):
    if char in OWN_LETTERS:
        return OWN_LETTERS[char] + "1"
    base = fold(char)
    if len(base) == 1 and "a" <= base <= "z":
        return base + "0"
    if len(base) == 1 and base.isdigit():
        return "0" + base
    return "00"  # spaces and punctuation come first


def sort_key(text, length=250):
    """A key that sorts ``text`` in Latvian alphabetical order (see the module)."""
    lowered = " ".join((text or "").lower().split())
    primary = "".join(_primary(char) for char in lowered)
    # Ties (ā after a, then upper before lower case): the folded marks, as digits.
    secondary = "".join("1" if fold(char) != char else "0" for char in lowered)
    return (primary + "0" + secondary)[:length]


class Once(dict):
    """Each key's label worked out once per list: many rows share a day, a kind or a status
    (``Once(short_date)[day]``)."""

    def __init__(self, label):
        super().__init__()
        self.label = label

    def __missing__(self, key):
        text = self[key] = self.label(key)
        return text
