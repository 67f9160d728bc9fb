"""The house as docs/architecture.md draws it: one shape for every app, one name per idea, the
floors the import contracts hold. (The contracts themselves run as `lint-imports` in CI.)"""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["communities", "grants", "consultations", "councils"]
PACKAGES = ["portal", *APPS, "front"]


def _tree(path):
    return ast.parse(path.read_text(encoding="utf-8"))


def _only_docstring(path):
    body = _tree(path).body
    return len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value.value, str)


@pytest.mark.parametrize("app", APPS)
def test_every_app_has_models_services_and_views_by_concept(app):
    for package in ("models", "services", "views"):
        assert (ROOT / app / package / "__init__.py").is_file(), f"{app}/{package}/"
        concepts = [p for p in (ROOT / app / package).glob("*.py") if p.name != "__init__.py"]
        assert concepts, f"{app}/{package}/ has no module of its own"
    for package in ("services", "views"):
        init = ROOT / app / package / "__init__.py"
        assert _only_docstring(init), f"{init.relative_to(ROOT)} holds more than a docstring"
    for node in _tree(ROOT / app / "models" / "__init__.py").body:
        is_all = isinstance(node, ast.Assign) and node.targets[0].id == "__all__"
        is_docstring = isinstance(node, ast.Expr) and isinstance(node.value.value, str)
        assert isinstance(node, ast.ImportFrom) or is_all or is_docstring, (
            f"{app}/models/__init__.py only imports the app's models (line {node.lineno})"
        )


def _modules(package):
    return [p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("package", PACKAGES)
def test_one_name_per_idea(package):
    names = {p.relative_to(ROOT).as_posix() for p in _modules(package)}
    wrong = sorted(
        name
        for name in names
        if Path(name).stem in ("messages", "events", "bench")
        or Path(name).stem.endswith("_services")
        or Path(name).stem.startswith(("models_", "views_"))
    )
    assert not wrong, (
        "outbox kinds live in outbox, history events in history_events, calendar models in "
        "calendar, services in services/, models in models/, views in views/, benchmark "
        f"seeding in bench/seed/: {wrong}"
    )


@pytest.mark.parametrize("package", PACKAGES)
def test_no_view_catches_a_refusal_by_hand(package):
    """Changing pages are the kit's ServiceFormView or ServiceActionView: a service's refusal
    is answered in one place (portal/views/service_forms.py)."""
    kit = ROOT / "portal" / "views" / "service_forms.py"
    found = []
    for path in _modules(package):
        if "views" not in path.parts or path == kit:
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ExceptHandler) and "ValidationError" in ast.unparse(
                node.type or ast.Constant(None)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found


def test_the_drawing_names_the_floors_the_contracts_hold():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    floors = next(c for c in contracts if c["type"] == "layers")["layers"]
    assert floors == ["front", "councils", "grants | consultations", "communities", "portal"]
    drawing = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    written = " › ".join(
        " | ".join(f"`{name.strip()}`" for name in floor.split("|")) for floor in floors
    )
    assert written in drawing
    acyclic = {a for c in contracts if c["type"] == "acyclic_siblings" for a in c["ancestors"]}
    assert acyclic == set(PACKAGES)
    for package in PACKAGES:
        assert f"`{package}`" in drawing or f"{package}/" in drawing
