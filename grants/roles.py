"""Evaluators come from assignment rows, loaded once per request through ``portal.roles``.

Whether someone is assigned anywhere (they must then use MFA) is asked on every signed-in
request by the MFA middleware: read with the person's own query (``portal.roles.flag_kind``),
never kept between requests, so an assignment, its removal and a round's closing count from
the next request on, with nothing to renew.
"""

from portal.roles import flag_kind, forget, per_request, register_acting_role

_KIND = "grant_evaluator_rounds"


def _assignments(user_pk):
    from .models import EvaluatorAssignment, Round

    return EvaluatorAssignment.objects.filter(user=user_pk).exclude(
        round__status=Round.Status.CLOSED
    )


flag_kind(_KIND, _assignments)


def _load_rounds(user):
    # No order: the model's (by round) would sort a set.
    return frozenset(_assignments(user.pk).order_by().values_list("round_id", flat=True))


def evaluated_round_ids(user):
    """The rounds (not yet closed) the user is assigned to evaluate."""
    return per_request(user, _KIND, _load_rounds)


def forget_evaluator_roles(user):
    forget(user, _KIND)


def evaluates_anywhere(user):
    """Assigned to a round that is not closed (the request's rows)."""
    return bool(evaluated_round_ids(user))


# Assigned evaluators act for the municipality: they must use a second factor (MFA).
register_acting_role(evaluates_anywhere)
