"""What a list of consultations shows on each row, worked out once in Python.

A long list pays for every template node a row renders (``{% blocktranslate count %}``,
``get_*_display``, an include per row); these functions give each row its labels as plain
attributes (or keys, for rows read as ``values()``), in the exact words the templates would
have written.
"""

import datetime
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from portal.dates import short_date
from portal.text import Once

from .models import AnswerStatus, Consultation


class Days(Once):
    """``short_date`` of each day once per list; ``of(moment)``: the day of a moment in the
    current time zone (``timezone.localdate``, the zone looked up once per list)."""

    def __init__(self):
        super().__init__(short_date)
        self.zone = timezone.get_current_timezone()

    def of(self, value):
        if isinstance(value, datetime.datetime) and value.utcoffset() is not None:
            value = value.astimezone(self.zone).date()
        return self[value]


def _choice_labels(choices):
    """``get_<field>_display`` for a field of these choices, each label translated once."""
    labels = dict(choices)
    return Once(lambda value: str(labels.get(value, value)))


def state_tag(consultation):
    """The tag's CSS classes and label: draft, completed, open, opens soon or closed."""
    if consultation.is_draft:
        return "tag", gettext("draft")
    if consultation.is_completed:
        return "tag status--verified", gettext("completed")
    if consultation.accepts_submissions:
        return "tag status--verified", gettext("open for submissions")
    if consultation.not_yet_open:
        return "tag", gettext("opens soon")
    return "tag status--returned", gettext("closed, being answered")


def label_rows(consultations):
    """Give every consultation of a list (with ``for_list()``'s counts and neighbourhoods)
    its link, kind, state, period, neighbourhoods and counts, ready to print."""
    kinds = Once(lambda value: capfirst(str(dict(Consultation.Kind.choices).get(value, value))))
    days = Once(short_date)
    for consultation in consultations:
        consultation.url = reverse(
            "consultations:consultation-detail", kwargs={"slug": consultation.slug}
        )
        consultation.kind_label = kinds[consultation.kind]
        consultation.state_class, consultation.state_label = state_tag(consultation)
        consultation.period_label = gettext("Open %(opens)s–%(closes)s") % {
            "opens": days[consultation.opens_on],
            "closes": days[consultation.closes_on],
        }
        consultation.areas_label = ", ".join(
            area.name for area in consultation.neighbourhoods.all()
        )
        consultation.counts_label = ngettext(
            "%(counter)s submission, %(answered)s answered",
            "%(counter)s submissions, %(answered)s answered",
            consultation.submission_count,
        ) % {"counter": consultation.submission_count, "answered": consultation.answered_count}
        if consultation.is_published:
            consultation.feedback_url = reverse(
                "consultations:feedback", kwargs={"slug": consultation.slug}
            )
    return consultations


# The columns an answer shows (the answer in consultations/_feedback_items.html).
ANSWER_COLUMNS = (
    "status",
    "explanation",
    "answered_at",
    "corrected_at",
    "correction_reason",
    "earlier_status",
    "earlier_explanation",
)

# The columns a list of submissions with their answers shows: read as ``values()``, no
# model instances to build (``label_submissions``).
SUBMISSION_COLUMNS = (
    "pk",
    "community_id",
    "answer_id",
    "text",
    "document_id",
    "section",
    "show_name",
    "status",
    "submitted_at",
    "extended_until",
    "extension_reason",
    *(f"answer__{name}" for name in ANSWER_COLUMNS),
    "community__name",
)


def answer_statuses():
    """The answer statuses' labels (``get_status_display``), each translated once a list."""
    return _choice_labels(AnswerStatus.choices)


def label_answer(answer, days, statuses):
    """An answer's status, day and correction, as the feedback page's cards show them
    (``consultations/_feedback_items.html``); ``days``: ``Days()``,
    ``statuses``: ``answer_statuses()``."""
    answer.status_label = statuses[answer.status]
    answer.answered_label = days.of(answer.answered_at)
    if answer.corrected_at:
        answer.corrected_label = gettext("Corrected on %(date)s.") % {
            "date": days.of(answer.corrected_at)
        }
        answer.earlier_status_label = statuses[answer.earlier_status]
    return answer


def label_submissions(submissions, *, response_due_on, names=True):
    """Give every submission of a long list (dicts of ``values(*SUBMISSION_COLUMNS)``, of one
    consultation whose answers are due on ``response_due_on``) its heading, date and answer
    (a plain object with its labels), ready for ``consultations/_feedback_items.html``.
    ``names``: a resident who agreed is named (the feedback page: ``author__full_name`` read
    too); otherwise residents' submissions go by number (the council's papers)."""
    days, statuses = Days(), answer_statuses()
    for row in submissions:
        if row["community_id"]:
            row["heading"] = gettext("Joint opinion of %(name)s") % {"name": row["community__name"]}
        elif names and row["show_name"] and row.get("author__full_name"):
            row["heading"] = row["author__full_name"]
        else:
            row["heading"] = gettext("Submission %(number)s") % {"number": row["pk"]}
        row["submitted_label"] = days.of(row["submitted_at"])
        if row["answer_id"] is not None:
            answer = SimpleNamespace(**{name: row[f"answer__{name}"] for name in ANSWER_COLUMNS})
            row["answer"] = label_answer(answer, days, statuses)
            continue
        row["answer"] = None
        due = row["extended_until"] or response_due_on  # Submission.due_on
        row["due_label"] = gettext("due %(due)s") % {"due": days[due]} if due else ""
    return submissions
