"""Every write about good-practice stories and the questions people ask their authors.

Permission checks stay in the views; these take keyword data and run in one transaction.
"""

import datetime
from collections.abc import Iterable
from typing import TypedDict, Unpack

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.history import move_to, record_start, require_move
from portal.outbox import notify

from ..duties import refuse_own_community
from ..models.stories import MAX_PHOTOS, ExperienceOffer, Story, StoryPhoto, StoryQuestion
from ..outbox.stories import STORY_ANSWER, STORY_QUESTION, STORY_REVIEWED, STORY_SUBMITTED

Status = Story.Status


class StoryDetails(TypedDict, total=False):
    """What the leaders write about what they did."""

    title: str
    problem: str
    actions: str
    partners: str
    costs: str
    funding: str
    results: str
    lessons: str
    participation_forms: list[str]
    topic: str
    neighbourhoods: Iterable
    events: Iterable
    joint_opinions: Iterable


RELATIONS = ("neighbourhoods", "events", "joint_opinions")


def _check_relations(community, relations):
    """Events and joint opinions of the story's own community; its municipality's places."""
    for name, rows in relations.items():
        for row in rows:
            owner = row.municipality_id if name == "neighbourhoods" else row.community_id
            expected = community.municipality_id if name == "neighbourhoods" else community.pk
            if owner != expected:
                raise ValidationError(
                    _("A story can point only at its own community's record."), code="foreign"
                )


def _write(story, details, photos, remove_photos):
    relations = {name: list(details.pop(name)) for name in RELATIONS if name in details}
    for name, value in details.items():
        if name not in StoryDetails.__annotations__:
            raise TypeError(f"A story has no detail {name!r}.")
        setattr(story, name, value)
    _check_relations(story.community, relations)
    story.save()
    for name, rows in relations.items():
        getattr(story, name).set(rows)
    if remove_photos:
        story.photos.filter(pk__in=[photo.pk for photo in remove_photos]).delete()
    photos = list(photos or [])
    if photos:
        count = story.photos.count()
        if count + len(photos) > MAX_PHOTOS:
            raise ValidationError(
                ngettext(
                    "A story has at most %(n)s photo.",
                    "A story has at most %(n)s photos.",
                    MAX_PHOTOS,
                )
                % {"n": MAX_PHOTOS},
                code="too_many",
            )
        for position, (image, alt_text) in enumerate(photos, start=count):
            if not alt_text.strip():
                raise ValidationError(
                    _("Describe what the photo shows, for people who cannot see it."),
                    code="alt_required",
                )
            StoryPhoto.objects.create(
                story=story, image=image, alt_text=alt_text.strip(), position=position
            )


@transaction.atomic
def create_story(*, actor, community, photos=(), **details: Unpack[StoryDetails]) -> Story:
    """A draft story of ``community``; ``photos``: ``(file, alternative text)`` pairs."""
    if community.status not in community.WORKING_STATUSES:
        raise ValidationError(
            _("Only a verified or active community writes stories."), code="wrong_status"
        )
    story = Story(
        municipality_id=community.municipality_id,
        community=community,
        created_by=actor,
        status=Status.DRAFT,
    )
    _write(story, details, photos, ())
    record_start(story, actor=actor)
    return story


@transaction.atomic
def update_story(
    *,
    actor,
    story: Story,
    expected_version: int | None = None,
    photos=(),
    remove_photos=(),
    **details: Unpack[StoryDetails],
) -> Story:
    """Save a draft or a returned story. A form opened on an older version is refused
    (code ``stale``) instead of overwriting what someone else saved since."""
    current = Story.objects.select_for_update().select_related("community").get(pk=story.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            _(
                "Someone else changed this story since you opened the form. Their changes "
                "are shown now; check them, then save yours again."
            ),
            code="stale",
        )
    if not current.is_editable:
        raise ValidationError(
            _("Only a draft or a returned story can be changed."), code="wrong_status"
        )
    current.version += 1
    _write(current, details, photos, remove_photos)
    return current


