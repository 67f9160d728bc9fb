"""Writing to the outbox, and the choices people make about it. Plain functions, no request.

Services of every app call ``notify`` inside their transaction: the rows are written with the
change, or not at all; their delivery is queued once it commits.
"""

import json
import uuid

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Notification, NotificationOptOut
from ..notifications import enqueue_on_commit
from .kinds import get_kind, optional_kinds

Status = Notification.Status


def _rows(spec, municipality, items, written=frozenset()):
    """Outbox rows for ``(occasion, ids, recipients)`` items; people without an address, and
    the ``(user id, key)`` pairs already ``written``, skipped."""
    return [
        Notification(
            user=person,
            email=person.email,
            municipality=municipality,
            kind=spec.code,
            key=f"{spec.code}:{occasion}",
            context=ids,
            language=person.language,
        )
        for occasion, ids, recipients in items
        for person in recipients
        if person.email and (person.pk, f"{spec.code}:{occasion}") not in written
    ]


def _written(spec, items, chunk=2000):
    """The ``(user id, key)`` pairs of these items that already have a row."""
    keys = sorted({f"{spec.code}:{occasion}" for occasion, _ids, _recipients in items})
    found = set()
    for start in range(0, len(keys), chunk):
        rows = Notification.objects.filter(kind=spec.code, key__in=keys[start : start + chunk])
        found.update(rows.values_list("user_id", "key"))
    return found


def _queue_one(pk):
    from .delivery import deliver_notification

    enqueue_on_commit(deliver_notification, pk)


def notify(kind: str, *, occasion, municipality, ids=None, recipients=None) -> str:
    """Write one message of ``kind`` per recipient for ``occasion``; return the occasion key.

    ``recipients`` default to the kind's own ``recipients(**ids)``. The key is
    ``<kind>:<occasion>``; a recipient who already has a row with that key gets no second
    one (a unique constraint in the database), so calling this twice sends nothing twice.
    Each new row's delivery is queued once the transaction commits.
    """
    spec = get_kind(kind)
    ids = ids or {}
    if recipients is None and spec.recipients is None:
        raise ValueError(f"Name the recipients of {kind!r}: it has no recipients().")
    people = list(recipients if recipients is not None else spec.recipients(**ids))
    key = f"{spec.code}:{occasion}"
    if people:
        rows = _rows(spec, municipality, [(occasion, ids, people)])
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        pending = Notification.objects.filter(
            key=key, user__in=[person.pk for person in people], status=Status.PENDING
        )
        for pk in pending.values_list("pk", flat=True):
            _queue_one(pk)
    return key


def notify_many(kind: str, *, municipality, items) -> int:
    """Write many occasions of one kind at once (a batch of the reminder sweep); return how
    many rows this call wrote.

    ``items`` are ``(occasion, ids, recipients)``. Rows that exist already are skipped in the
    database (one statement on PostgreSQL: no model instances, no per-row query), and the
    unique constraint decides when two sweeps write the same rows at once. The periodic
    delivery task, queued by the sweep once it commits, sends them.
    """
    spec = get_kind(kind)
    items = list(items)
    if connection.vendor == "postgresql":
        return _insert_new(spec, municipality, items)
    # Elsewhere (SQLite in development): build only the rows not written yet.
    written = _written(spec, items)
    rows = _rows(spec, municipality, items, written=written)
    if not rows:
        return 0
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(_written(spec, items)) - len(written)


# The columns that differ from row to row in ``notify_many``; the others are the same for a
# whole batch (the model's defaults, the kind and the municipality).
_PER_ROW = ("user", "email", "key", "context", "language")


