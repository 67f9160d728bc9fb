"""``{% community_cards communities "h3" %}``: the cards of a list labelled by
``communities.cards.for_cards``, written in Python (``communities.cards.cards_html``)."""

from django import template

from ..cards import cards_html

register = template.Library()


@register.simple_tag
def community_cards(communities, heading="h2"):
    return cards_html(communities, heading)
