"""Load a municipality and its territory tree from a YAML file (``load_territories``).

The file is a list of rows ``{slug, name, kind, parent}``, as in ``kekava-territories.yaml``;
the one row without a parent is the municipality, which may also give its name in the
cases sentences need (``genitive``, ``locative``, ``dative``: "Ķekavas novada"). Loading
creates or updates the municipality of that root row and every row of its tree, keyed on the
short names, so it can run again safely: a renamed or moved territory is updated in place,
never duplicated.
"""

from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Municipality, MunicipalityHost, Territory

KINDS = set(Territory.Kind.values)


def read_entries(path):
    with open(Path(path), encoding="utf-8") as handle:
        entries = yaml.safe_load(handle) or []
    if not isinstance(entries, list):
        raise ValidationError("The file must be a list of territories.")
    return entries


def _check(entries):
    slugs = set()
    roots = [entry for entry in entries if not entry.get("parent")]
    if len(roots) != 1:
        raise ValidationError(
            f"The file must have exactly one row without a parent (it has {len(roots)})."
        )
    for number, entry in enumerate(entries, start=1):
        missing = [key for key in ("slug", "name", "kind") if not entry.get(key)]
        if missing:
            raise ValidationError(f"Row {number} lacks {', '.join(missing)}.")
        if entry["kind"] not in KINDS:
            raise ValidationError(f"Row {number} ({entry['slug']}): unknown kind {entry['kind']}.")
        if entry["slug"] in slugs:
            raise ValidationError(f"Row {number}: the short name {entry['slug']} is repeated.")
        if entry.get("parent") and entry["parent"] not in slugs:
            raise ValidationError(
                f"Row {number} ({entry['slug']}): its parent {entry['parent']} must come first."
            )
        slugs.add(entry["slug"])
    return roots[0]


def _is_neighbourhood(entry, parents):
    """Villages and neighbourhoods are; so is a town with no parts of its own."""
    kind = entry["kind"]
    if kind in (Territory.Kind.VILLAGE, Territory.Kind.NEIGHBOURHOOD):
        return True
    return kind == Territory.Kind.TOWN and entry["slug"] not in parents


@transaction.atomic
def load_municipality(entries, *, hosts=(), descriptions=None):
    """Create or update the municipality of ``entries`` and its tree; returns both.

    ``hosts``: host names to add to it (the first becomes primary if it has none).
    ``descriptions``: ``{slug: text}`` for territories whose description to set.
    """
    root_entry = _check(entries)
    descriptions = descriptions or {}
    names = {"name": root_entry["name"]}
    for case in ("genitive", "locative", "dative"):
        if root_entry.get(case):
            names[f"name_{case}"] = root_entry[case]
    municipality, _ = Municipality.objects.update_or_create(slug=root_entry["slug"], defaults=names)
    _add_hosts(municipality, hosts)
    parents = {entry["parent"] for entry in entries if entry.get("parent")}
    existing = {t.slug: t for t in Territory.objects.of(municipality)}
    territories = {}
    for entry in entries:
        parent = territories[entry["parent"]] if entry.get("parent") else None
        fields = {
            "name": entry["name"],
            "kind": Territory.Kind(entry["kind"]),
            "parent": parent,
            "is_neighbourhood": parent is not None and _is_neighbourhood(entry, parents),
        }
        if entry["slug"] in descriptions:
            fields["description"] = descriptions[entry["slug"]]
        territory = existing.get(entry["slug"])
        if territory is None:
            territory = Territory(municipality=municipality, slug=entry["slug"], **fields)
            territory.full_clean(exclude=["path"])
            territory.save()
        elif any(getattr(territory, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(territory, key, value)
            territory.save()
        territories[territory.slug] = territory
    return municipality, territories


def _add_hosts(municipality, hosts):
    has_primary = municipality.hosts.filter(is_primary=True).exists()
    for name in hosts:
        host = MunicipalityHost(municipality=municipality, name=name.strip().lower())
        taken = MunicipalityHost.objects.filter(name=host.name).first()
        if taken is not None:
            if taken.municipality_id != municipality.pk:
                raise ValidationError(f"The host {host.name} already serves {taken.municipality}.")
            continue
        host.is_primary = not has_primary
        host.full_clean()
        host.save()
        has_primary = True
