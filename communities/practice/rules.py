"""Who may do what with stories, questions and agreements. Views check these."""

import rules

from portal.rules import can_move_to, is_municipal_staff

from ..rules import community_is_running, is_community_admin, is_involved_in


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
