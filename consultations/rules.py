"""Who may do what with consultations. Views check these; templates only mirror them."""

import rules

from communities.models import Membership
from communities.roles import community_roles
from communities.rules import leads_a_community_here
from portal.rules import can_move_to, is_municipal_staff

from .models import Consultation


@rules.predicate
def consultation_is_published(_user, consultation):
    return consultation is not None and consultation.is_published


@rules.predicate
def consultation_accepts_submissions(_user, consultation):
    return consultation is not None and consultation.accepts_submissions


@rules.predicate
def consultation_is_not_completed(_user, consultation):
    return consultation is not None and not consultation.is_completed


@rules.predicate
def is_submitter(user, submission):
    return submission is not None and user.is_authenticated and submission.author_id == user.pk


@rules.predicate
def speaks_for_the_submission(user, submission):
    """The submitter, or a leader or board member of the community whose joint opinion it is."""
    if submission is None or not user.is_authenticated:
        return False
    if submission.author_id == user.pk:
        return True
    return (
        submission.community_id is not None
        and community_roles(user).get(submission.community_id) in Membership.ADMIN_ROLES
    )


@rules.predicate
def is_staff_of_the_submission(user, submission):
    return submission is not None and is_municipal_staff(user, submission.consultation)


# Staff never answer their own submission or their own community's (separation of duties).
answers_as_staff = is_staff_of_the_submission & ~speaks_for_the_submission

consultation_can_be_published = can_move_to(Consultation.Status.PUBLISHED)
consultation_can_be_completed = can_move_to(Consultation.Status.COMPLETED)

rules.add_perm("consultations.view_consultation", consultation_is_published | is_municipal_staff)
rules.add_perm("consultations.add_consultation", is_municipal_staff)
rules.add_perm(
    "consultations.change_consultation", is_municipal_staff & consultation_is_not_completed
)
rules.add_perm(
    "consultations.publish_consultation", is_municipal_staff & consultation_can_be_published
)
rules.add_perm(
    "consultations.complete_consultation", is_municipal_staff & consultation_can_be_completed
)
rules.add_perm(
    "consultations.submit_opinion", rules.is_authenticated & consultation_accepts_submissions
)
rules.add_perm(
    "consultations.submit_joint_opinion", consultation_accepts_submissions & leads_a_community_here
)
rules.add_perm("consultations.view_submissions", is_municipal_staff)
rules.add_perm("consultations.answer_submission", answers_as_staff)
rules.add_perm(
    "consultations.view_submission", speaks_for_the_submission | is_staff_of_the_submission
)
rules.add_perm("consultations.view_overdue", is_municipal_staff)
rules.add_perm("consultations.manage_events", is_municipal_staff)
rules.add_perm("consultations.follow_neighbourhoods", rules.is_authenticated)


# Problem reports: public to read (without the reporter), decided by staff.


@rules.predicate
def is_reporter(user, report):
    return report is not None and user.is_authenticated and report.reporter_id == user.pk


@rules.predicate
def report_is_open(_user, report):
    return report is not None and report.is_open


@rules.predicate
def report_is_answered(_user, report):
    return report is not None and report.status == report.Status.ANSWERED


rules.add_perm("consultations.add_problemreport", rules.is_authenticated)
rules.add_perm("consultations.view_problem_photo", is_reporter | is_municipal_staff)
rules.add_perm("consultations.view_problem_queue", is_municipal_staff)
rules.add_perm("consultations.handle_problemreport", is_municipal_staff & ~is_reporter)
