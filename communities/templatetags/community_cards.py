"""``{% community_cards communities "h3" %}``: the cards of a list labelled by
``communities.cards.for_cards``, written in Python (``communities.cards.cards_html``)."""

from django import template

from ..cards import cards_html
from ..shown import story_cards_html

register = template.Library()


@register.simple_tag
def community_cards(communities, heading="h2"):
    return cards_html(communities, heading)


@register.simple_tag
def story_cards(stories, heading="h2"):
    """The cards of good-practice stories (``communities.shown.story_cards_html``)."""
    return story_cards_html(stories, heading)
