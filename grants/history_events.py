"""The grants' history events: decisions that are not a change of status."""

from django.utils.translation import gettext_lazy as _

from portal.history import declare_event


def _conflict(row):
    return {"name": row.data.get("name", "")}


declare_event(
    "conflict_declared",
    _("%(name)s declared a conflict of interest."),
    params=lambda row: {"name": row.data.get("name", "")},
)
declare_event(
    "no_conflict_declared",
    _("%(name)s declared no conflict of interest."),
    params=lambda row: {"name": row.data.get("name", "")},
)
declare_event(
    "conflict_known",
    _("The portal marked a conflict of interest of %(name)s: they belong to the community."),
    params=_conflict,
)
declare_event(
    "scored",
    _("%(name)s scored the application."),
    params=lambda row: {"name": row.data.get("name", "")},
    details=lambda row: [
        f"{name}: {score}/{top}" for name, score, top in row.data.get("scores", [])
    ],
)
declare_event(
    "evaluator_assigned",
    _("%(name)s assigned as an evaluator."),
    params=lambda row: {"name": row.data.get("name", "")},
)
declare_event(
    "evaluator_unassigned",
    _("%(name)s no longer an evaluator."),
    params=lambda row: {"name": row.data.get("name", "")},
)
declare_event("round_changed", _("Settings of the published round changed."))
declare_event("answer_published", _("An answer was published on the round's page."))
declare_event("report_file_removed", _("File removed from the report: %(title)s."))
