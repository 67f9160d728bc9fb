"""The portal's core imports no domain app: only ``portal/site/`` (the pages that show every
app) does, and ``seed_demo``, which runs ``portal.site.demo`` (DESIGN.md, the shared kit)."""

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[2] / "portal"
DOMAIN_APPS = {"communities", "grants", "consultations", "councils"}
ALLOWED = {PORTAL / "site"}


def imported_apps(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module.split(".")[0]


def test_only_the_site_package_imports_domain_apps():
    offending = {
        str(path.relative_to(PORTAL.parent)): sorted(set(imported_apps(path)) & DOMAIN_APPS)
        for path in PORTAL.rglob("*.py")
        if not any(folder in path.parents for folder in ALLOWED)
    }
    assert {path: apps for path, apps in offending.items() if apps} == {}
