"""Who may do what with a community, its stories, questions and agreements. Views check these;
templates only mirror them."""

import rules

from portal.rules import can_move_to, is_municipal_staff

from .models import Community, Membership
from .record import is_year_locked
from .roles import community_roles, led_communities, pending_community_ids


@rules.predicate
def is_community_leader(user, community):
    if community is None:
        return False
    return community_roles(user).get(community.pk) == Membership.Role.LEADER


@rules.predicate
def leads_a_community_here(user, obj):
    """Leads a verified or active community of the object's municipality (a round, a
    consultation, a council): leading one elsewhere gives nothing here."""
    municipality_id = getattr(obj, "municipality_id", None)
    return municipality_id is not None and led_communities(user, municipality_id).exists()


@rules.predicate
def is_community_admin(user, community):
    """Leaders and board members run the community's profile and activity record."""
    if community is None:
        return False
    return community_roles(user).get(community.pk) in Membership.ADMIN_ROLES


@rules.predicate
def is_community_member(user, community):
    if community is None:
        return False
    return community.pk in community_roles(user)


@rules.predicate
def has_asked_to_join(user, community):
    return community is not None and community.pk in pending_community_ids(user)


@rules.predicate
def is_involved_in(user, community):
    """A member of the community in any role, or someone whose request to join it waits.

    Staff do not decide about a community they are involved in (separation of duties):
    someone else of the municipality must. Administrators are held to it as well.
    """
    if community is None:
        return False
    return is_community_member(user, community) or has_asked_to_join(user, community)


# What staff decide about a community: only staff who are not involved in it.
decides_as_staff = is_municipal_staff & ~is_involved_in


@rules.predicate
def community_is_public(_user, community):
    return community is not None and community.is_public


# The moves of Community.lifecycle, as predicates: the table is the only list of states.
registration_can_be_submitted = can_move_to(Community.Status.SUBMITTED)
registration_can_be_decided = can_move_to(Community.Status.VERIFIED)
community_can_be_activated = can_move_to(Community.Status.ACTIVE)
community_can_be_deactivated = can_move_to(Community.Status.INACTIVE)
registration_can_be_withdrawn = can_move_to(Community.Status.DRAFT)


@rules.predicate
def registration_is_draft(_user, community):
    return community is not None and community.is_draft


@rules.predicate
def registration_is_editable(_user, community):
    """A draft or a returned registration: the states it is submitted from."""
    return community is not None and community.is_editable_registration


@rules.predicate
def community_is_running(_user, community):
    """Verified or active: it takes members and records activities."""
    return community is not None and community.status in Community.WORKING_STATUSES


@rules.predicate
def key_change_is_pending(_user, community):
    """Its leaders asked to change key facts and the municipality has not decided yet."""
    return community is not None and community.pending_key_change is not None


# Entries of the activity record (events, joint opinions): checked on the entry itself.


# Leaders and board of a verified or active community keep its activity record.
keeps_the_record = is_community_admin & community_is_running


@rules.predicate
def keeps_the_entry_record(user, entry):
    """A leader or board member of the entry's verified or active community: who holds
    ``communities.change_activity`` on it (the community page asks that once per list)."""
    if entry is None:
        return False
    return keeps_the_record(user, entry.community)


@rules.predicate
def entry_is_in_an_open_year(_user, entry):
    """Not removed, and its year's record has not locked (or staff reopened it)."""
    if entry is None or entry.is_removed:
        return False
    return not is_year_locked(entry.community, entry.record_date.year)


