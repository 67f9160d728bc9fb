"""No page hides another: every named address resolves back to its own view.

Two apps once both claimed ``/{lang}/reports/<id>/`` (the worker's documents and the problem
reports); the one included first answered for both, so half of the pages were unreachable.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation

SAMPLE = {"int": 7, "slug": "x-sample", "str": "x-sample", "path": "x-sample", "uuid": None}


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


def _sample(converter):
    return SAMPLE.get(type(converter).__name__.replace("Converter", "").lower(), "x")


def test_every_named_address_resolves_to_its_own_view():
    shadowed, checked = [], 0
    with translation.override("lv"):
        for name, pattern in _patterns(get_resolver()):
            converters = getattr(pattern.pattern, "converters", {})
            if not converters and re.search(r"\(\?P<", str(pattern.pattern)):
                continue  # a regular expression pattern: none of ours
            kwargs = {key: _sample(converter) for key, converter in converters.items()}
            if None in kwargs.values():
                continue
            try:
                path = reverse(name, kwargs=kwargs)
            except Exception:  # noqa: BLE001 - a pattern that needs other sample values
                continue
            checked += 1
            found = resolve(path)
            if found.view_name != name:
                shadowed.append(f"{name} ({path}) answers as {found.view_name}")
    assert checked > 100
    assert not shadowed, shadowed
