"""What grants offer to the participation index: rounds open for applications
(``portal.participation``)."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.participation import Opportunity

from .models import Round


def opportunities(municipality, today):
    rounds = (
        Round.objects.of(municipality)
        .open(now=timezone.now())
        .select_related("programme")
        .order_by("deadline", "pk")
    )
    for round_ in rounds:
        deadline = timezone.localtime(round_.current_deadline)
        when = formats.date_format(deadline, "SHORT_DATETIME_FORMAT")
        how = [_("A community's leader applies on the portal until %(when)s.") % {"when": when}]
        if round_.seminar_on and round_.seminar_on >= today:
            seminar = formats.date_format(round_.seminar_on, "SHORT_DATE_FORMAT")
            how.append(_("Application seminar: %(date)s.") % {"date": seminar})
        yield Opportunity(
            uid=f"grant-round-{round_.pk}",
            kind=round_.programme.get_kind_display(),
            title=round_.title,
            url=round_.get_absolute_url(),
            how=" ".join(how),
            deadline=deadline.date(),
            audiences=("communities", "ngos"),
        )