@transaction.atomic
def submit_story(*, actor, story: Story) -> Story:
    require_move(story, Status.SUBMITTED, _("Only a draft or a returned story can be sent."))
    change = move_to(story, Status.SUBMITTED, actor=actor, stamp="submitted_at")
    notify(
        STORY_SUBMITTED,
        occasion=change.pk,
        municipality=story.municipality,
        ids={"story": story.pk},
    )
    return story


@transaction.atomic
def publish_story(*, actor, story: Story, note: str = "") -> Story:
    refuse_own_community(actor, story.community)
    require_move(story, Status.PUBLISHED, _("Only a story waiting for review can be published."))
    change = move_to(story, Status.PUBLISHED, actor=actor, reason=note, stamp="published_at")
    _tell_the_leaders(story, change)
    return story


@transaction.atomic
def return_story(*, actor, story: Story, reason: str) -> Story:
    refuse_own_community(actor, story.community)
    require_move(story, Status.RETURNED, _("Only a story waiting for review can be returned."))
    if not reason.strip():
        raise ValidationError(_("Explain what the leaders should change."), code="reason_required")
    change = move_to(story, Status.RETURNED, actor=actor, reason=reason.strip())
    _tell_the_leaders(story, change)
    return story


def _tell_the_leaders(story, change):
    notify(
        STORY_REVIEWED,
        occasion=change.pk,
        municipality=story.municipality,
        ids={"change": change.pk},
    )


# Asking the authors ----------------------------------------------------------------------


def questions_left_today(user) -> int:
    """How many more questions ``user`` may ask today (``PORTAL_STORY_QUESTIONS_PER_DAY``)."""
    since = timezone.now() - datetime.timedelta(days=1)
    asked = StoryQuestion.objects.filter(asker=user, asked_at__gte=since).count()
    return max(settings.PORTAL_STORY_QUESTIONS_PER_DAY - asked, 0)


@transaction.atomic
def ask_authors(*, actor, story: Story, message: str) -> StoryQuestion:
    """Relay a question to the leaders of the story's community; the asker's address stays
    hidden from them until they reply."""
    if not story.is_published:
        raise ValidationError(
            _("Questions are asked about published stories."), code="wrong_status"
        )
    if not message.strip():
        raise ValidationError(_("Write your question."), code="required")
    # One person's questions are counted under a lock on their row: two at once count as two.
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    if questions_left_today(actor) <= 0:
        raise ValidationError(
            ngettext(
                "You have asked %(n)s question in the last 24 hours; ask again tomorrow.",
                "You have asked %(n)s questions in the last 24 hours; ask again tomorrow.",
                settings.PORTAL_STORY_QUESTIONS_PER_DAY,
            )
            % {"n": settings.PORTAL_STORY_QUESTIONS_PER_DAY},
            code="limit",
        )
    question = StoryQuestion.objects.create(story=story, asker=actor, message=message.strip())
    notify(
        STORY_QUESTION,
        occasion=question.pk,
        municipality=story.municipality,
        ids={"question": question.pk},
    )
    return question


@transaction.atomic
def answer_question(*, actor, question: StoryQuestion, reply: str) -> StoryQuestion:
    """The leaders reply; the reply goes to the asker, and the asker's address to the leader
    who replied (so they may write to each other directly from then on)."""
    current = StoryQuestion.objects.select_for_update().get(pk=question.pk)
    if current.is_answered:
        raise ValidationError(_("This question has already been answered."), code="answered")
    if not reply.strip():
        raise ValidationError(_("Write your reply."), code="required")
    current.reply = reply.strip()
    current.replied_by = actor
    current.replied_at = timezone.now()
    current.save(update_fields=["reply", "replied_by", "replied_at"])
    notify(
        STORY_ANSWER,
        occasion=current.pk,
        municipality=current.story.municipality,
        ids={"question": current.pk},
    )
    return current


@transaction.atomic
def offer_experience(*, actor, community, offer: bool, note: str = "") -> ExperienceOffer | None:
    """The leaders say (or stop saying) "we are glad to share our experience"."""
    if not offer:
        ExperienceOffer.objects.filter(community=community).delete()
        return None
    row, _created = ExperienceOffer.objects.update_or_create(
        community=community, defaults={"note": note.strip()}
    )
    return row
