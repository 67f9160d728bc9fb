"""Deadline reminders: each app declares the deadlines it knows; one sweep writes the rows.

The sweep only computes (recipient, occasion) pairs and writes outbox rows; the occasion key
names the deadline, the object and how many days before it is, so a reminder is written once
however often the sweep runs (``send_reminders``, Celery beat), also with two at once.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from portal.workdays import is_working_day


@dataclass(frozen=True)
class Occasion:
    """One object with a deadline: whose municipality, its key part, ids and recipients."""

    municipality: Any
    occasion: str
    ids: dict
    recipients: Iterable


@dataclass(frozen=True)
class Deadline:
    """A deadline an app knows.

    ``dues(today)`` yields ``(due_date, subject)`` for the deadlines still ahead (or today);
    ``occasions(subject, due_date)`` yields an ``Occasion`` per object and its recipients.
    People are reminded ``days_before`` the due date, counted in working days (Latvian
    public holidays and weekends skipped) when ``working_days``.
    """

    code: str
    kind: str
    dues: Callable[[datetime.date], Iterable]
    occasions: Callable[..., Iterable[Occasion]]
    days_before: tuple[int, ...] = (10, 2)
    working_days: bool = True
    label: Any = field(default="", compare=False)


_deadlines: dict[str, Deadline] = {}


def register_deadline(deadline: Deadline) -> Deadline:
    _deadlines[deadline.code] = deadline
    return deadline


def all_deadlines() -> list[Deadline]:
    return list(_deadlines.values())


def days_before(due: datetime.date, days: int, *, working_days: bool = True) -> datetime.date:
    """The date ``days`` (working) days before ``due``."""
    if not working_days:
        return due - datetime.timedelta(days=days)
    day = due
    while days > 0:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def current_stage(deadline: Deadline, due: datetime.date, today: datetime.date):
    """Which reminder is due today: the nearest reminder day passed (``None`` if none).

    A sweep that did not run on the exact day still sends the reminder late, and only the
    latest one: after a pause, people get the "2 days left" one, not also the "10 days".
    """
    if today > due:
        return None
    passed = [
        days
        for days in deadline.days_before
        if days_before(due, days, working_days=deadline.working_days) <= today
    ]
    return min(passed) if passed else None


# Occasions written per statement: enough to make each round trip worth it, few enough that
# memory stays small and a batch holds its rows' locks only for a moment.
BATCH = 2000


def _batches(deadline, subject, due, stage):
    """The sweep's ``(municipality, items)`` batches for one due date, read lazily."""
    municipality, items = None, []
    suffix, context = f":{due.isoformat()}:{stage}", {"due": due.isoformat(), "days": stage}
    for occasion in deadline.occasions(subject, due):
        changed = (
            occasion.municipality is not municipality and occasion.municipality != municipality
        )
        if items and (changed or len(items) >= BATCH):
            yield municipality, items
            items = []
        municipality = occasion.municipality
        items.append(
            (
                f"{occasion.occasion}{suffix}",
                {**occasion.ids, **context},
                list(occasion.recipients),
            )
        )
    if items:
        yield municipality, items


def sweep(today: datetime.date | None = None) -> int:
    """Write the reminders due today for every deadline; return how many rows it wrote.

    Each batch is written in its own transaction: a sweep stopped halfway keeps what it wrote
    and the next one writes the rest (the keys make that safe). Delivery is queued once, at
    the end; beat's ``deliver_due`` picks up the rows of a sweep that did not get there.
    """
    from ..notifications import enqueue_on_commit
    from .delivery import deliver_due_task as deliver_due
    from .services import notify_many

    today = today or timezone.localdate()
    written = 0
    for deadline in all_deadlines():
        for due, subject in deadline.dues(today):
            stage = current_stage(deadline, due, today)
            if stage is None:
                continue
            for municipality, items in _batches(deadline, subject, due, stage):
                with transaction.atomic():
                    written += notify_many(deadline.kind, municipality=municipality, items=items)
    if written:
        with transaction.atomic():
            enqueue_on_commit(deliver_due)
    return written
