"""Evaluators come from assignment rows, loaded once per request through ``portal.roles``."""

from portal.roles import forget, per_request, register_acting_role

_KIND = "grant_evaluator_rounds"


def _load_rounds(user):
    from .models import EvaluatorAssignment, Round

    return frozenset(
        EvaluatorAssignment.objects.filter(user=user)
        .exclude(round__status=Round.Status.CLOSED)
        .values_list("round_id", flat=True)
    )


def evaluated_round_ids(user):
    """The rounds (not yet closed) the user is assigned to evaluate."""
    return per_request(user, _KIND, _load_rounds)


def forget_evaluator_roles(user):
    forget(user, _KIND)


# Assigned evaluators act for the municipality: they must use a second factor (MFA).
register_acting_role(lambda user: bool(evaluated_round_ids(user)))
