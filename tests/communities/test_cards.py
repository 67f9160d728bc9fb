"""A community's card, written in Python once per list (``communities.cards.cards_html``):
the registry, the home page and a territory's page show the same card, every text escaped."""

import pytest
from django.urls import reverse

from communities.cards import cards_html, for_cards
from communities.models import Community
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def test_a_card_escapes_every_text_and_names_what_it_knows():
    place = NeighbourhoodFactory(name="Ozoli & <Liepas>")
    community = CommunityFactory(
        name="Tom & <Jerry>", description="Mēs <b>rīkojam</b> talkas.", neighbourhoods=[place]
    )
    [labelled] = for_cards(Community.objects.filter(pk=community.pk))

    html = cards_html([labelled], "h3")

    url = reverse("communities:community-detail", args=[community.slug])
    assert f'<h3><a href="{url}">Tom &amp; &lt;Jerry&gt;</a></h3>' in html
    assert "Ozoli &amp; &lt;Liepas&gt;" in html
    assert "<p>Mēs &lt;b&gt;rīkojam&lt;/b&gt; talkas.</p>" in html
    assert 'class="tag status--active"' in html
    assert " member" not in html  # the list did not count the members
    assert "<b>" not in html and "<Jerry>" not in html


def test_the_pages_of_cards_show_members_and_leave_out_an_empty_description(client):
    place = NeighbourhoodFactory(name="Ozolnieki")
    community = CommunityFactory(name="Ozolu kaimiņi", description="", neighbourhoods=[place])
    MembershipFactory(community=community)

    for url in (
        reverse("communities:community-list"),
        reverse("home"),
        place.get_absolute_url(),
    ):
        page = client.get(url).content.decode()
        card = page[page.index('<li class="card">') : page.index("</li>", page.index("Ozolu"))]
        assert "Ozolu kaimiņi" in card and "Ozolnieki" in card, url
        assert "<p></p>" not in card, url
    registry = client.get(reverse("communities:community-list")).content.decode()
    assert "1 member" in registry or "1 biedrs" in registry
