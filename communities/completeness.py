"""What a complete registration is, declared once.

The registration form puts each message beside its field when someone submits;
``missing_for_submission`` lists what a saved registration still lacks (the submit
service and the staff's review page). Both read ``REQUIREMENTS`` over a mapping of values:
the form's cleaned data, or ``registration_values(community)``.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def _text(values, name):
    return str(values.get(name) or "").strip()


@dataclass(frozen=True)
class Requirement:
    """``name`` is what is missing in a list; ``fields`` maps each form field it concerns
    to the message shown beside it; ``met(values)`` says whether a field is filled in."""

    name: Promise
    fields: Mapping[str, Promise]
    met: Callable[[Mapping, str], bool]

    def missing_fields(self, values) -> list[str]:
        return [field for field in self.fields if not self.met(values, field)]


def _filled(values, field):
    value = values.get(field)
    return bool(value.strip() if isinstance(value, str) else value)


def _has_a_reason(values, _field):
    return bool(values.get("founding_motives")) or bool(_text(values, "founding_motive_other"))


def _association_has_number(values, _field):
    return values.get("legal_form") != "association" or bool(_text(values, "register_number"))


def _association_has_date(values, _field):
    return values.get("legal_form") != "association" or bool(values.get("registered_on"))


REQUIREMENTS = (
    Requirement(_("description"), {"description": _("Describe the community.")}, _filled),
    Requirement(
        _("neighbourhoods"),
        {"neighbourhoods": _("Choose at least one neighbourhood.")},
        _filled,
    ),
    Requirement(
        _("why the community was formed"),
        {"founding_motives": _("Choose at least one reason, or describe another.")},
        _has_a_reason,
    ),
    Requirement(
        _("contact person and email"),
        {
            "contact_name": _("Name the community's contact person."),
            "contact_email": _("Give an email address for the contact person."),
        },
        _filled,
    ),
    Requirement(
        _("residents the community unites"),
        {"declared_residents": _("Give the number of residents the community unites.")},
        _filled,
    ),
    Requirement(
        _("register number"),
        {"register_number": _("A registered association must give its 11-digit register number.")},
        _association_has_number,
    ),
    Requirement(
        _("date of registration in the register"),
        {
            "registered_on": _(
                "A registered association must give the date the Register of Enterprises "
                "registered it."
            )
        },
        _association_has_date,
    ),
)


def registration_values(community) -> dict:
    """The values ``REQUIREMENTS`` read, from a saved community (one query)."""
    names = [f for requirement in REQUIREMENTS for f in requirement.fields]
    names += ["founding_motive_other", "legal_form"]
    values = {name: getattr(community, name) for name in names if name != "neighbourhoods"}
    values["neighbourhoods"] = community.neighbourhoods.exists()
    return values


def missing_for_submission(community) -> list[str]:
    """Names of what a registration still lacks before staff can verify it."""
    values = registration_values(community)
    return [str(r.name) for r in REQUIREMENTS if r.missing_fields(values)]


def field_errors(values) -> dict[str, Promise]:
    """The message beside each field a submitted registration lacks."""
    return {
        field: requirement.fields[field]
        for requirement in REQUIREMENTS
        for field in requirement.missing_fields(values)
    }
