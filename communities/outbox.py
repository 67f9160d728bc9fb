"""Every kind of message about communities (good practice and agreements too), and the
deadlines communities know.

Each kind: its code, its label on the preferences page, its template, who gets it (called
in the transaction of the change) and the context builder (called at delivery, inside the
recipient's language). Services write them with ``portal.outbox.notify``.
"""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.links import municipality_url
from portal.models import Municipality
from portal.outbox import Deadline, Kind, Occasion, register, register_deadline

from .models import (
    Agreement,
    ChangeRequestStatusChange,
    Community,
    CommunityStatusChange,
    Membership,
    Story,
    StoryQuestion,
    StoryStatusChange,
)

REGISTRATION_SUBMITTED = "community-submitted"
VERIFICATION_RESULT = "community-verification-result"
MEMBERSHIP_REQUESTED = "membership-requested"
MEMBERSHIP_DECIDED = "membership-decided"
ACTIVITY_RECORD_REMINDER = "activity-record-reminder"
KEY_CHANGE_RETURNED = "community-key-change-returned"
KEY_CHANGE_REQUESTED = "community-key-change-requested"


def _community_url(name, community):
    path = reverse(f"communities:{name}", kwargs={"slug": community.slug})
    return municipality_url(community.municipality, path)


def _page_url(community):
    return municipality_url(community.municipality, community.get_absolute_url())


def _active_users(ids):
    return get_user_model().objects.filter(pk__in=list(ids), is_active=True)


# A registration is submitted: the contact persons of its neighbourhoods ----------------


def _staff_for_the_registration(community):
    """The contact persons of the covered neighbourhoods who have an account and are staff
    of the municipality; the municipality's other staff only when there is none."""
    municipality_id = Community.objects.values_list("municipality_id", flat=True).get(pk=community)
    staff = get_user_model().objects.filter(
        is_active=True, staff_roles__municipality_id=municipality_id
    )
    contacts = staff.filter(
        contact_roles__municipality_id=municipality_id,
        contact_roles__territories__communities=community,
    ).distinct()
    if contacts.exists():
        return contacts
    return staff.distinct()


def _submitted_context(community):
    community = Community.objects.select_related("municipality").get(pk=community)
    return {"community": community, "url": _community_url("community-review", community)}


register(
    Kind(
        code=REGISTRATION_SUBMITTED,
        label=_("A community registration waits for verification"),
        audience=_(
            "contact persons of its neighbourhoods who are staff; otherwise the municipality's "
            "staff"
        ),
        template="communities/emails/registration_submitted",
        recipients=_staff_for_the_registration,
        context=_submitted_context,
    )
)


# A registration is verified or returned: its leaders and board ------------------------


def _leaders_and_board(change):
    community_id = CommunityStatusChange.objects.values_list("community_id", flat=True).get(
        pk=change
    )
    memberships = Membership.objects.active().filter(
        community_id=community_id, role__in=Membership.ADMIN_ROLES
    )
    return _active_users(memberships.values_list("user_id", flat=True))


def _verification_context(change):
    change = CommunityStatusChange.objects.select_related("community__municipality").get(pk=change)
    community = change.community
    return {
        "community": community,
        "change": change,
        "verified": change.to_status == Community.Status.VERIFIED,
        "url": _page_url(community),
        "edit_url": _community_url("community-edit", community),
    }


register(
    Kind(
        code=VERIFICATION_RESULT,
        label=_("Your community's registration is verified or returned"),
        audience=_("leaders and board of the community"),
        template="communities/emails/verification_result",
        recipients=_leaders_and_board,
        context=_verification_context,
    )
)


# A verified community asks to change key facts: the staff who verify it -----------------


def _key_change_request_context(community):
    community = Community.objects.select_related("municipality").get(pk=community)
    return {"community": community, "url": _community_url("key-change-review", community)}


register(
    Kind(
        code=KEY_CHANGE_REQUESTED,
        label=_("A verified community asks to change its key facts"),
        audience=_(
            "contact persons of its neighbourhoods who are staff; otherwise the municipality's "
            "staff"
        ),
        template="communities/emails/key_change_requested",
        recipients=_staff_for_the_registration,
        context=_key_change_request_context,
    )
)


# A change of key facts is returned: the community's leaders and board -----------------


def _leaders_of_the_change(change):
    community_id = ChangeRequestStatusChange.objects.values_list(
        "change_request__community_id", flat=True
    ).get(pk=change)
    memberships = Membership.objects.active().filter(
        community_id=community_id, role__in=Membership.ADMIN_ROLES
    )
    return _active_users(memberships.values_list("user_id", flat=True))


