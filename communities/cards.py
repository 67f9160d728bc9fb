"""What a community's card shows (``communities/_community_card.html``), worked out once per
list in Python: a list of cards is the longest loop of the registry, the home page and a
territory's page, and template nodes cost per row (``docs/performance.md``). The texts are
the template's own (the same msgids), so nothing changes for the reader."""

from django.urls import reverse
from django.utils.translation import ngettext

SLUG = "--slug--"


def for_cards(communities):
    """``communities`` as a list, each with ``card_url``, ``card_places`` and
    ``card_members`` (empty when the list did not count the members)."""
    communities = list(communities)
    detail = reverse("communities:community-detail", args=[SLUG]) if communities else ""
    for community in communities:
        community.card_url = detail.replace(SLUG, community.slug)
        community.card_places = ", ".join(t.name for t in community.neighbourhoods.all())
        count = getattr(community, "members_count", None)
        community.card_members = (
            ngettext("%(counter)s member", "%(counter)s members", count) % {"counter": count}
            if count is not None
            else ""
        )
    return communities
