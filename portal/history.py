"""Lifecycles declared once, moves that check them, and the history of events.

A model with statuses declares its allowed moves in one table, ``lifecycle = Lifecycle(...)``
(see ``communities.models.Community``). ``move_to`` checks the table, writes the new status
with a conditional UPDATE on the old one (two people deciding at once: one wins, the other
is told) and writes the history row in the same transaction. Rules ask ``can_move_to``;
``docs/lifecycles.md`` holds the table as ``Lifecycle.markdown()`` prints it (a test
compares them).

Other decisions are history *events*: a code from ``EVENTS`` and JSON ``data``, never a
sentence. The sentence is rendered when someone reads the history, in their language.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# --- lifecycles ---------------------------------------------------------------------------


class Lifecycle:
    """The allowed moves of a model's ``status``: ``{from_status: {to_status: action}}``.

    ``start`` maps the statuses a new row may begin in to the action that creates it;
    ``history`` names the related manager of the model's history rows. Action names are
    code, for the documentation table; they are never shown to people.
    """

    def __init__(self, transitions, *, start, history):
        self.transitions = {
            str(source): {str(target): action for target, action in targets.items()}
            for source, targets in transitions.items()
        }
        self.start = {str(status): action for status, action in start.items()}
        self.history = history

    def allows(self, from_status, to_status) -> bool:
        return str(to_status) in self.transitions.get(str(from_status), {})

    def targets(self, from_status) -> tuple[str, ...]:
        return tuple(self.transitions.get(str(from_status), {}))

    def sources(self, to_status) -> tuple[str, ...]:
        """The statuses from which ``to_status`` may be reached, in the table's order."""
        return tuple(
            source for source, targets in self.transitions.items() if str(to_status) in targets
        )

    def rows(self) -> list[tuple[str, str, str]]:
        """``(from, action, to)`` of every declared move; ``from`` is empty for a new row."""
        starts = [("", action, status) for status, action in self.start.items()]
        moves = [
            (source, action, target)
            for source, targets in self.transitions.items()
            for target, action in targets.items()
        ]
        return starts + moves

    def markdown(self) -> str:
        """The table as ``docs/lifecycles.md`` shows it."""
        lines = ["| from | action | to |", "| --- | --- | --- |"]
        lines += [
            f"| {source or '(new)'} | {action} | {to} |" for source, action, to in self.rows()
        ]
        return "\n".join(lines)


class LifecycleMixin:
    """For models with ``status`` and a ``lifecycle``: ask the table, not a list of strings."""

    lifecycle: Lifecycle

    def can_move_to(self, status) -> bool:
        return self.lifecycle.allows(self.status, status)


def conflict_message():
    return _("This was already decided by someone else; reload the page to see the decision.")


def is_conflict(error: ValidationError) -> bool:
    """True when ``error`` says that someone else changed the status first."""
    return getattr(error, "code", None) == "conflict"


def require_move(obj, to_status, message=None, *, code="wrong_status"):
    """Refuse a move the model's table does not declare, with a translated message."""
    if obj.can_move_to(to_status):
        return
    if message is None:
        labels = dict(type(obj)._meta.get_field("status").choices)
        message = _("%(object)s cannot move from “%(from)s” to “%(to)s”.") % {
            "object": capfirst(type(obj)._meta.verbose_name),
            "from": labels.get(obj.status, obj.status),
            "to": labels.get(to_status, to_status),
        }
    raise ValidationError(message, code=code)


# Sent after a move is written (the UPDATE bypasses post_save): kept counts and caches
# listen to it. Arguments: sender (the model), instance, from_status, to_status.
status_moved = Signal()

# Sent after an event row (``log_event``) is written: the security log listens to it.
# Arguments: sender (the model), instance, row.
event_recorded = Signal()


