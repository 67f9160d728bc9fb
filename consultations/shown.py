"""What a list of consultations shows on each row, worked out once in Python.

A long list pays for every template node a row renders (``{% blocktranslate count %}``,
``get_*_display``, an include per row); these functions give each row its labels as plain
attributes (or keys, for rows read as ``values()``), in the exact words the templates would
have written.
"""

import datetime
import re
from html import escape
from types import SimpleNamespace

from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from communities.cards import url_of
from portal.dates import short_date
from portal.text import Once

from .models import Consultation
from .models.submissions import AnswerStatus


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
    detail, feedback = (
        url_of("consultations:consultation-detail"),
        url_of("consultations:feedback"),
    )
    for consultation in consultations:
        consultation.url = detail(consultation.slug)
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
            consultation.feedback_url = feedback(consultation.slug)
    return consultations


CARD = """
  <li class="card">
    <h2><a href="{url}">{title}</a></h2>
    <p class="meta">{kind} · <span class="{state_class}">{state}</span></p>
    <p>{period}{areas}</p>
    <p class="meta">{counts}{feedback}</p>
  </li>
  """


def cards_html(consultations):
    """The cards of the consultations' list, labelled by ``label_rows``, every text escaped:
    written once per list (as template nodes, twenty cards were half of the page)."""
    e = escape  # plain strings only: html.escape, without Django's lazy wrapper
    feedback_word = e(gettext("Feedback"))
    return mark_safe(  # noqa: S308 - every text escaped
        "".join(
            CARD.format(
                url=e(row.url),
                title=e(row.title),
                kind=e(row.kind_label),
                state_class=e(row.state_class),
                state=e(row.state_label),
                period=e(row.period_label),
                areas=f" · {e(row.areas_label)}" if row.areas_label else "",
                counts=e(row.counts_label),
                feedback=(
                    f' · <a href="{e(row.feedback_url)}">{feedback_word}</a>'
                    if getattr(row, "feedback_url", None)
                    else ""
                ),
            )
            for row in consultations
        )
    )


# The columns an answer shows (the answer in ``answer_html``).
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
    (``feedback_items``, the council page); ``days``: ``Days()``,
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
    (a plain object with its labels), ready for ``feedback_items``.
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


def text_html(value):
    """``{{ value }}`` of a text: escaped unless already safe."""
    return escape(value) if type(value) is str else conditional_escape(value)


_NEWLINES = re.compile(r"\r\n|\r")  # django.utils.text.normalize_newlines
_PARAGRAPHS = re.compile("\n{2,}")
NEWLINE = "\n"


def _lines(value):
    """The text of ``value`` with Django's newlines (``normalize_newlines``)."""
    text = str(value)
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def linebreaks_html(value):
    """``{{ value|linebreaks }}`` (``django.utils.html.linebreaks``), without Django's lazy
    wrappers around each call."""
    if hasattr(value, "__html__"):  # safe already: not escaped again
        paragraphs = _PARAGRAPHS.split(_lines(value))
    else:
        paragraphs = _PARAGRAPHS.split(escape(_lines(value)))
    return "\n\n".join([f"<p>{p.replace(NEWLINE, '<br>')}</p>" for p in paragraphs])


def linebreaksbr_html(value):
    """``{{ value|linebreaksbr }}``."""
    text = _lines(value)
    return (text if hasattr(value, "__html__") else escape(text)).replace("\n", "<br>")


def answer_html(answer, *, answer_word, earlier_word):
    """An answer labelled by ``label_answer``, in its box (``answer_word``: "Answer:" and
    ``earlier_word``: "Earlier answer:", translated and escaped once per list)."""
    corrected = (
        f"""
  <div class="notice">
    <p><strong>{text_html(answer.corrected_label)}</strong> {linebreaksbr_html(answer.correction_reason)}</p>
    <p class="meta">{earlier_word} {text_html(answer.earlier_status_label)} — {linebreaksbr_html(answer.earlier_explanation)}</p>
  </div>
  """  # noqa: E501 - the markup's own lines
        if answer.corrected_at
        else ""
    )
    return f"""
<div class="answer">
  <p><strong>{answer_word} {text_html(answer.status_label)}</strong> <span class="meta">· {text_html(answer.answered_label)}</span></p>
  <div class="long-text">{linebreaks_html(answer.explanation)}</div>
  {corrected}
</div>
"""  # noqa: E501 - the markup's own lines


def feedback_items(submissions):
    """The cards of a list of labelled submissions (``label_submissions``) on the feedback
    page, each with its answer or when one is due, written in Python once per list: as
    template nodes (an include per answer, ``linebreaks`` per text) fifty cards were most of
    the page. The words are the template's (the same msgids)."""
    if not submissions:
        return ""
    answer_word, earlier_word = escape(gettext("Answer:")), escape(gettext("Earlier answer:"))
    waiting, extended = escape(gettext("Waiting for an answer")), escape(gettext("extended:"))
    cards = []
    for submission in submissions:
        where = ""
        if submission["document_id"]:
            where = f" · {text_html(submission['document__title'])}"
            if submission["section"]:
                where += f", {text_html(submission['section'])}"
        answer = submission["answer"]
        if answer:
            state = answer_html(answer, answer_word=answer_word, earlier_word=earlier_word)
        else:
            due = f" · {text_html(submission['due_label'])}" if submission["due_label"] else ""
            if submission["extended_until"]:
                due += f" ({extended} {text_html(submission['extension_reason'])})"
            state = f'\n<p class="meta">{waiting}{due}</p>\n'
        cards.append(
            f"""<li class="card">
  <h3>{text_html(submission["heading"])}</h3>
  <p class="meta">{text_html(submission["submitted_label"])}{where}</p>
  <div class="long-text">{linebreaks_html(submission["text"])}</div>
  {state}
</li>
"""
        )
    return mark_safe(f'<ul class="cards">{"".join(cards)}</ul>')  # noqa: S308 - escaped
