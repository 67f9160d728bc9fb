"""Who may do what with rounds and applications. Views check these; templates mirror them.

Rounds and applications are checked on the object: staff of *its* municipality, the leaders
and board of *its* community, evaluators assigned to *its* round.

A draft application is its authors': until it is submitted only the community's leaders and
board see it and its files. From submission on (also when an idea is invited to the full
stage), staff of the municipality and the round's evaluators without a conflict of interest
see it too (issue 25, item 1).
"""

import rules

from communities.models import Membership
from communities.roles import community_roles, pending_community_ids
from communities.rules import is_involved_in, leads_a_community_here
from portal.rules import can_move_to, is_municipal_staff

from .models import Application, Round
from .roles import evaluated_round_ids


def _round_of(obj):
    return obj if isinstance(obj, Round) else getattr(obj, "round", None)


@rules.predicate
def round_is_public(_user, round_):
    round_ = _round_of(round_)
    return round_ is not None and not round_.is_draft


@rules.predicate
def round_is_draft(_user, round_):
    return round_ is not None and round_.is_draft


@rules.predicate
def round_is_locked(_user, round_):
    round_ = _round_of(round_)
    return round_ is not None and round_.is_locked


@rules.predicate
def round_accepts_applications(_user, round_):
    round_ = _round_of(round_)
    return round_ is not None and round_.accepts_applications()


@rules.predicate
def round_is_in_evaluation(_user, obj):
    round_ = _round_of(obj)
    return round_ is not None and round_.in_evaluation


@rules.predicate
def is_evaluator_of(user, obj):
    """Assigned to evaluate the round (of the application)."""
    round_ = _round_of(obj)
    return round_ is not None and round_.pk in evaluated_round_ids(user)


@rules.predicate
def is_applicant_admin(user, application):
    """A leader or board member of the applying community."""
    return (
        application is not None
        and community_roles(user).get(application.community_id) in Membership.ADMIN_ROLES
    )


@rules.predicate
def is_applicant_leader(user, application):
    return (
        application is not None
        and community_roles(user).get(application.community_id) == Membership.Role.LEADER
    )


@rules.predicate
def application_is_draft(_user, application):
    return application is not None and application.is_draft


@rules.predicate
def evaluator_has_no_conflict(user, application):
    """No conflict of interest with the application: none declared, and the evaluator does not
    belong to (or ask to join) the applying community. Not having declared yet is no conflict."""
    if application is None or not user.is_authenticated:
        return False
    community = application.community_id
    if community in community_roles(user) or community in pending_community_ids(user):
        return False
    from .models import ConflictDeclaration

    return not ConflictDeclaration.objects.filter(
        application=application, evaluator=user, has_conflict=True
    ).exists()


@rules.predicate
def application_is_editable(_user, application):
    return application is not None and application.is_editable


@rules.predicate
def staff_not_involved(user, application):
    """Staff of the municipality who do not belong to the applying community."""
    return (
        application is not None
        and is_municipal_staff(user, application.round)
        and not is_involved_in(user, application.community)
    )


@rules.predicate
def is_staff_of_round(user, obj):
    round_ = _round_of(obj)
    return round_ is not None and is_municipal_staff(user, round_)


@rules.predicate
def application_is_awarded(_user, application):
    return application is not None and application.is_awarded


