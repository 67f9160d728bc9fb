"""Writes of the municipal events calendar. Permission checks stay in the views."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.validators import field_error

from ..models import MunicipalEvent

FIELDS = (
    "title",
    "kind",
    "audience",
    "description",
    "starts_at",
    "ends_at",
    "venue",
    "venue_step_free",
    "how_to_take_part",
)


def _write(event, details):
    neighbourhoods = details.pop("neighbourhoods", None)
    for name, value in details.items():
        if name not in FIELDS:
            raise TypeError(f"A municipal event has no detail {name!r}.")
        setattr(event, name, value)
    if event.ends_at and event.starts_at and event.ends_at < event.starts_at:
        raise field_error("ends_at", _("The event ends after it starts."), "ends_before")
    event.save()
    if neighbourhoods is not None:
        if any(t.municipality_id != event.municipality_id for t in neighbourhoods):
            raise ValidationError(_("Choose neighbourhoods of this municipality."))
        event.neighbourhoods.set(neighbourhoods)
    return event


@transaction.atomic
def create_event(*, actor, municipality, **details) -> MunicipalEvent:
    return _write(MunicipalEvent(municipality=municipality, created_by=actor), dict(details))


@transaction.atomic
def update_event(*, actor, event: MunicipalEvent, **details) -> MunicipalEvent:
    return _write(event, dict(details))


@transaction.atomic
def delete_event(*, actor, event: MunicipalEvent) -> None:
    event.delete()