def move_to(
    obj,
    to_status,
    *,
    actor,
    reason="",
    stamp=None,
    fields=None,
    event="",
    data=None,
):
    """Move ``obj`` to ``to_status`` if its table allows it and nobody moved it first.

    The row is updated only while it still has the status ``obj`` was loaded with; when
    another request changed it in between, nothing is written and a ``ValidationError``
    with code ``conflict`` says so. ``fields`` are written in the same UPDATE
    (``decided_by``); ``stamp`` names a datetime field set to now (``submitted_at``).
    Returns the history row, written in the same transaction.
    """
    require_move(obj, to_status)
    model = type(obj)
    from_status = obj.status
    now = timezone.now()
    values = {"status": to_status, **(fields or {})}
    if stamp:
        values[stamp] = now
    names = {f.name for f in model._meta.concrete_fields}
    if "updated_at" in names:
        values["updated_at"] = now
    versioned = "version" in names  # a form opened before this move is then out of date
    with transaction.atomic(savepoint=False):
        extra = {"version": F("version") + 1} if versioned else {}
        updated = model._base_manager.filter(pk=obj.pk, status=from_status).update(
            **values, **extra
        )
        if not updated:
            raise ValidationError(conflict_message(), code="conflict")
        for name, value in values.items():
            setattr(obj, name, value)
        if versioned:
            obj.version += 1
        row = record(
            obj, actor=actor, from_status=from_status, reason=reason, event=event, data=data
        )
        status_moved.send(sender=model, instance=obj, from_status=from_status, to_status=to_status)
        return row


def record_start(obj, *, actor, reason=""):
    """The first history row of a new object, in a status its table lets it start in."""
    if str(obj.status) not in obj.lifecycle.start:
        raise ValidationError(
            _("%(object)s cannot start as “%(status)s”.")
            % {"object": capfirst(type(obj)._meta.verbose_name), "status": obj.status},
            code="wrong_status",
        )
    return record(obj, actor=actor, from_status="", reason=reason)


def record(obj, *, actor, from_status=None, reason="", event="", data=None):
    """Write one history row of ``obj``; an event keeps the status it happened in."""
    if event and event not in EVENTS:
        raise ValueError(f"Unknown history event {event!r}: declare it in EVENTS.")
    row = getattr(obj, obj.lifecycle.history).create(
        actor=actor,
        from_status=obj.status if from_status is None else from_status,
        to_status=obj.status,
        reason=reason,
        event=event,
        data=data or {},
    )
    if event:
        event_recorded.send(sender=type(obj), instance=obj, row=row)
    return row


def log_event(obj, event, *, actor, data=None, reason=""):
    """A decision that is not a move: a code and its data, rendered when read."""
    return record(obj, actor=actor, reason=reason, event=event, data=data)


# --- events -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEvent:
    """How an event code reads: a message with ``%(name)s`` placeholders filled from the
    row's data by ``params(row)``, and optional detail lines by ``details(row)``."""

    message: Any
    params: Any = None
    details: Any = None
    labels: dict = field(default_factory=dict)

    def render(self, row):
        params = self.params(row) if self.params else dict(row.data)
        for key, field_name in self.labels.items():
            params[key] = field_label(row.subject_model(), field_name, params.get(key))
        try:
            return str(self.message) % params
        except (KeyError, TypeError, ValueError):
            return str(self.message)

    def render_details(self, row):
        return self.details(row) if self.details else []


EVENTS: dict[str, HistoryEvent] = {}


def declare_event(code, message, **options):
    """Add an event code; apps call this at import time for codes of their own."""
    EVENTS[code] = HistoryEvent(message, **options)


def field_label(model, field_name, value):
    """``value`` of ``model.field_name`` as people read it: its choice label, a date as the
    portal writes dates (the history keeps it as ISO text), or a dash."""
    if value is None or value == "":
        return "—"
    model_field = model._meta.get_field(field_name)
    if model_field.get_internal_type() == "DateField":
        day = value if isinstance(value, datetime.date) else parse_date(str(value))
        if day is not None:
            return formats.date_format(day, "SHORT_DATE_FORMAT")
    choices = dict(model_field.flatchoices)
    return str(choices.get(value, value))


def _changed_fields(row):
    model = row.subject_model()
    lines = []
    for name, old, new in row.data.get("fields", []):
        lines.append(
            _("%(field)s: “%(old)s” → “%(new)s”")
            % {
                "field": capfirst(model._meta.get_field(name).verbose_name),
                "old": field_label(model, name, old),
                "new": field_label(model, name, new),
            }
        )
    return lines


declare_event("fields_changed", gettext_lazy("Key details changed."), details=_changed_fields)
