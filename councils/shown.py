"""What the council page shows on each row, worked out once in Python.

As ``consultations.shown``: every row of the members, the seat history, the meetings and the
recommendations gets its labels and links as plain values, in the exact words (the same
msgids) the template wrote with ``{% blocktranslate %}``, ``|date`` and ``{% url %}``. Names
are escaped here, as ``{% blocktranslate %}`` escapes its variables; the labels are then safe.
Terms, meetings and recommendations are ``values()`` dicts of the shown columns (the view's
``TERM_COLUMNS``, ``RECOMMENDATION_COLUMNS``): no model instances to build.
"""

from html import escape
from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from consultations.shown import (
    ANSWER_COLUMNS,
    Days,
    answer_html,
    answer_statuses,
    label_answer,
    linebreaks_html,
    text_html,
)
from portal.dates import short_datetime
from portal.text import Once

from .models import Meeting

# Stand-ins for a row's keys in a URL reversed once per list, replaced per row.
PK, ITEM = "2147483647", "2147483646"


def _url_pattern(name, slug, **keys):
    """The URL with ``PK`` (``ITEM``) where a row's keys go: one ``reverse`` per list."""
    return reverse(name, kwargs={"slug": slug, **keys})


def label_terms(terms, *, days):
    """Members and the seat history, rows of ``values(*TERM_COLUMNS)``: the member's name
    (or "member"), the community, the seat, the days of the term and whether it runs today."""
    nobody, today = gettext("member"), timezone.localdate()
    for term in terms:
        term["member_label"] = term["member__full_name"] or nobody
        term["community_name"] = term["community__name"] or ""
        term["starts_label"] = days[term["starts_on"]]
        term["ends_label"] = days[term["ends_on"]]
        term["is_sitting"] = term["starts_on"] <= today <= term["ends_on"]  # Term.is_sitting
    return terms


def label_members(terms):
    """The sitting members' lines: "representing …" and "seat …, until …"."""
    for term in terms:
        if term["community_name"]:
            term["representing_label"] = mark_safe(  # noqa: S308 - the name is escaped
                gettext("representing %(name)s")
                % {"name": conditional_escape(term["community_name"])}
            )
        term["seat_label"] = mark_safe(  # noqa: S308 - numbers and a day
            gettext("seat %(number)s, until %(until)s")
            % {"number": term["seat__number"], "until": term["ends_label"]}
        )
    return terms


def label_history(terms, *, council_slug, is_staff):
    """The seat history's lines: "Seat …" and, for staff, the link to end a sitting term."""
    end_url = _url_pattern("councils:term-end", council_slug, pk=PK) if is_staff else ""
    for term in terms:
        term["seat_heading"] = mark_safe(  # noqa: S308 - a number
            gettext("Seat %(number)s") % {"number": term["seat__number"]}
        )
        term["end_url"] = (
            end_url.replace(PK, str(term["pk"])) if is_staff and term["is_sitting"] else ""
        )
    return terms


def label_meetings(meetings, *, council_slug):
    """Each meeting's link, time and status, ready to print."""
    url = _url_pattern("councils:meeting-detail", council_slug, pk=PK)
    statuses = Once(lambda value: str(dict(Meeting.Status.choices).get(value, value)))
    times = Once(short_datetime)
    for meeting in meetings:
        meeting["url"] = url.replace(PK, str(meeting["pk"]))
        meeting["time_label"] = times[meeting["starts_at"]]
        meeting["status_label"] = statuses[meeting["status"]]
    return meetings


def label_recommendations(recommendations, *, council_slug, is_staff, days):
    """Each recommendation's title, day, vote and answer (labelled as on the feedback page),
    or when the answer is due and whether it is overdue, and for staff the link to answer
    (or to correct the answer)."""
    statuses, today = answer_statuses(), timezone.localdate()
    answer_url = _url_pattern("councils:answer", council_slug, pk=PK, item=ITEM) if is_staff else ""
    correct_url = (
        _url_pattern("councils:answer-correct", council_slug, pk=PK, item=ITEM) if is_staff else ""
    )
    for row in recommendations:
        row["title"] = row["item__title"]
        row["day_label"] = days[row["item__meeting__starts_at"]]
        if row["voted"]:
            row["votes_label"] = mark_safe(  # noqa: S308 - numbers
                gettext("for %(yes)s, against %(no)s, abstained %(abstained)s")
                % {
                    "yes": row["votes_for"],
                    "no": row["votes_against"],
                    "abstained": row["abstentions"],
                }
            )
        if row["answer_id"] is not None:
            answer = SimpleNamespace(**{name: row[f"answer__{name}"] for name in ANSWER_COLUMNS})
            row["answer"] = label_answer(answer, days, statuses)
            if is_staff:
                row["correct_url"] = correct_url.replace(PK, str(row["item__meeting_id"])).replace(
                    ITEM, str(row["item_id"])
                )
            continue
        row["answer"] = None
        due = row["answer_due_on"]
        row["due_label"] = (
            mark_safe(gettext("due %(due)s") % {"due": days[due]}) if due else ""  # noqa: S308
        )
        row["is_overdue"] = due is not None and today > due  # Recommendation.is_overdue
        if is_staff:
            row["answer_url"] = answer_url.replace(PK, str(row["item__meeting_id"])).replace(
                ITEM, str(row["item_id"])
            )
    return recommendations


