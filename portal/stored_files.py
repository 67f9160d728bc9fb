"""Stored files follow their rows: one mechanism for every file field of every model.

``connect_stored_files()`` (run by ``PortalConfig.ready``) connects four receivers to each
model that has a ``FileField``, in every app:

- ``post_init`` remembers the name of each stored file the row was loaded with (read from
  the row's own values, so a deferred field costs no query);
- ``pre_save`` writes every new JPEG or PNG again without its metadata
  (``portal.images.without_metadata``) before the field stores it: the original is never
  stored;
- ``post_save`` forgets a file the row no longer names (replaced or cleared);
- ``post_delete`` forgets the files of a deleted row. Because receivers are connected,
  ``QuerySet.delete()`` and cascades send it for each row too.

To *forget* a file is to delete it from its storage once the transaction commits (never on a
rollback, when the row still names it), and only when no row of any model names it any more:
a file handed from one row to another (a change of key facts hands its document to the
community) stays. Code that empties a file field with ``QuerySet.update()`` (the lifecycle's
conditional update) calls ``delete_file_on_commit`` itself, which goes the same way.
"""

import functools

from django.apps import apps
from django.db import models, transaction
from django.db.models import signals
from django.db.models.fields.files import FieldFile

from .images import without_metadata

REMEMBERED = "_portal_stored_files"


@functools.cache
def file_fields(model):
    """The concrete ``FileField``s (and ``ImageField``s) of ``model``."""
    return tuple(f for f in model._meta.concrete_fields if isinstance(f, models.FileField))


def models_with_files():
    """``[(model, [fields])]`` for every installed model that stores files."""
    found = []
    for model in apps.get_models():
        fields = file_fields(model)
        if fields and not model._meta.proxy:
            found.append((model, fields))
    return found


def _stored_name(value):
    """The stored file's name in a raw field value, or ``""`` (a new upload is not stored)."""
    if isinstance(value, str):
        return value
    if isinstance(value, FieldFile):
        return value.name or "" if value._committed else ""
    return ""


def is_still_named(name):
    """Whether any row of any model names the stored file ``name``."""
    return any(
        model._base_manager.filter(**{field.name: name}).exists()
        for model, fields in models_with_files()
        for field in fields
    )


def _delete_if_unnamed(storage, name):
    if not is_still_named(name):
        storage.delete(name)


def forget_on_commit(storage, name):
    """Delete ``name`` from ``storage`` once the transaction commits, unless a row names it."""
    if name:
        transaction.on_commit(lambda: _delete_if_unnamed(storage, name))


def delete_file_on_commit(stored):
    """Forget a stored file (a ``FieldFile``) once the transaction commits."""
    if stored:
        forget_on_commit(stored.storage, stored.name)


def _remember(sender, instance, **kwargs):
    values = instance.__dict__
    instance.__dict__[REMEMBERED] = {
        field.attname: _stored_name(values[field.attname])
        for field in file_fields(sender)
        if field.attname in values
    }


def _clean_pictures(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    for field in file_fields(sender):
        if field.attname not in instance.__dict__:
            continue
        if update_fields is not None and field.name not in update_fields:
            continue
        stored = getattr(instance, field.attname)
        if not stored or stored._committed:
            continue
        cleaned = without_metadata(stored.file)
        if cleaned is not None:
            stored.file = cleaned


def _forget_replaced(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    remembered = instance.__dict__.setdefault(REMEMBERED, {})
    for field in file_fields(sender):
        if field.attname not in instance.__dict__:
            continue
        if update_fields is not None and field.name not in update_fields:
            continue
        now = _stored_name(instance.__dict__[field.attname])
        before = remembered.get(field.attname, "")
        if before and before != now:
            forget_on_commit(field.storage, before)
        remembered[field.attname] = now


def _load_deferred(sender, instance, **kwargs):
    """A row deleted with a file field deferred: read the names before the row goes."""
    deferred = [f.attname for f in file_fields(sender) if f.attname not in instance.__dict__]
    if deferred and instance.pk is not None:
        names = sender._base_manager.filter(pk=instance.pk).values(*deferred).first() or {}
        instance.__dict__.setdefault(REMEMBERED, {}).update(names)


def _forget_deleted(sender, instance, **kwargs):
    remembered = instance.__dict__.get(REMEMBERED, {})
    for field in file_fields(sender):
        if field.attname in instance.__dict__:
            name = _stored_name(instance.__dict__[field.attname])
        else:
            name = remembered.get(field.attname, "")
        # A name remembered at load time goes too (the field was changed, never saved).
        for each in {name, remembered.get(field.attname, "")}:
            forget_on_commit(field.storage, each)


def connect_stored_files():
    for model, _fields in models_with_files():
        uid = f"portal.stored_files.{model._meta.label}"
        signals.post_init.connect(_remember, sender=model, dispatch_uid=uid)
        signals.pre_save.connect(_clean_pictures, sender=model, dispatch_uid=uid)
        signals.post_save.connect(_forget_replaced, sender=model, dispatch_uid=uid)
        signals.pre_delete.connect(_load_deferred, sender=model, dispatch_uid=uid)
        signals.post_delete.connect(_forget_deleted, sender=model, dispatch_uid=uid)
