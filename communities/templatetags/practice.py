"""Good practice on other pages: the latest published stories (home, a neighbourhood with no
community yet, the registration form) and a community's stories, offer and agreements."""

from django import template

from ..practice.agreements import Agreement
from ..practice.stories import ExperienceOffer, Story

register = template.Library()


@register.inclusion_tag("communities/stories/_latest_stories.html", takes_context=True)
def latest_stories(context, count=3, title="", heading="h3"):
    municipality = getattr(context["request"], "municipality", None)
    stories = []
    if municipality is not None:
        stories = list(
            Story.objects.of(municipality)
            .published()
            .for_list()
            .order_by("-published_at", "-pk")[:count]
        )
    return {"stories": stories, "heading": heading, "title": title}


@register.inclusion_tag("communities/stories/_community_practice.html", takes_context=True)
def community_practice(context):
    community, user = context["community"], context["user"]
    stories = community.stories.select_related("community")
    if not user.has_perm("practice.view_story_history", _AnyStory(community)):
        stories = stories.published()
    return {
        "community": community,
        "user": user,
        "stories": list(stories.order_by("-published_at", "-pk")[:20]),
        "offer": ExperienceOffer.objects.filter(community=community).first(),
        "agreements": _agreements(community, user),
        "request": context["request"],
    }


class _AnyStory:
    """The rule ``view_story_history`` asks about a story's community and municipality."""

    def __init__(self, community):
        self.community = community
        self.municipality_id = community.municipality_id


def _agreements(community, user):
    rows = Agreement.objects.filter(community=community)
    if not user.has_perm("practice.manage_agreements", community):
        rows = rows.public()
    return list(rows.order_by("-starts_on", "-pk"))
