"""Good-practice stories: one waits for review, is published or returned, someone asks the
authors, the leaders reply."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portal.outbox import Kind, register

from ..models import Story, StoryQuestion, StoryStatusChange
from .base import _admins_of, _staff_for_the_registration, _url

STORY_SUBMITTED = "story-submitted"


STORY_REVIEWED = "story-reviewed"
STORY_QUESTION = "story-question"
STORY_ANSWER = "story-answer"


# A story waits for review: the staff who verify its community -----------------------------


def _story_reviewers(story):
    community_id = Story.objects.values_list("community_id", flat=True).get(pk=story)
    return _staff_for_the_registration(community_id)


def _story_submitted_context(story):
    story = Story.objects.select_related("community__municipality").get(pk=story)
    municipality = story.community.municipality
    return {"story": story, "url": _url(municipality, "practice:story-review", pk=story.pk)}


register(
    Kind(
        code=STORY_SUBMITTED,
        label=_("A good-practice story waits for review"),
        audience=_(
            "contact persons of its neighbourhoods who are staff; otherwise the municipality's "
            "staff"
        ),
        template="communities/stories/emails/story_submitted",
        recipients=_story_reviewers,
        context=_story_submitted_context,
    )
)


# A story is published or returned: the community's leaders and board -------------------


def _story_leaders(change):
    community_id = StoryStatusChange.objects.values_list("story__community_id", flat=True).get(
        pk=change
    )
    return _admins_of(community_id)


def _reviewed_context(change):
    change = StoryStatusChange.objects.select_related("story__community__municipality").get(
        pk=change
    )
    story = change.story
    municipality = story.community.municipality
    return {
        "story": story,
        "change": change,
        "published": change.to_status == Story.Status.PUBLISHED,
        "url": _url(municipality, "practice:story-detail", pk=story.pk),
        "edit_url": _url(municipality, "practice:story-edit", pk=story.pk),
    }


register(
    Kind(
        code=STORY_REVIEWED,
        label=_("Your community's good-practice story is published or returned"),
        audience=_("leaders and board of the community"),
        template="communities/stories/emails/story_reviewed",
        recipients=_story_leaders,
        context=_reviewed_context,
    )
)


# Someone asks the authors: the community's leaders and board ----------------------------


def _question_leaders(question):
    community_id = StoryQuestion.objects.values_list("story__community_id", flat=True).get(
        pk=question
    )
    return _admins_of(community_id)


def _question_context(question):
    question = StoryQuestion.objects.select_related("story__community__municipality", "asker").get(
        pk=question
    )
    municipality = question.story.community.municipality
    return {
        "question": question,
        "story": question.story,
        "asker_name": question.asker.full_name,
        "url": _url(municipality, "practice:question-reply", pk=question.pk),
    }


register(
    Kind(
        code=STORY_QUESTION,
        label=_("Someone asks your community about its good-practice story"),
        audience=_("leaders and board of the community"),
        template="communities/stories/emails/story_question",
        recipients=_question_leaders,
        context=_question_context,
    )
)


# The leaders reply: the asker ------------------------------------------------------------


def _asker(question):
    asker = StoryQuestion.objects.values_list("asker_id", flat=True).get(pk=question)
    return get_user_model().objects.filter(pk=asker, is_active=True)


def _answer_context(question):
    question = StoryQuestion.objects.select_related(
        "story__community__municipality", "replied_by"
    ).get(pk=question)
    municipality = question.story.community.municipality
    return {
        "question": question,
        "story": question.story,
        "url": _url(municipality, "practice:story-detail", pk=question.story_id),
    }


register(
    Kind(
        code=STORY_ANSWER,
        label=_("A community replied to your question about its story"),
        audience=_("the person who asked"),
        template="communities/stories/emails/story_answer",
        recipients=_asker,
        context=_answer_context,
    )
)
