"""Evaluators come from assignment rows, loaded once per request through ``portal.roles``.

Whether someone is assigned anywhere (they must then use MFA) is asked on every request by
the MFA middleware; the answer is kept in the shared cache for a few minutes, so pages that
have nothing to do with grants run no query for it. Assigning, unassigning and closing a
round forget it at once.
"""

from django.core.cache import cache

from portal.roles import forget, per_request, register_acting_role

_KIND = "grant_evaluator_rounds"
CACHE_SECONDS = 300


def _cache_key(user_id):
    return f"grants:evaluates:{user_id}"


def _load_rounds(user):
    from .models import EvaluatorAssignment, Round

    return frozenset(
        EvaluatorAssignment.objects.filter(user=user)
        .exclude(round__status=Round.Status.CLOSED)
        .order_by()  # the model's order (by round) would sort a set
        .values_list("round_id", flat=True)
    )


def evaluated_round_ids(user):
    """The rounds (not yet closed) the user is assigned to evaluate."""
    return per_request(user, _KIND, _load_rounds)


def forget_evaluator_roles(user):
    forget(user, _KIND)
    cache.delete(_cache_key(user.pk))


def forget_evaluators(user_ids):
    cache.delete_many([_cache_key(pk) for pk in user_ids])


def evaluates_anywhere(user):
    """Assigned to a round that is not closed (cached; see the module's docstring)."""
    key = _cache_key(user.pk)
    found = cache.get(key)
    if found is None:
        found = bool(evaluated_round_ids(user))
        cache.set(key, found, CACHE_SECONDS)
    return found


# Assigned evaluators act for the municipality: they must use a second factor (MFA).
register_acting_role(evaluates_anywhere)
