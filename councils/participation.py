"""What councils offer to the participation index (``portal.participation``): open
nomination periods of advisory councils, and residents' council elections while candidates
stand and until voting ends.

The index is read on every visit: one narrow query each for the periods and the elections
(the council's name and address, the residents' council's territory joined), no model
instances, each link put into one reversed address."""

from types import SimpleNamespace

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.dates import short_date
from portal.participation import Opportunity
from portal.shapes import shape
from portal.text import Once

from .models import Council, Election, NominationPeriod

SLUG, PK = "--slug--", "9999999"


@shape
def _periods_open(municipality_id, today):
    return (
        NominationPeriod.objects.filter(
            council__municipality=municipality_id,
            council__status=Council.Status.ACTIVE,
            opens_on__lte=today,
            closes_on__gte=today,
        )
        .order_by("closes_on", "pk")
        .values_list("pk", "closes_on", "council__name", "council__slug")
    )


@shape
def _elections_open(municipality_id, today):
    return (
        Election.objects.filter(
            council__municipality=municipality_id,
            council__status=Council.Status.ACTIVE,
            status=Election.Status.OPEN,
        )
        .filter(Q(stand_until__gte=today) | Q(votes_until__gte=today))
        .order_by("votes_until", "pk")
        .values_list(
            "pk",
            "stand_until",
            "votes_from",
            "votes_until",
            "council__name",
            "council__slug",
            "council__territory_id",
            "council__territory__name",
            "council__territory__slug",
            "council__territory__sort_name",
        )
    )


def opportunities(municipality, today):
    periods = _periods_open(municipality.pk, today)
    elections = _elections_open(municipality.pk, today)
    days = Once(short_date)
    council_url = reverse("councils:council-detail", kwargs={"slug": SLUG})
    election_url = reverse("councils:election-detail", kwargs={"slug": SLUG, "pk": PK})
    nominations = _("council nominations")
    for pk, closes_on, name, slug in periods:
        yield Opportunity(
            uid=f"council-nominations-{pk}",
            kind=nominations,
            title=_("%(council)s: nominations") % {"council": name},
            url=council_url.replace(SLUG, slug),
            how=_(
                "A community's leader nominates a member on the portal until %(date)s; the "
                "member then consents."
            )
            % {"date": days[closes_on]},
            deadline=closes_on,
            audiences=("communities", "ngos"),
        )
    election = _("residents' council election")
    for pk, stand_until, votes_from, votes_until, name, slug, *area in elections:
        territory_id, territory_name, territory_slug, sort_name = area
        territories = ()
        if territory_id is not None:
            territories = (
                SimpleNamespace(
                    pk=territory_id, name=territory_name, slug=territory_slug, sort_name=sort_name
                ),
            )
        url = election_url.replace(SLUG, slug).replace(PK, str(pk))
        if stand_until >= today:
            yield Opportunity(
                uid=f"council-election-{pk}-candidates",
                kind=election,
                title=_("%(council)s: standing as a candidate") % {"council": name},
                url=url,
                how=_(
                    "Residents of the council's territory stand as candidates on the portal "
                    "until %(date)s."
                )
                % {"date": days[stand_until]},
                deadline=stand_until,
                territories=territories,
                audiences=("residents",),
            )
        if votes_until >= today:
            yield Opportunity(
                uid=f"council-election-{pk}-vote",
                kind=election,
                title=_("%(council)s: voting") % {"council": name},
                url=url,
                how=_(
                    "Residents of the council's territory vote on the portal from %(start)s "
                    "until %(end)s."
                )
                % {"start": days[votes_from], "end": days[votes_until]},
                deadline=votes_until,
                territories=territories,
                audiences=("residents",),
            )
