"""A person's council seats, loaded from term rows once per request through ``portal.roles``.

A council member is someone whose term on one of a council's seats runs today. When the
term ends, so does every right that came with it: nothing is kept on the user row.
"""

from portal.roles import forget, per_request

_KIND = "council_seats"


def _load_sitting(user):
    from .models import Term

    return frozenset(
        Term.objects.sitting().filter(member=user).values_list("seat__council_id", flat=True)
    )


def sitting_council_ids(user):
    """The ids of the councils the user sits on today (one query a request)."""
    return per_request(user, _KIND, _load_sitting)


def forget_council_seats(user):
    forget(user, _KIND)
