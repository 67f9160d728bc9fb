"""The kinds of message about good practice and agreements, and the agreements' deadline."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.hosts import municipality_url
from portal.outbox import Deadline, Kind, Occasion, register, register_deadline

from ..models import Membership
from ..outbox import _staff_for_the_registration
from .stories import Story, StoryQuestion, StoryStatusChange

STORY_SUBMITTED = "story-submitted"
STORY_REVIEWED = "story-reviewed"
STORY_QUESTION = "story-question"
STORY_ANSWER = "story-answer"


def _url(municipality, name, **kwargs):
    return municipality_url(municipality, reverse(name, kwargs=kwargs))


def _admins_of(community_id):
    memberships = Membership.objects.active().filter(
        community_id=community_id, role__in=Membership.ADMIN_ROLES
    )
    return get_user_model().objects.filter(
        pk__in=memberships.values_list("user_id", flat=True), is_active=True
    )


# A story waits for review: the staff who verify its community -----------------------------


def _story_reviewers(story):
    community_id = Story.objects.values_list("community_id", flat=True).get(pk=story)
    return _staff_for_the_registration(community_id)


def _submitted_context(story):
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
        context=_submitted_context,
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


# An agreement's term ends: staff and the community's leaders, 60 and 30 days before -----

AGREEMENT_ENDING = "agreement-ending-reminder"


def _ending_context(agreement, due, days):
    from .agreements import Agreement

    agreement = Agreement.objects.select_related("community", "municipality").get(pk=agreement)
    return {
        "agreement": agreement,
        "due": datetime.date.fromisoformat(due),
        "days": days,
        "url": _url(agreement.municipality, "practice:agreement-detail", pk=agreement.pk),
    }


register(
    Kind(
        code=AGREEMENT_ENDING,
        label=_("Reminder that an agreement with a community ends soon"),
        audience=_("the municipality's staff and the community's leaders and board"),
        template="communities/agreements/emails/agreement_ending",
        # No recipients(): the reminder sweep writes it with the people it found.
        context=_ending_context,
    )
)


def _ending_dates(today):
    """Signed agreements ending within the next 60 days (the earliest reminder)."""
    from .agreements import Agreement

    horizon = today + datetime.timedelta(days=max(ENDING_DAYS))
    rows = (
        Agreement.objects.filter(
            status=Agreement.Status.SIGNED, ends_on__gte=today, ends_on__lte=horizon
        )
        .select_related("municipality")
        .order_by("ends_on", "pk")
    )
    for agreement in rows:
        yield agreement.ends_on, agreement


def _agreement_people(agreement, due):
    staff = get_user_model().objects.filter(
        is_active=True, staff_roles__municipality_id=agreement.municipality_id
    )
    people = {user.pk: user for user in staff}
    for user in _admins_of(agreement.community_id):
        people.setdefault(user.pk, user)
    yield Occasion(
        municipality=agreement.municipality,
        occasion=str(agreement.pk),
        ids={"agreement": agreement.pk},
        recipients=list(people.values()),
    )


ENDING_DAYS = (60, 30)

register_deadline(
    Deadline(
        code="agreement-ends",
        kind=AGREEMENT_ENDING,
        label=_("An agreement with a community ends"),
        dues=_ending_dates,
        occasions=_agreement_people,
        days_before=ENDING_DAYS,
        working_days=False,
    )
)
