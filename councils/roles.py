"""A person's council seats, loaded from term rows once per request through ``portal.roles``.

A council member is someone whose term on one of a council's seats runs today. When the
term ends, so does every right that came with it: nothing is kept on the user row.
"""

from django.utils import timezone

from portal.roles import forget, per_request
from portal.shapes import shape

_KIND = "council_seats"


@shape
def _sitting_of(user_id, day):
    from .models import Term

    return (
        Term.objects.sitting(day).filter(member=user_id).values_list("seat__council_id", flat=True)
    )


def _load_sitting(user):
    return frozenset(_sitting_of(user.pk, timezone.localdate()))


def sitting_council_ids(user):
    """The ids of the councils the user sits on today (one query a request)."""
    return per_request(user, _KIND, _load_sitting)


def forget_council_seats(user):
    forget(user, _KIND)
