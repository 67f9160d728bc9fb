"""The history events of consultations and submissions, rendered in the reader's language."""

from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from portal.history import declare_event


def _answer_labels(row):
    from .models.submissions import AnswerStatus

    labels = dict(AnswerStatus.choices)
    return {
        "answer": labels.get(row.data.get("answer"), "—"),
        "old": labels.get(row.data.get("old"), "—"),
        "new": labels.get(row.data.get("new"), "—"),
        "together": row.data.get("together", 1),
    }


def _until(row):
    until = parse_date(row.data.get("until", "") or "")
    return {"until": formats.date_format(until, "SHORT_DATE_FORMAT") if until else "—"}


declare_event("answer_given", _("Answered: %(answer)s."), params=_answer_labels)


def _earlier_answer(row):
    """The answer as it read before this correction (rows written since issue 26)."""
    if "earlier" not in row.data:
        return []
    return [
        _("Before the correction: %(old)s — %(text)s")
        % {**_answer_labels(row), "text": row.data["earlier"]}
    ]


declare_event(
    "answer_corrected",
    _("The published answer was corrected: %(old)s → %(new)s."),
    params=_answer_labels,
    details=_earlier_answer,
)
declare_event("answer_extended", _("The answer is extended until %(until)s."), params=_until)
declare_event("report_rerouted", _("Handed on to %(to)s."))
