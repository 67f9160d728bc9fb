"""The history events of councils and meetings, rendered in the reader's language."""

from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from portal.dates import short_date
from portal.history import declare_event

DAYS = ("starts", "ends", "opens", "closes")


def _days(row):
    """The days are kept as ISO dates and written in the reader's format; rows written before
    that keep the text they were written with."""
    params = dict(row.data)
    for key in DAYS:
        value = params.get(key)
        try:
            day = parse_date(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        if day is not None:
            params[key] = short_date(day)
    return params


declare_event(
    "seat_filled",
    _("%(member)s holds seat %(seat)s from %(starts)s to %(ends)s."),
    params=_days,
)
declare_event(
    "term_ended",
    _("The term of %(member)s on seat %(seat)s ended on %(ends)s."),
    params=_days,
)
declare_event(
    "nomination_period_opened",
    _("Nominations open from %(opens)s to %(closes)s."),
    params=_days,
)
declare_event("recommendation_recorded", _("Recommendation recorded on item %(item)s."))
declare_event("vote_set_aside", _("A vote was set aside."))
declare_event(
    "recommendation_answered",
    _("The municipality answered the recommendation on item %(item)s."),
)


def _corrected(row):
    from consultations.models.submissions import AnswerStatus

    labels = dict(AnswerStatus.choices)
    return {
        "item": row.data.get("item", ""),
        "old": labels.get(row.data.get("old"), "—"),
        "new": labels.get(row.data.get("new"), "—"),
    }


def _earlier_text(row):
    return [
        _("Before the correction: %(old)s — %(text)s")
        % {**_corrected(row), "text": row.data.get("earlier", "")}
    ]


declare_event(
    "recommendation_answer_corrected",
    _("The answer to the recommendation on item %(item)s was corrected: %(old)s → %(new)s."),
    params=_corrected,
    details=_earlier_text,
)

declare_event("agenda_item_added", _("Item %(item)s added to the agenda."))
declare_event("agenda_item_changed", _("Item %(item)s of the agenda changed."))
declare_event(
    "presence_recorded", _("Presence recorded. Members present: %(present)s; sitting: %(sitting)s.")
)
declare_event("lots_drawn", _("Lots drawn between tied candidates: %(order)s."))
declare_event("papers_added", _("Papers added: %(titles)s."))
declare_event("paper_removed", _("Paper removed: %(title)s."))
