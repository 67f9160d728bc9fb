"""The kit (``portal/``) imports no domain app and not the top floor (``front/``), which holds
the pages that read every app and ``seed_demo``. import-linter holds every floor in CI
(``lint-imports``, pyproject.toml); this test keeps the kit's rule in the test suite too."""

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[2] / "portal"
ABOVE_THE_KIT = {"communities", "grants", "consultations", "councils", "front", "bench"}


def imported_apps(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module.split(".")[0]


def test_the_kit_imports_no_domain_app_and_not_the_top_floor():
    offending = {
        str(path.relative_to(PORTAL.parent)): sorted(set(imported_apps(path)) & ABOVE_THE_KIT)
        for path in PORTAL.rglob("*.py")
    }
    assert {path: apps for path, apps in offending.items() if apps} == {}
