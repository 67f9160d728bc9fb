"""The communities' history events (a code and its data, rendered when read): roles, removals,
corrections of the activity record, withdrawn registrations, reopened years, changes of key
facts and of agreements. The kit's ``portal.history`` renders them; the generic
``fields_changed`` is the kit's own."""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.history import EVENTS, declare_event


def _entry(row):
    try:
        kind = capfirst(apps.get_model(row.data.get("model", ""))._meta.verbose_name)
    except (LookupError, ValueError):
        kind = _("Entry")
    return {"kind": kind, "title": row.data.get("title", "")}


declare_event(
    "role_changed",
    gettext_lazy("Role changed from %(old)s to %(new)s."),
    labels={"old": "role", "new": "role"},
)
declare_event("member_removed", gettext_lazy("Removed from the community by a leader."))
declare_event(
    "entry_corrected",
    gettext_lazy("%(kind)s “%(title)s” corrected in the activity record."),
    params=_entry,
)
declare_event(
    "entry_removed",
    gettext_lazy("%(kind)s “%(title)s” removed from the activity record."),
    params=_entry,
)
declare_event("account_deleted", gettext_lazy("Ended because the person deleted their account."))
declare_event("document_removed", gettext_lazy("A leader removed the supporting document."))
declare_event(
    "registration_withdrawn",
    gettext_lazy("The leaders withdrew the registration before the municipality decided."),
)


def _reopened(row):
    until = parse_date(row.data.get("until", "") or "")
    return {
        "year": row.data.get("year", ""),
        "until": formats.date_format(until, "SHORT_DATE_FORMAT") if until else "—",
    }


declare_event(
    "record_year_reopened",
    gettext_lazy("The activity record of %(year)s reopened until %(until)s."),
    params=_reopened,
)


# Changes of key facts (communities.models.key_changes)


def _document_line(row):
    lines = _changed_lines(row)
    if row.data.get("document"):
        lines.append(_("A new supporting document."))
    return lines


def _changed_lines(row):
    return EVENTS["fields_changed"].render_details(row)


declare_event(
    "key_change_requested",
    gettext_lazy("The leaders asked the municipality to change key facts."),
    details=_document_line,
)
declare_event(
    "key_change_accepted",
    gettext_lazy("The municipality accepted a change of key facts."),
    details=_document_line,
)
declare_event(
    "key_change_returned",
    gettext_lazy("The municipality returned a change of key facts."),
    details=_document_line,
)


# Agreements


def _changed_fields(row):
    agreement = apps.get_model("communities", "Agreement")
    names = []
    for name in row.data.get("fields", []):
        try:
            names.append(str(capfirst(agreement._meta.get_field(name).verbose_name)))
        except FieldDoesNotExist:  # a field removed since
            names.append(name)
    return [", ".join(names)] if names else []


declare_event(
    "agreement_changed",
    gettext_lazy("The agreement's details were changed."),
    details=_changed_fields,
)
