"""Good practice on other pages: the latest published stories (home, a neighbourhood with no
community yet, the registration form) and a community's stories, offer and agreements.
Views load them with the rest of their page; the templates include
``communities/stories/_latest_stories.html`` and ``_community_practice.html``."""

from html import escape

from django.urls import reverse
from django.utils.safestring import mark_safe

from portal.shapes import shape
from portal.text import Once

from .cards import places_of, url_of
from .models import ExperienceOffer, Story, StoryPhoto

LATEST_STORIES = 3


@shape
def _latest_stories_of(municipality_id, *, count):
    return (
        Story.objects.filter(municipality=municipality_id)
        .published()
        .for_cards()
        .order_by("-published_at", "-pk")[:count]
    )


def latest_stories(municipality, count=LATEST_STORIES):
    if municipality is None:
        return []
    return for_story_cards(_latest_stories_of(municipality.pk, count=count))


def for_story_cards(stories):
    """``stories`` (with ``for_cards()``) as a list, each with what its card shows set once
    for the list: the address of its page, its neighbourhoods (one query for all), its topic,
    its first photo (read with it) and the start of its problem (``Story.card_*``)."""
    stories = list(stories)
    if not stories:
        return stories
    detail = url_of("practice:story-detail", key=987654321987)
    places = places_of(stories, Story.neighbourhoods)
    topics = Once(lambda value: Story(topic=value).card_topic)
    for story in stories:
        story.card_url = detail(story.pk)
        story.card_places = places[story.pk]
        story.card_topic = topics[story.topic]
        story.card_photo = (
            StoryPhoto(pk=story.card_photo_pk, story_id=story.pk, alt_text=story.card_photo_alt)
            if story.card_photo_pk is not None
            else None
        )
    return stories


STORY_CARD = """<li class="card">
  <{heading}><a href="{url}">{title}</a></{heading}>
  <p class="meta">{community}{municipality}{places}</p>
  {photo}
  <p><span class="tag">{topic}</span>{forms}</p>
  <p>{problem}</p>
</li>"""

_STORY, _PHOTO = 987654321987, 987654321986  # keys no row has, replaced in the address


def story_cards_html(stories, heading="h2"):
    """The cards of ``stories`` (labelled by ``for_story_cards``, or working their ``card_*``
    out themselves), every text escaped: written once per list, where an included template
    per card was two thirds of the stories' list."""
    e = escape  # plain strings only: html.escape, without Django's lazy wrapper
    heading = e(heading)
    photo_address = None  # reversed at the first photo (the national view shows none)
    cards = []
    for story in stories:
        photo = story.card_photo
        if photo and photo_address is None:
            photo_address = _split(
                reverse("practice:story-photo", kwargs={"pk": _STORY, "photo": _PHOTO})
            )
        photo_head, photo_middle, photo_tail = photo_address or ("", "", "")
        photo_html = (
            f'<img class="card__photo" src="{photo_head}{photo.story_id}{photo_middle}'
            f'{photo.pk}{photo_tail}" alt="{e(photo.alt_text)}" loading="lazy" width="320" '
            'height="200">'
            if photo
            else ""
        )
        cards.append(
            STORY_CARD.format(
                heading=heading,
                url=e(story.card_url),
                title=e(story.title),
                community=e(story.community.name),
                municipality=(
                    f" · {e(story.municipality.name)}"
                    if getattr(story, "show_municipality", False)
                    else ""
                ),
                places=f" · {e(story.card_places)}" if story.card_places else "",
                photo=photo_html,
                topic=e(str(story.card_topic)),
                forms="".join(
                    f' <span class="tag">{e(str(form))}</span>'
                    for form in story.get_participation_forms_display()
                ),
                problem=e(story.card_problem),
            )
        )
    return mark_safe("".join(cards))  # noqa: S308 - every text escaped


def _split(address):
    head, rest = address.split(str(_STORY), 1)
    middle, tail = rest.split(str(_PHOTO), 1)
    return head, middle, tail


def community_practice(community, user):
    """What the community page shows of good practice, for ``user``. A community loaded
    with ``has_agreements`` false is not asked for them."""
    return {
        "practice_stories": _stories(community, user),
        "practice_offer": _offer(community),
        "practice_agreements": _agreements(community, user)
        if getattr(community, "has_agreements", True)
        else [],
    }


@shape
def _stories_of(community_id, *, every_status):
    # What the list shows of a story (its community is the page's: no join), read with one
    # filter rather than the related manager's and then its own.
    stories = Story.objects.filter(community=community_id)
    if not every_status:
        stories = stories.filter(status=Story.Status.PUBLISHED)
    stories = stories.only("community", "title", "status", "published_at")
    return stories.order_by("-published_at", "-pk")[:20]


def _stories(community, user):
    every_status = user.has_perm("practice.view_story_history", _AnyStory(community))
    return _stories_of(community.pk, every_status=every_status)


def _offer(community):
    """The community's offer to share experience: loaded with it where the view asked."""
    try:
        return community.experience_offer
    except ExperienceOffer.DoesNotExist:
        return None


class _AnyStory:
    """The rule ``view_story_history`` asks about a story's community and municipality."""

    def __init__(self, community):
        self.community = community
        self.municipality_id = community.municipality_id


def _agreements(community, user):
    rows = community.agreements.only("community", "title", "kind", "status", "starts_on", "ends_on")
    if not user.has_perm("practice.manage_agreements", community):
        rows = rows.public()
    return list(rows.order_by("-starts_on", "-pk"))
