"""The participation index's cards written in Python (Opportunity.card_html) give the markup
the template wrote."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.participation import Opportunity

TRICKY = 'Anna "Ā" <b>&amp; Liepa\'s'

# The card loop of portal/_participation_content.html before the cards were written once.
CARDS = """{% for item in items %}
    <li class="card">
      <h3>{% if item.url %}<a href="{{ item.url }}">{{ item.title }}</a>{% else %}{{ item.title }}{% endif %}</h3>
      <p class="meta">{{ item.meta_label }}</p>
      {% if item.how %}<p class="long-text">{{ item.how_html }}</p>{% endif %}
    </li>
    {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_cards_are_written_as_the_template_wrote_them(language):
    items = [
        Opportunity(uid="a", kind="apspriešana", title=TRICKY, url="/lv/a/?x=1&y=2"),
        Opportunity(
            uid="b",
            kind=TRICKY,
            title="Sēde",
            url="",
            how=f"{TRICKY}\notrā rinda",
            starts_at=datetime.datetime(2026, 12, 7, 16, 0, tzinfo=datetime.UTC),
            place=TRICKY,
        ),
        Opportunity(uid="c", kind="konkurss", title="K", url="/k/", deadline=datetime.date.today()),
    ]
    with translation.override(language):
        expected = Template(CARDS).render(Context({"items": items}))
        assert "".join(item.card_html for item in items) == expected
