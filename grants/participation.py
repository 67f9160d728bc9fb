"""What grants offer to the participation index: rounds open for applications
(``portal.participation``).

The index is read on every visit: the rounds are read with only the columns it shows and
their programme's kind (one narrow query, no model instances), each link put into one
reversed address."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.participation import Opportunity
from portal.shapes import shape

from .models import Programme, Round

SLUG = "--slug--"


@shape
def _rounds_open(municipality_id, now):
    return (
        Round.objects.filter(municipality=municipality_id)
        .open(now=now)
        .order_by("deadline", "pk")
        .values_list(
            "pk",
            "title",
            "slug",
            "status",
            "deadline",
            "full_deadline",
            "seminar_on",
            "programme__kind",
        )
    )


def opportunities(municipality, today):
    rounds = _rounds_open(municipality.pk, timezone.now())
    kinds = dict(Programme.Kind.choices)
    url = reverse("grants:round-detail", kwargs={"slug": SLUG})
    for pk, title, slug, status, deadline, full_deadline, seminar_on, kind in rounds:
        # Round.current_deadline
        deadline = full_deadline if status == Round.Status.FULL_STAGE else deadline
        deadline = timezone.localtime(deadline)
        when = formats.date_format(deadline, "SHORT_DATETIME_FORMAT")
        how = [_("A community's leader applies on the portal until %(when)s.") % {"when": when}]
        if seminar_on and seminar_on >= today:
            seminar = formats.date_format(seminar_on, "SHORT_DATE_FORMAT")
            how.append(_("Application seminar: %(date)s.") % {"date": seminar})
        yield Opportunity(
            uid=f"grant-round-{pk}",
            kind=str(kinds.get(kind, kind)),  # Programme.get_kind_display
            title=title,
            url=url.replace(SLUG, slug),
            how=" ".join(how),
            deadline=deadline.date(),
            audiences=("communities", "ngos"),
        )