rules.add_perm("grants.view_round", round_is_public | is_staff_of_round)
rules.add_perm("grants.add_round", is_municipal_staff)
rules.add_perm("grants.change_round", is_staff_of_round & ~round_is_locked)
rules.add_perm("grants.publish_round", is_staff_of_round & can_move_to(Round.Status.OPEN))
rules.add_perm("grants.manage_round", is_staff_of_round)
rules.add_perm("grants.apply", round_accepts_applications & leads_a_community_here)
# A draft: its community's leaders and board only. Submitted: also staff and the round's
# evaluators without a conflict. The checks that need no query come first.
rules.add_perm(
    "grants.view_application",
    (~application_is_draft & is_staff_of_round)
    | is_applicant_admin
    | (~application_is_draft & is_evaluator_of & evaluator_has_no_conflict),
)
rules.add_perm(
    "grants.change_application",
    application_is_editable & round_accepts_applications & is_applicant_admin,
)
rules.add_perm(
    "grants.submit_application",
    is_applicant_leader & can_move_to(Application.Status.SUBMITTED) & round_accepts_applications,
)
rules.add_perm(
    "grants.check_eligibility",
    staff_not_involved & round_is_in_evaluation & can_move_to(Application.Status.ELIGIBLE),
)
rules.add_perm("grants.decide_application", staff_not_involved & round_is_in_evaluation)
rules.add_perm("grants.evaluate_round", is_evaluator_of & round_is_in_evaluation)
rules.add_perm("grants.view_evaluation", is_evaluator_of)
rules.add_perm("grants.ask_question", rules.is_authenticated & round_is_public & ~round_is_locked)
rules.add_perm("grants.file_report", is_applicant_admin & application_is_awarded)


@rules.predicate
def report_can_be_filed(_user, report):
    return report is not None and report.can_be_filed


@rules.predicate
def report_is_filed(_user, report):
    return report is not None and report.status == report.Status.SUBMITTED


@rules.predicate
def keeps_the_report(user, report):
    return report is not None and is_applicant_admin(user, report.application)


@rules.predicate
def decides_the_report(user, report):
    return report is not None and staff_not_involved(user, report.application)


rules.add_perm("grants.file_this_report", keeps_the_report & report_can_be_filed)
rules.add_perm("grants.decide_report", decides_the_report & report_is_filed)


@rules.predicate
def declared_no_conflict(user, application):
    """The evaluator declared no conflict with this application and the portal knows none."""
    if application is None or not user.is_authenticated:
        return False
    from .services.evaluation import may_score

    return may_score(user, application)


@rules.predicate
def application_is_eligible(_user, application):
    return application is not None and application.status == Application.Status.ELIGIBLE


rules.add_perm(
    "grants.score_application",
    is_evaluator_of & round_is_in_evaluation & application_is_eligible & declared_no_conflict,
)


# --- annual subsidies: tiers set up by staff, spending reported by the community ----------


@rules.predicate
def is_staff_of_programme(user, obj):
    """Staff of the programme's (or the tier's programme's) municipality."""
    programme = getattr(obj, "programme", obj)
    return programme is not None and is_municipal_staff(user, programme)


@rules.predicate
def tier_is_offered(_user, tier):
    return tier is not None and not tier.is_retired


rules.add_perm("grants.manage_subsidy_tiers", is_staff_of_programme)
rules.add_perm("grants.change_subsidy_tier", is_staff_of_programme & tier_is_offered)
rules.add_perm("grants.retire_subsidy_tier", is_staff_of_programme & tier_is_offered)


def _spending_report(award):
    """The award's spending report, or None before the leaders start it (cached on it)."""
    from .models import SpendingReport

    try:
        return award.spending_report
    except SpendingReport.DoesNotExist:
        return None


@rules.predicate
def keeps_the_spending(user, award):
    """A leader or board member of the community the subsidy was awarded to."""
    return (
        award is not None
        and community_roles(user).get(award.community_id) in Membership.ADMIN_ROLES
    )


@rules.predicate
def is_staff_of_award(user, award):
    return award is not None and is_municipal_staff(user, award.community)


@rules.predicate
def spending_is_editable(_user, award):
    report = _spending_report(award) if award is not None else None
    return award is not None and (report is None or report.is_editable)


@rules.predicate
def spending_is_submitted(_user, award):
    report = _spending_report(award) if award is not None else None
    return report is not None and report.status == report.Status.SUBMITTED


@rules.predicate
def involved_in_the_awarded(user, award):
    return award is not None and is_involved_in(user, award.community)


rules.add_perm("grants.view_spending_report", keeps_the_spending | is_staff_of_award)
rules.add_perm("grants.file_spending_report", keeps_the_spending & spending_is_editable)
rules.add_perm(
    "grants.decide_spending_report",
    is_staff_of_award & ~involved_in_the_awarded & spending_is_submitted,
)