def _key_change_context(change):
    change = ChangeRequestStatusChange.objects.select_related(
        "change_request__community__municipality"
    ).get(pk=change)
    community = change.change_request.community
    return {
        "community": community,
        "change": change,
        "rows": change.change_request.comparison,
        "url": _page_url(community),
        "edit_url": _community_url("community-edit", community),
    }


register(
    Kind(
        code=KEY_CHANGE_RETURNED,
        label=_("The municipality returned a change of your community's key facts"),
        audience=_("leaders and board of the community"),
        template="communities/emails/key_change_returned",
        recipients=_leaders_of_the_change,
        context=_key_change_context,
    )
)


# Someone asks to join: the leaders -----------------------------------------------------


def _leaders_of_the_membership(membership):
    community_id = Membership.objects.values_list("community_id", flat=True).get(pk=membership)
    memberships = Membership.objects.active().filter(
        community_id=community_id, role=Membership.Role.LEADER
    )
    return _active_users(memberships.values_list("user_id", flat=True))


def _requested_context(membership):
    membership = Membership.objects.select_related("community__municipality", "user").get(
        pk=membership
    )
    return {"membership": membership, "url": _community_url("member-list", membership.community)}


register(
    Kind(
        code=MEMBERSHIP_REQUESTED,
        label=_("Someone asks to join your community"),
        audience=_("leaders of the community"),
        template="communities/emails/membership_requested",
        recipients=_leaders_of_the_membership,
        context=_requested_context,
    )
)


# A request to join is decided: the applicant ------------------------------------------


def _applicant(membership, accepted):
    return _active_users(Membership.objects.filter(pk=membership).values_list("user_id", flat=True))


def _decided_context(membership, accepted):
    membership = Membership.objects.select_related("community__municipality", "user").get(
        pk=membership
    )
    return {
        "membership": membership,
        "accepted": accepted,
        "url": _page_url(membership.community),
    }


register(
    Kind(
        code=MEMBERSHIP_DECIDED,
        label=_("Your request to join a community is decided"),
        audience=_("the person who asked to join"),
        template="communities/emails/membership_decided",
        recipients=_applicant,
        context=_decided_context,
    )
)


# The activity record of the past year locks: its leaders are reminded -----------------


def _reminder_context(community, year, due, days):
    community = Community.objects.select_related("municipality").get(pk=community)
    return {
        "community": community,
        "year": year,
        "due": datetime.date.fromisoformat(due),
        "days": days,
        "url": _page_url(community),
    }


register(
    Kind(
        code=ACTIVITY_RECORD_REMINDER,
        label=_("Reminder to complete last year's activity record before it locks"),
        audience=_("leaders of the community"),
        template="communities/emails/activity_record_reminder",
        # No recipients(): the reminder sweep writes it with the leaders it found.
        context=_reminder_context,
    )
)


def _lock_dates(today):
    """Each municipality's next lock date (today or later) of an activity record."""
    for municipality in Municipality.objects.all():
        due = municipality.activity_record_lock_date(today.year - 1)
        if due < today:
            due = municipality.activity_record_lock_date(today.year)
        yield due, municipality


def _communities_with_leaders(municipality, due):
    leaders = (
        Membership.objects.active()
        .filter(
            role=Membership.Role.LEADER,
            user__is_active=True,
            community__municipality=municipality,
            community__status__in=Community.WORKING_STATUSES,
        )
        .select_related("user")
        .order_by("community_id", "pk")
    )
    by_community = {}
    for membership in leaders:
        by_community.setdefault(membership.community_id, []).append(membership.user)
    year = due.year - 1
    for community_id, people in by_community.items():
        yield Occasion(
            municipality=municipality,
            occasion=f"{community_id}:{year}",
            ids={"community": community_id, "year": year},
            recipients=people,
        )


register_deadline(
    Deadline(
        code="activity-record-locks",
        kind=ACTIVITY_RECORD_REMINDER,
        label=_("The activity record of the past year locks"),
        dues=_lock_dates,
        occasions=_communities_with_leaders,
        days_before=(10, 2),
        working_days=True,
    )
)


# Good practice and agreements ---------------------------------------------------------------------

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


# An agreement's term ends: staff and the community's leaders, 60 and 30 days before -----

AGREEMENT_ENDING = "agreement-ending-reminder"


def _ending_context(agreement, due, days):
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
