"""The council's papers: the submissions written in Python (councils.shown.review_rows) give
the markup the template wrote, for every kind of row, in both languages."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from consultations.shown import ANSWER_COLUMNS, label_submissions
from councils.models import ReviewComment
from councils.shown import review_rows
from portal.models import User

TRICKY = 'Anna "Ā" <b>&amp; Liepa\'s'
TEXT = "Pirmā rinda <i>\r\notrā rinda\r\n\r\n\r\nJauna rindkopa & beigas\rvēl"
MOMENT = datetime.datetime(2026, 3, 1, 22, 30, tzinfo=datetime.UTC)  # 2 March in Riga
DAY = datetime.date(2026, 4, 1)

# The loop of councils/_review_content.html before its rows were written in Python.
LOOP = (
    "{% load i18n %}"
    """{% for submission, comments in rows %}
<li class="card"><h3 id="s-{{ submission.pk }}">{{ submission.heading }}</h3>
<div class="two-columns"><div class="long-text">{{ submission.text|linebreaks }}</div>
<div>{% if submission.answer %}{% with answer=submission.answer %}
<div class="answer">
  <p><strong>{% translate "Answer:" %} {{ answer.status_label }}</strong> <span class="meta">· {{ answer.answered_label }}</span></p>
  <div class="long-text">{{ answer.explanation|linebreaks }}</div>
  {% if answer.corrected_at %}
  <div class="notice">
    <p><strong>{{ answer.corrected_label }}</strong> {{ answer.correction_reason|linebreaksbr }}</p>
    <p class="meta">{% translate "Earlier answer:" %} {{ answer.earlier_status_label }} — {{ answer.earlier_explanation|linebreaksbr }}</p>
  </div>
  {% endif %}
</div>{% endwith %}
{% else %}
<p class="meta">{% translate "Waiting for an answer" %}{% if submission.due_label %} · {{ submission.due_label }}{% endif %}{% if submission.extended_until %} ({% translate "extended:" %} {{ submission.extension_reason }}){% endif %}</p>
{% endif %}
</div></div>
{% for comment in comments %}<p class="meta">{{ comment.author.full_name|default:_("member") }}: {{ comment.text }}</p>{% endfor %}
{% if can_comment %}<form method="post" novalidate>{% csrf_token %}<input type="hidden" name="submission" value="{{ submission.pk }}">
<label for="c-{{ submission.pk }}">{% blocktranslate with number=submission.pk trimmed %}Comment on submission {{ number }}{% endblocktranslate %}</label>
<textarea id="c-{{ submission.pk }}" name="text" rows="2"></textarea>
<div class="actions"><button type="submit">{% translate "Add the comment" %}</button></div></form>{% endif %}
</li>
{% empty %}<li>{% translate "No submissions match." %}</li>
{% endfor %}"""  # noqa: E501
)


def _answer(**fields):
    answer = dict.fromkeys(ANSWER_COLUMNS)
    answer.update(status="accepted", explanation=TEXT, answered_at=MOMENT)
    answer.update(fields)
    return {f"answer__{name}": value for name, value in answer.items()}


def _rows():
    """Submissions as the view reads them (``values(*SUBMISSION_COLUMNS)``), of every kind."""
    base = {
        "community_id": None,
        "community__name": None,
        "answer_id": None,
        "text": TEXT,
        "document_id": None,
        "section": "",
        "show_name": False,
        "status": "received",
        "submitted_at": MOMENT,
        "extended_until": None,
        "extension_reason": "",
        **_answer(status=None, explanation=None, answered_at=None),
    }
    kinds = [
        {},
        {"community_id": 7, "community__name": TRICKY},
        {"extended_until": DAY, "extension_reason": TRICKY},
        {"answer_id": 1, **_answer()},
        {"answer_id": 2, **_answer(status="rejected", explanation="")},
        {
            "answer_id": 3,
            **_answer(
                status="partly",
                corrected_at=MOMENT,
                correction_reason=TRICKY + "\notrā",
                earlier_status="accepted",
                earlier_explanation="Agrāk\r\n" + TRICKY,
            ),
        },
        {"text": ""},
        {"text": "\n\nviena\n\n"},
    ]
    return [{**base, **kind, "pk": 1000 + number} for number, kind in enumerate(kinds)]


def _comments(number):
    people = [User(full_name=TRICKY), User(full_name=""), None]
    return [
        ReviewComment(author=people[index % 3], text=f"{TRICKY} {index}\nrinda")
        for index in range(number % 4)
    ]


@pytest.mark.parametrize("can_comment", [False, True])
@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("due", [None, DAY])
def test_the_rows_are_written_as_the_template_wrote_them(can_comment, language, due):
    with translation.override(language), timezone.override("Europe/Riga"):
        shown = label_submissions(_rows(), response_due_on=due, names=False)
        rows = [(submission, _comments(number)) for number, submission in enumerate(shown)]
        context = {"rows": rows, "can_comment": can_comment, "csrf_token": "tok<en>"}
        expected = Template(LOOP).render(Context(context))
        written = review_rows(rows, can_comment=can_comment, csrf_token="tok<en>")
    assert written == expected
    assert ("tok&lt;en&gt;" in written) is can_comment


def test_no_token_is_written_without_one():
    rows = [(label_submissions(_rows()[:1], response_due_on=None, names=False)[0], [])]
    for token in (None, ""):
        written = review_rows(rows, can_comment=True, csrf_token=token)
        assert written == Template(LOOP).render(
            Context({"rows": rows, "can_comment": True, "csrf_token": token})
        )
    for token in (None, "", "NOTPROVIDED"):  # as {% csrf_token %}: nothing
        written = review_rows(rows, can_comment=True, csrf_token=token)
        assert "csrfmiddlewaretoken" not in written and 'name="submission"' in written