rules.add_perm(
    "communities.view_community", community_is_public | is_community_admin | is_municipal_staff
)
rules.add_perm("communities.add_community", rules.is_authenticated)
rules.add_perm("communities.change_registration", is_community_admin & registration_is_editable)
rules.add_perm(
    "communities.change_community",
    is_community_admin & (registration_is_editable | community_is_running),
)
rules.add_perm("communities.submit_community", is_community_leader & registration_can_be_submitted)
rules.add_perm("communities.view_verification_queue", is_municipal_staff)
rules.add_perm("communities.verify_community", decides_as_staff & registration_can_be_decided)
rules.add_perm("communities.activate_community", decides_as_staff & community_can_be_activated)
rules.add_perm("communities.deactivate_community", decides_as_staff & community_can_be_deactivated)
rules.add_perm("communities.view_history", is_community_admin | is_municipal_staff)
rules.add_perm("communities.withdraw_key_change", is_community_admin & key_change_is_pending)
rules.add_perm(
    "communities.decide_key_change",
    decides_as_staff & community_is_public & key_change_is_pending,
)
rules.add_perm(
    "communities.join_community",
    rules.is_authenticated & community_is_running & ~is_community_member & ~has_asked_to_join,
)
rules.add_perm("communities.manage_members", is_community_leader & community_is_running)
# The annual activity report (communities/reports.py): the leaders and the municipality's staff.
rules.add_perm("communities.request_activity_report", is_community_leader | is_municipal_staff)
rules.add_perm("communities.add_activity", keeps_the_record)
rules.add_perm("communities.change_activity", keeps_the_record)
rules.add_perm("communities.change_entry", keeps_the_entry_record & entry_is_in_an_open_year)
rules.add_perm("communities.reopen_activity_year", decides_as_staff & community_is_running)
rules.add_perm("communities.leave_community", is_community_member)
rules.add_perm("communities.withdraw_request", has_asked_to_join)
rules.add_perm(
    "communities.withdraw_registration", is_community_leader & registration_can_be_withdrawn
)
rules.add_perm("communities.delete_registration", is_community_leader & registration_is_draft)
rules.add_perm("communities.remove_document", is_community_leader)


# Good practice: stories, questions and agreements ----------------------------------------------


@rules.predicate
def story_is_published(_user, story):
    return story is not None and story.is_published


@rules.predicate
def writes_the_story(user, story):
    """A leader or board member of the story's community."""
    return story is not None and is_community_admin(user, story.community)


@rules.predicate
def story_is_editable(_user, story):
    return story is not None and story.is_editable


@rules.predicate
def reviews_as_staff(user, story):
    """Staff of the municipality who are not involved in the story's community."""
    if story is None:
        return False
    return is_municipal_staff(user, story) and not is_involved_in(user, story.community)


@rules.predicate
def answers_for_the_story(user, question):
    return question is not None and is_community_admin(user, question.story.community)


@rules.predicate
def agreement_is_public(_user, agreement):
    return agreement is not None and agreement.is_public


@rules.predicate
def agreement_document_is_public(_user, agreement):
    return agreement is not None and agreement.is_public and agreement.document_public


@rules.predicate
def leads_the_party(user, agreement):
    return agreement is not None and is_community_admin(user, agreement.community)


@rules.predicate
def decides_on_agreement(user, agreement):
    """Staff of the municipality not involved in the agreement's community."""
    if agreement is None:
        return False
    return is_municipal_staff(user, agreement) and not is_involved_in(user, agreement.community)


@rules.predicate
def agreement_is_editable(_user, agreement):
    return agreement is not None and agreement.is_editable


story_can_be_submitted = can_move_to("submitted")
story_can_be_reviewed = can_move_to("published")

rules.add_perm("practice.view_story", story_is_published | writes_the_story | is_municipal_staff)
rules.add_perm("practice.add_story", is_community_admin & community_is_running)
rules.add_perm("practice.change_story", writes_the_story & story_is_editable)
rules.add_perm("practice.submit_story", writes_the_story & story_can_be_submitted)
rules.add_perm("practice.view_story_queue", is_municipal_staff)
rules.add_perm("practice.view_story_history", writes_the_story | is_municipal_staff)
rules.add_perm("practice.review_story", reviews_as_staff & story_can_be_reviewed)
rules.add_perm(
    "practice.ask_authors", rules.is_authenticated & story_is_published & ~writes_the_story
)
rules.add_perm("practice.answer_question", answers_for_the_story)
rules.add_perm("practice.offer_experience", is_community_admin & community_is_running)

rules.add_perm("practice.view_agreement", agreement_is_public | is_municipal_staff)
rules.add_perm("practice.manage_agreements", is_municipal_staff)
rules.add_perm("practice.change_agreement", decides_on_agreement & agreement_is_editable)
rules.add_perm("practice.sign_agreement", decides_on_agreement & can_move_to("signed"))
rules.add_perm("practice.end_agreement", decides_on_agreement & can_move_to("ended"))
rules.add_perm(
    "practice.download_agreement",
    agreement_document_is_public | is_municipal_staff | leads_the_party,
)
