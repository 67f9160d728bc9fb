"""Eligibility, evaluators, conflicts of interest, scores, decisions and the results.

Every decision-relevant action is a status move or a history event with who and when; once
the results are published (``Round.LOCKED_STATUSES``) none of them can be made or changed.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communities.duties import refuse_own_community
from communities.models import Membership
from portal.history import log_event, move_to, require_move

from ..models import Application, ConflictDeclaration, EvaluatorAssignment, Round, Score
from ..outbox.applications import tell_invited, tell_results
from ..outbox.decisions import tell_stopped
from ..roles import forget_evaluator_roles

Status = Application.Status


def _refuse_locked(round_):
    if round_.is_locked:
        raise ValidationError(
            _("The results of this round are published; its evaluation no longer changes."),
            code="locked",
        )


def _refuse_not_evaluating(round_):
    _refuse_locked(round_)
    if not round_.in_evaluation:
        raise ValidationError(_("The round is not being evaluated now."), code="not_in_evaluation")


@transaction.atomic
def close_submissions(*, actor, round: Round) -> Round:
    """Open (or full stage) → evaluation, once the deadline has passed."""
    require_move(round, Round.Status.EVALUATION, _("The round is not open for applications."))
    if not round.deadline_passed:
        raise ValidationError(
            _("The submission deadline has not passed yet."), code="deadline_ahead"
        )
    move_to(round, Round.Status.EVALUATION, actor=actor)
    return round


def known_conflicts(round_, user) -> set[int]:
    """Ids of the round's applications whose community the user belongs to (one query)."""
    community_ids = Membership.objects.filter(
        user=user, status__in=(Membership.Status.ACTIVE, Membership.Status.PENDING)
    ).values("community_id")
    return set(
        round_.applications.filter(community_id__in=community_ids).values_list("pk", flat=True)
    )


def mark_known_conflicts(*, round: Round, applications=None, evaluators=None) -> int:
    """Write the conflicts the portal knows: an evaluator who belongs to the applying
    community. The evaluator cannot clear them."""
    applications = list(
        applications
        if applications is not None
        else round.applications.exclude(status=Status.DRAFT)
    )
    if evaluators is None:
        evaluators = [a.user for a in round.assignments.select_related("user")]
    written = 0
    for evaluator in evaluators:
        known = known_conflicts(round, evaluator)
        for application in applications:
            if application.pk not in known:
                continue
            declaration, created = ConflictDeclaration.objects.update_or_create(
                application=application,
                evaluator=evaluator,
                defaults={"has_conflict": True, "known": True},
            )
            if created:
                log_event(
                    application,
                    "conflict_known",
                    actor=None,
                    data={"evaluator": evaluator.pk, "name": str(evaluator)},
                )
                written += 1
    return written


@transaction.atomic
def assign_evaluator(*, actor, round: Round, user) -> EvaluatorAssignment:
    """Make ``user`` an evaluator of the round (they must then use MFA)."""
    _refuse_locked(round)
    assignment, created = EvaluatorAssignment.objects.get_or_create(
        round=round, user=user, defaults={"assigned_by": actor}
    )
    if created:
        log_event(
            round, "evaluator_assigned", actor=actor, data={"evaluator": user.pk, "name": str(user)}
        )
        mark_known_conflicts(round=round, evaluators=[user])
    forget_evaluator_roles(user)
    return assignment


@transaction.atomic
def unassign_evaluator(*, actor, round: Round, user) -> None:
    _refuse_locked(round)
    if Score.objects.filter(application__round=round, evaluator=user).exists():
        raise ValidationError(
            _("This evaluator has scored applications; the assignment stays on record."),
            code="has_scores",
        )
    deleted, _rows = EvaluatorAssignment.objects.filter(round=round, user=user).delete()
    if deleted:
        log_event(
            round,
            "evaluator_unassigned",
            actor=actor,
            data={"evaluator": user.pk, "name": str(user)},
        )
    forget_evaluator_roles(user)


@transaction.atomic
def check_eligibility(
    *, actor, application: Application, eligible: bool, note: str = ""
) -> Application:
    refuse_own_community(actor, application.community)
    _refuse_not_evaluating(application.round)
    target = Status.ELIGIBLE if eligible else Status.INELIGIBLE
    require_move(application, target, _("Only a submitted application is checked for eligibility."))
    if not eligible and not note.strip():
        raise ValidationError(
            {"note": _("Say why the application is not eligible.")}, code="reason_required"
        )
    move_to(
        application,
        target,
        actor=actor,
        reason=note.strip(),
        fields={"eligibility_note": note.strip()},
    )
    if not eligible:
        tell_stopped(application)
    return application


def is_assigned(user, round_) -> bool:
    return EvaluatorAssignment.objects.filter(round=round_, user=user).exists()


@transaction.atomic
def declare_conflict(
    *, actor, application: Application, has_conflict: bool, note: str = ""
) -> ConflictDeclaration:
    """The evaluator's declaration on one application; it is final and recorded."""
    round_ = application.round
    _refuse_not_evaluating(round_)
    if not is_assigned(actor, round_):
        raise ValidationError(_("You are not an evaluator of this round."), code="not_assigned")
    if application.pk in known_conflicts(round_, actor):
        # The evaluator belongs to the applying community: the conflict stands, whatever
        # they answer (the view tells them it cannot be cleared).
        mark_known_conflicts(round=round_, applications=[application], evaluators=[actor])
    existing = ConflictDeclaration.objects.filter(application=application, evaluator=actor).first()
    if existing is not None and not existing.known:
        raise ValidationError(
            _("You have already declared this; a declaration is not changed."), code="declared"
        )
    if existing is not None:
        return existing
    declaration = ConflictDeclaration.objects.create(
        application=application, evaluator=actor, has_conflict=has_conflict, note=note.strip()
    )
    event = "conflict_declared" if has_conflict else "no_conflict_declared"
    log_event(
        application,
        event,
        actor=actor,
        data={"conflict": has_conflict, "name": str(actor)},
        reason=note.strip(),
    )
    return declaration