RECOMMENDATION = """
<article class="card"><h3>{title}</h3>
<p class="meta">{day}{votes}</p>
<div class="two-columns"><div class="long-text">{text}</div>
<div>{state}</div></div>
</article>
"""


def recommendations_html(recommendations, *, is_staff):
    """The council page's recommendations, labelled by ``label_recommendations``, each with
    its answer (the feedback page's box) or when one is due: written once per list, where an
    include and ``linebreaks`` per recommendation were a third of the page."""
    if not recommendations:
        return ""
    answer_word, earlier_word = escape(gettext("Answer:")), escape(gettext("Earlier answer:"))
    waiting, overdue = escape(gettext("Waiting for an answer")), escape(gettext("overdue"))
    correct, answer_it = (
        escape(gettext("Correct the answer")),
        escape(gettext("Answer the recommendation")),
    )
    cards = []
    for row in recommendations:
        answer = row["answer"]
        if answer:
            state = answer_html(answer, answer_word=answer_word, earlier_word=earlier_word)
            if row.get("correct_url"):
                state += f'\n<p><a href="{escape(row["correct_url"])}">{correct}</a></p>\n'
        else:
            due = f" · {text_html(row['due_label'])}" if row["due_label"] else ""
            late = f" · <strong>{overdue}</strong>" if row["is_overdue"] else ""
            state = f'<p class="meta">{waiting}{due}{late}</p>\n'
            if is_staff:
                state += f'<p><a href="{escape(row["answer_url"])}">{answer_it}</a></p>'
        cards.append(
            RECOMMENDATION.format(
                title=text_html(row["title"]),
                day=text_html(row["day_label"]),
                votes=f" · {text_html(row['votes_label'])}" if row["voted"] else "",
                text=linebreaks_html(row["text"]),
                state=state,
            )
        )
    return mark_safe("".join(cards))  # noqa: S308 - every text escaped


def days_once():
    """A day's ``SHORT_DATE_FORMAT`` text, worked out once per page (``short_date``)."""
    return Days()


def _author(comment, nobody):
    """``{{ comment.author.full_name|default:_("member") }}``; ``nobody``: "member", escaped."""
    name = comment.author.full_name if comment.author is not None else ""
    return text_html(name) if name else nobody


def review_rows(rows, *, can_comment, csrf_token=None):
    """The submissions of the council's papers (``(submission, comments)`` of labelled
    submissions, ``consultations.shown.label_submissions``, and their ``ReviewComment``s),
    written in Python: some fifteen template nodes a row, with filters and includes, were most
    of the page's rendering. The markup and the words (the same msgids) of the rows of
    ``councils/_review_content.html`` (compared in ``tests/councils/test_review_rows.py``);
    ``csrf_token``: the context's, as ``{% csrf_token %}`` writes it, for the comment forms."""
    answer_word, earlier_word = escape(gettext("Answer:")), escape(gettext("Earlier answer:"))
    waiting, extended = escape(gettext("Waiting for an answer")), escape(gettext("extended:"))
    member = escape(gettext("member"))
    if can_comment:
        add = escape(gettext("Add the comment"))
        comment_on = gettext("Comment on submission %(number)s")
        token = (
            '<input type="hidden" name="csrfmiddlewaretoken" '
            f'value="{conditional_escape(csrf_token)}">'
            if csrf_token and csrf_token != "NOTPROVIDED"
            else ""
        )
    parts = []
    for submission, comments in rows:
        pk = submission["pk"]
        answer = submission["answer"]
        if answer:
            state = answer_html(answer, answer_word=answer_word, earlier_word=earlier_word)
        else:
            due = f" · {text_html(submission['due_label'])}" if submission["due_label"] else ""
            if submission["extended_until"]:
                due += f" ({extended} {text_html(submission['extension_reason'])})"
            state = f"""
<p class="meta">{waiting}{due}</p>
"""
        said = "".join(
            f'<p class="meta">{_author(comment, member)}: {text_html(comment.text)}</p>'
            for comment in comments
        )
        form = (
            f"""<form method="post" novalidate>{token}<input type="hidden" name="submission" value="{pk}">
<label for="c-{pk}">{comment_on % {"number": pk}}</label>
<textarea id="c-{pk}" name="text" rows="2"></textarea>
<div class="actions"><button type="submit">{add}</button></div></form>"""  # noqa: E501
            if can_comment
            else ""
        )
        parts.append(
            f"""
<li class="card"><h3 id="s-{pk}">{text_html(submission["heading"])}</h3>
<div class="two-columns"><div class="long-text">{linebreaks_html(submission["text"])}</div>
<div>{state}
</div></div>
{said}
{form}
</li>
"""
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped above