def _insert_new(spec, municipality, items) -> int:
    """PostgreSQL: one ``INSERT … SELECT … ON CONFLICT DO NOTHING`` for the batch.

    The rows travel as one JSON document (``jsonb_to_recordset``), which is far cheaper to
    send than a parameter per value or an array per column. Rows whose (recipient, key)
    exists already are left out before inserting, so the hourly sweep that finds everything
    written inserts nothing (and draws no ids); a row another sweep is writing at this very
    moment is skipped by ``ON CONFLICT DO NOTHING`` once that sweep commits. The rows go in
    sorted by (recipient, key), so two sweeps writing overlapping batches wait for each other
    in the same order and never deadlock.
    """
    rows = sorted(
        {
            (person.pk, f"{spec.code}:{occasion}"): (person, ids)
            for occasion, ids, recipients in items
            for person in recipients
            if person.email
        }.items(),
        key=lambda row: row[0],
    )
    if not rows:
        return 0
    fields = {field.name: field for field in Notification._meta.concrete_fields}
    user, email, key, context, language = (fields[name].column for name in _PER_ROW)
    document = json.dumps(
        [
            {user: pk, email: person.email, key: text, context: ids, language: person.language}
            for (pk, text), (person, ids) in rows
        ]
    )
    template = Notification(municipality=municipality, kind=spec.code)
    same = [
        field for name, field in fields.items() if name not in _PER_ROW and not field.primary_key
    ]
    quote = connection.ops.quote_name
    varying = [fields[name] for name in _PER_ROW]
    columns = ", ".join(quote(field.column) for field in varying + same)
    selected = ", ".join([f"r.{quote(field.column)}" for field in varying] + ["%s"] * len(same))
    record = ", ".join(f"{quote(field.column)} {field.db_type(connection)}" for field in varying)
    table = quote(Notification._meta.db_table)
    user, key = quote(user), quote(key)
    sql = (
        f"INSERT INTO {table} ({columns}) SELECT {selected} "
        f"FROM jsonb_to_recordset(%s::jsonb) AS r({record}) "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} AS n WHERE n.{user} IS NOT NULL "
        f"AND n.{user} = r.{user} AND n.{key} = r.{key}) "
        f"ON CONFLICT DO NOTHING"
    )
    params = [
        field.get_db_prep_save(getattr(template, field.attname), connection) for field in same
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, document])
        return cursor.rowcount


def notify_address(kind: str, *, email, user=None, municipality=None, language, context) -> int:
    """Write one message to an address (account emails): a new occasion every time."""
    spec = get_kind(kind)
    row = Notification.objects.create(
        user=user,
        email=email,
        municipality=municipality,
        kind=spec.code,
        key=f"{spec.code}:{uuid.uuid4().hex}",
        context=context,
        language=language,
    )
    _queue_one(row.pk)
    return row.pk


@transaction.atomic
def resend_notification(*, actor, notification: Notification) -> Notification:
    """Send a failed message again (staff, from the delivery log)."""
    updated = Notification.objects.filter(pk=notification.pk, status=Status.FAILED).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    if not updated:
        raise ValidationError(_("Only a failed message can be sent again."), code="not_failed")
    _queue_one(notification.pk)
    notification.refresh_from_db()
    return notification


def wanted_kinds(user) -> list[str]:
    """The codes of the optional kinds the person gets."""
    refused = set(user.notification_opt_outs.values_list("kind", flat=True))
    return [kind.code for kind in optional_kinds() if kind.code not in refused]


@transaction.atomic
def set_wanted_kinds(*, actor, wanted) -> None:
    """Keep the person's choices: every optional kind not in ``wanted`` is turned off."""
    codes = {kind.code for kind in optional_kinds()}
    wanted = set(wanted) & codes
    actor.notification_opt_outs.filter(kind__in=wanted).delete()
    NotificationOptOut.objects.bulk_create(
        [NotificationOptOut(user=actor, kind=code) for code in sorted(codes - wanted)],
        ignore_conflicts=True,
    )


@transaction.atomic
def unsubscribe(*, user, kind: str) -> bool:
    """Stop one kind for one person (the link in the email); ``False`` for a required kind."""
    if get_kind(kind).required:
        return False
    NotificationOptOut.objects.get_or_create(user=user, kind=kind)
    Notification.objects.filter(user=user, kind=kind, status=Status.PENDING).update(
        status=Status.CANCELLED
    )
    return True