def may_score(user, application) -> bool:
    """Assigned, declared no conflict, and no conflict the portal knows."""
    declaration = ConflictDeclaration.objects.filter(
        application=application, evaluator=user
    ).first()
    return (
        declaration is not None
        and not declaration.has_conflict
        and application.pk not in known_conflicts(application.round, user)
    )


@transaction.atomic
def score_application(*, actor, application: Application, scores: dict) -> list[Score]:
    """``scores``: ``{criterion_id: (score, justification)}`` for every criterion."""
    round_ = application.round
    _refuse_not_evaluating(round_)
    if not is_assigned(actor, round_):
        raise ValidationError(_("You are not an evaluator of this round."), code="not_assigned")
    if not may_score(actor, application):
        raise ValidationError(
            _(
                "Declare that you have no conflict of interest first; with a conflict you do "
                "not score this application."
            ),
            code="conflict",
        )
    if application.status != Status.ELIGIBLE:
        raise ValidationError(_("Only eligible applications are scored."), code="not_eligible")
    errors = {}
    criteria = list(round_.criteria.all())
    for criterion in criteria:
        value, justification = scores.get(criterion.pk, (None, ""))
        if value is None or not 0 <= int(value) <= criterion.max_score:
            errors[f"score_{criterion.pk}"] = _("Give a score from 0 to %(max)s.") % {
                "max": criterion.max_score
            }
        if not (justification or "").strip():
            errors[f"justification_{criterion.pk}"] = _("Justify the score.")
    if errors:
        raise ValidationError(errors, code="incomplete")
    rows = []
    for criterion in criteria:
        value, justification = scores[criterion.pk]
        row, _created = Score.objects.update_or_create(
            application=application,
            evaluator=actor,
            criterion=criterion,
            defaults={"score": int(value), "justification": justification.strip()},
        )
        rows.append(row)
    log_event(
        application,
        "scored",
        actor=actor,
        data={
            "name": str(actor),
            "scores": [[c.name, int(scores[c.pk][0]), c.max_score] for c in criteria],
        },
    )
    return rows


@transaction.atomic
def decide_application(
    *, actor, application: Application, award: bool, amount=None, reason: str = ""
) -> Application:
    """Award (an amount up to the request) or not; in an idea stage: shortlist or not."""
    refuse_own_community(actor, application.community)
    round_ = application.round
    _refuse_not_evaluating(round_)
    reason = reason.strip()
    if round_.idea_stage:
        target = Status.INVITED if award else Status.NOT_SHORTLISTED
        require_move(application, target, _("Only an eligible idea can be shortlisted."))
        move_to(application, target, actor=actor, reason=reason, fields={"decision_reason": reason})
        return application
    target = Status.AWARDED if award else Status.REJECTED
    require_move(application, target, _("Only an eligible application is decided."))
    fields = {"decision_reason": reason}
    if award:
        amount = Decimal(amount) if amount not in (None, "") else application.requested_amount
        if amount <= 0 or amount > application.requested_amount:
            raise ValidationError(
                {"amount": _("Award more than nothing and at most the requested amount.")},
                code="amount",
            )
        if amount < application.requested_amount and not reason:
            raise ValidationError(
                {"reason": _("Say why less than the requested amount is awarded.")},
                code="reason_required",
            )
        fields["awarded_amount"] = amount
    elif not reason:
        raise ValidationError(
            {"reason": _("Say why the application is not awarded.")}, code="reason_required"
        )
    move_to(application, target, actor=actor, reason=reason, fields=fields)
    return application


@transaction.atomic
def invite_shortlisted(*, actor, round: Round, full_deadline) -> Round:
    """Two-stage rounds: the shortlisted ideas are invited to submit full applications."""
    _refuse_not_evaluating(round)
    if not round.idea_stage:
        raise ValidationError(_("Only a two-stage round in its idea stage invites ideas."))
    undecided = round.applications.filter(status__in=(Status.SUBMITTED, Status.ELIGIBLE))
    if undecided.exists():
        raise ValidationError(
            _("Decide every idea first: shortlist it or leave it out."), code="undecided"
        )
    move_to(
        round,
        Round.Status.FULL_STAGE,
        actor=actor,
        fields={"stage": Round.Stage.FULL, "full_deadline": full_deadline},
    )
    invited = list(round.applications.filter(status=Status.INVITED))
    Application.objects.filter(pk__in=[a.pk for a in invited]).update(stage=Round.Stage.FULL)
    for application in invited:
        tell_invited(application)
    for application in round.applications.filter(status=Status.NOT_SHORTLISTED):
        tell_stopped(application)
    return round


@transaction.atomic
def publish_results(*, actor, round: Round) -> Round:
    """Publish the results: every eligible application decided; applicants are told."""
    require_move(round, Round.Status.RESULTS, _("Only a round being evaluated publishes results."))
    if round.idea_stage:
        raise ValidationError(_("Invite the shortlisted ideas to the full stage first."))
    undecided = round.applications.filter(status__in=(Status.SUBMITTED, Status.ELIGIBLE))
    if undecided.exists():
        raise ValidationError(
            _("%(count)s applications are not decided yet.") % {"count": undecided.count()},
            code="undecided",
        )
    change = move_to(round, Round.Status.RESULTS, actor=actor, stamp="results_at")
    from .grant_reports import create_reports

    create_reports(round)
    tell_results(round, change)
    return round


def users_by_pk(pks):
    return get_user_model().objects.in_bulk(pks)
