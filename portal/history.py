"""Move an object to another status and record it in its history, in one step."""

from django.utils import timezone


def move_to(obj, to_status, *, actor, reason="", history="status_changes", stamp=None):
    """Set ``obj.status`` and write a row to its history model (``obj.<history>``).

    ``stamp`` names a datetime field of ``obj`` to set to now as well (``submitted_at``).
    Call it inside the service's ``transaction.atomic()``.
    """
    from_status = obj.status
    obj.status = to_status
    fields = ["status"]
    if stamp:
        setattr(obj, stamp, timezone.now())
        fields.append(stamp)
    if hasattr(obj, "updated_at"):
        fields.append("updated_at")
    obj.save(update_fields=fields)
    return getattr(obj, history).create(
        actor=actor, from_status=from_status, to_status=to_status, reason=reason
    )
