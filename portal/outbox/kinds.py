"""The kinds of message. Each app declares its own in ``<app>/outbox.py``.

A kind names the template, who gets it and how the template's context is built from the
ids stored on the outbox row. ``portal.apps`` imports every app's ``outbox`` module at
start-up, so the registry is complete in the web process and in the worker.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Kind:
    """One kind of message.

    ``recipients(**ids)`` returns the people who get it (called in the transaction of the
    change); ``context(**ids)`` returns the template's context (called at delivery, inside
    the recipient's language, so reversed URLs carry the right /lv/ or /en/; values may be
    callables, called there too). ``render(notification)`` replaces both for messages
    rendered by another library (allauth's account emails). A ``required`` kind cannot be
    unsubscribed; a ``secret`` one forgets its context once sent (confirmation keys).
    """

    code: str
    label: Any
    audience: Any = ""
    template: str = ""
    recipients: Callable[..., Iterable] | None = None
    context: Callable[..., dict] | None = None
    render: Callable | None = None
    required: bool = False
    secret: bool = False


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if kind.code in _kinds and _kinds[kind.code] != kind:
        raise ValueError(f"The kind of message {kind.code!r} is declared twice.")
    if not kind.render and not (kind.template and kind.context):
        raise ValueError(f"The kind of message {kind.code!r} needs a template and a context.")
    _kinds[kind.code] = kind
    return kind


def get_kind(code: str) -> Kind:
    return _kinds[code]


def all_kinds() -> list[Kind]:
    return list(_kinds.values())


def optional_kinds() -> list[Kind]:
    """The kinds a person may turn off, in the order the apps declared them."""
    return [kind for kind in _kinds.values() if not kind.required]
