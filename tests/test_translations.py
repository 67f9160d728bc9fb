"""Every user-facing string has its Latvian translation, and the catalogue compiles."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    "manage.py",
    "portal",
    "communities",
    "grants",
    "consultations",
    "councils",
    "front",
    "templates",
    "locale",
]


def test_the_latvian_catalogue_covers_every_string(tmp_path):
    """makemessages on a copy of the sources finds nothing new, fuzzy or untranslated."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "lv",
            "-e",
            "html,txt,py",
            "--no-obsolete",
            "-v",
            "0",
        ],
        cwd=tmp_path,
        check=True,
        timeout=120,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
    )
    result = subprocess.run(
        [
            "msgfmt",
            "--check",
            "--statistics",
            "-o",
            "/dev/null",
            tmp_path / "locale" / "lv" / "LC_MESSAGES" / "django.po",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr.strip()
    assert "untranslated" not in statistics and "fuzzy" not in statistics, (
        f"{statistics}: run `make messages` and translate the new strings in locale/lv"
    )
