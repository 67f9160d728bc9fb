"""Writes to the portal's core: the neighbourhoods' contact persons. Views check permissions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ContactPerson, Municipality, Territory


@transaction.atomic
def save_contact_person(
    *,
    actor,
    municipality: Municipality,
    person: ContactPerson | None = None,
    name: str,
    email: str,
    position: str = "",
    phone: str = "",
    reception_hours: str = "",
) -> ContactPerson:
    """Add a municipality's contact person, or save changes to ``person``."""
    if person is None:
        person = ContactPerson(municipality=municipality)
    elif person.municipality_id != municipality.pk:
        raise ValidationError(
            _("The contact person works for another municipality."), code="other_municipality"
        )
    person.name, person.email, person.position = name, email, position
    person.phone, person.reception_hours = phone, reception_hours
    person.save()
    return person


@transaction.atomic
def assign_contact_person(
    *, actor, territory: Territory, contact_person: ContactPerson | None
) -> Territory:
    """Make ``contact_person`` the neighbourhood's contact person; ``None`` leaves it without."""
    if contact_person is not None and contact_person.municipality_id != territory.municipality_id:
        raise ValidationError(
            _("The contact person works for another municipality."), code="other_municipality"
        )
    if not territory.is_neighbourhood:
        raise ValidationError(
            _("Only a neighbourhood has a municipal contact person."), code="not_neighbourhood"
        )
    territory.contact_person = contact_person
    territory.save(update_fields=["contact_person"])
    return territory
