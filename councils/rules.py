"""Who may do what with councils. Views check these; templates only mirror them."""

import rules

from communities.rules import leads_a_community_here
from portal.roles import is_staff_of
from portal.rules import is_municipal_staff

from .models import Council, Meeting
from .roles import sitting_council_ids


def council_of(obj):
    if obj is None:
        return None
    if isinstance(obj, Council):
        return obj
    return obj.council


@rules.predicate
def is_council_member(user, obj=None):
    """A sitting member of the council (of the meeting), today: a term ended is no seat."""
    council = council_of(obj)
    if council is None:
        return bool(sitting_council_ids(user))
    return council.pk in sitting_council_ids(user)


@rules.predicate
def is_council_staff(user, obj=None):
    council = council_of(obj)
    return is_staff_of(user, council if council is not None else obj)


@rules.predicate
def meeting_is_public(_user, meeting):
    return meeting is not None and meeting.status != Meeting.Status.DRAFT


@rules.predicate
def meeting_can_be_published(_user, meeting):
    return meeting is not None and meeting.can_move_to(Meeting.Status.PUBLISHED)


@rules.predicate
def meeting_can_get_minutes(_user, meeting):
    return meeting is not None and meeting.can_move_to(Meeting.Status.MINUTED)


@rules.predicate
def paper_is_public(_user, paper):
    """A public paper of an announced meeting."""
    return paper is not None and paper.public and paper.meeting.status != Meeting.Status.DRAFT


rules.add_perm("councils.add_council", is_municipal_staff)
rules.add_perm("councils.change_council", is_council_staff)
rules.add_perm("councils.view_meeting", meeting_is_public | is_council_staff | is_council_member)
rules.add_perm("councils.change_meeting", is_council_staff)
rules.add_perm("councils.publish_meeting", is_council_staff & meeting_can_be_published)
rules.add_perm("councils.publish_minutes", is_council_staff & meeting_can_get_minutes)
# Papers and the review view: the council's sitting members and staff, nobody else.
rules.add_perm("councils.view_papers", is_council_staff | is_council_member)
rules.add_perm("councils.download_paper", paper_is_public | is_council_staff | is_council_member)
rules.add_perm("councils.comment", is_council_member)
rules.add_perm("councils.confirm_attendance", is_council_member & meeting_can_get_minutes)
rules.add_perm("councils.record_recommendation", is_council_staff)
rules.add_perm("councils.answer_recommendation", is_council_staff)
rules.add_perm("councils.nominate", leads_a_community_here)
rules.add_perm("councils.view_council", rules.always_allow)
