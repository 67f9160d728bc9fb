"""The Latvian catalogue is spelled right: every translation checked by hunspell with Debian's
Latvian dictionary (``hunspell-lv``, installed by ``bin/ensure-system-deps``) and the project's
own short word list, ``locale/lv/spelling-words.txt`` (abbreviations, file formats, compounds
the dictionary lacks). A word it does not know fails the test: fix the translation, or — only
for a real word — add it to the list."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "lv" / "LC_MESSAGES" / "django.po"
WORDS = ROOT / "locale" / "lv" / "spelling-words.txt"
DICTIONARY = Path("/usr/share/hunspell/lv_LV.dic")

MSGSTR = re.compile(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', re.M)
NOT_WORDS = [
    re.compile(r"%\(\w+\)[sd]|%[sd%]"),  # placeholders
    re.compile(r"<[^>]+>"),  # markup
    re.compile(r"https?://\S+|\S+@\S+"),  # addresses
]


def translations():
    """Every msgstr of the catalogue but its header and obsolete entries."""
    text = CATALOGUE.read_text(encoding="utf-8")
    for entry in text.split("\n\n")[1:]:
        if entry.lstrip().startswith("#~"):
            continue
        for match in MSGSTR.finditer(entry + "\n"):
            yield "".join(re.findall(r'"(.*)"', match.group(1)))


def plain(text):
    text = text.replace("\\n", " ").replace('\\"', '"')
    for pattern in NOT_WORDS:
        text = pattern.sub(" ", text)
    return text


def test_the_latvian_catalogue_is_spelled_right():
    if not shutil.which("hunspell") or not DICTIONARY.exists():
        pytest.fail(
            "hunspell or Debian's Latvian dictionary is missing: run bin/ensure-system-deps "
            "(as root it installs hunspell and hunspell-lv).",
            pytrace=False,
        )
    result = subprocess.run(
        ["hunspell", "-d", "lv_LV", "-p", str(WORDS), "-l"],
        input="\n".join(plain(text) for text in translations()),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    unknown = sorted(set(result.stdout.split()))
    assert not unknown, f"not in the Latvian dictionary or {WORDS.name}: {', '.join(unknown)}"


def test_the_check_finds_a_misspelling(tmp_path):
    """The check can fail: a misspelled word is reported."""
    if not shutil.which("hunspell") or not DICTIONARY.exists():
        pytest.skip("hunspell-lv is missing (the test above says so)")
    result = subprocess.run(
        ["hunspell", "-d", "lv_LV", "-p", str(WORDS), "-l"],
        input=plain("Vispirms apliecieniet, ka %(name)s ir kopienas biedrs."),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    assert result.stdout.split() == ["apliecieniet"]
