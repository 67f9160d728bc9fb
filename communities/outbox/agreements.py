"""An agreement's term ends: the municipality's staff and the community's leaders and board
are reminded 60 and 30 days before (a deadline of the kit's sweep)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from portal.outbox import Deadline, Kind, Occasion, register, register_deadline

from ..models import Agreement
from .base import _admins_of, _url

# An agreement's term ends: staff and the community's leaders, 60 and 30 days before -----

AGREEMENT_ENDING = "agreement-ending-reminder"


def _ending_context(agreement, due, days):
    agreement = Agreement.objects.select_related("community", "municipality").get(pk=agreement)
    return {
        "agreement": agreement,
        "due": datetime.date.fromisoformat(due),
        "days": days,
        "url": _url(agreement.municipality, "practice:agreement-detail", pk=agreement.pk),
    }


register(
    Kind(
        code=AGREEMENT_ENDING,
        label=_("Reminder that an agreement with a community ends soon"),
        audience=_("the municipality's staff and the community's leaders and board"),
        template="communities/agreements/emails/agreement_ending",
        # No recipients(): the reminder sweep writes it with the people it found.
        context=_ending_context,
    )
)


def _ending_dates(today):
    """Signed agreements ending within the next 60 days (the earliest reminder)."""
    horizon = today + datetime.timedelta(days=max(ENDING_DAYS))
    rows = (
        Agreement.objects.filter(
            status=Agreement.Status.SIGNED, ends_on__gte=today, ends_on__lte=horizon
        )
        .select_related("municipality")
        .order_by("ends_on", "pk")
    )
    for agreement in rows:
        yield agreement.ends_on, agreement


def _agreement_people(agreement, due):
    staff = get_user_model().objects.filter(
        is_active=True, staff_roles__municipality_id=agreement.municipality_id
    )
    people = {user.pk: user for user in staff}
    for user in _admins_of(agreement.community_id):
        people.setdefault(user.pk, user)
    yield Occasion(
        municipality=agreement.municipality,
        occasion=str(agreement.pk),
        ids={"agreement": agreement.pk},
        recipients=list(people.values()),
    )


ENDING_DAYS = (60, 30)


register_deadline(
    Deadline(
        code="agreement-ends",
        kind=AGREEMENT_ENDING,
        label=_("An agreement with a community ends"),
        dues=_ending_dates,
        occasions=_agreement_people,
        days_before=ENDING_DAYS,
        working_days=False,
    )
)
