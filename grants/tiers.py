"""Which subsidy tier a community meets for a year, and exactly what is missing.

``facts_for(communities, year)`` reads the activity record of many communities in a fixed
number of queries; ``evaluate(tier, facts)`` compares one tier's conditions with them.
``meets(tier, year)`` says the same as a filter on communities, so that the staff dashboard
counts the communities meeting each tier in the database, reading none of them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual, LessThanOrEqual
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from communities.models import Event, JointOpinion, Membership

from .models import SubsidyAward


@dataclass
class Facts:
    declared_residents: int = 0
    has_evidence: bool = False
    events_by_attendance: list = field(default_factory=list)
    best_tradition: int = 0
    joint_opinions: int = 0
    members: int = 0
    new_members: int = 0
    registered_on: datetime.date | None = None
    awards: dict = field(default_factory=dict)  # tier_id -> [(year, amount, spent)]


@dataclass
class Condition:
    label: str
    met: bool
    missing: str = ""


@dataclass
class TierResult:
    tier: object
    conditions: list

    @property
    def met(self):
        return all(c.met for c in self.conditions)

    @property
    def missing(self):
        return [c.missing for c in self.conditions if not c.met]


def facts_for(communities, year) -> dict[int, Facts]:
    """The year's record of each community (five queries, whatever their number)."""
    communities = list(communities)
    ids = [c.pk for c in communities]
    facts = {
        c.pk: Facts(
            declared_residents=c.declared_residents or 0,
            has_evidence=bool(c.residents_evidence or c.supporting_document),
            registered_on=c.registered_on,
        )
        for c in communities
    }
    events = Event.objects.recorded().filter(
        community_id__in=ids,
        date__year=year,
        attendance__isnull=False,
        date__lte=datetime.date.today(),
    )
    for community_id, kind, attendance in events.values_list("community_id", "kind", "attendance"):
        facts[community_id].events_by_attendance.append(attendance)
        if kind == Event.Kind.TRADITION:
            facts[community_id].best_tradition = max(facts[community_id].best_tradition, attendance)
    for row in (
        JointOpinion.objects.recorded()
        .filter(community_id__in=ids, sent_on__year=year)
        .values("community_id")
        .annotate(n=Count("pk"))
    ):
        facts[row["community_id"]].joint_opinions = row["n"]
    for row in (
        Membership.objects.filter(community_id__in=ids, status=Membership.Status.ACTIVE)
        .values("community_id")
        .annotate(
            n=Count("pk"),
            new=Count("pk", filter=Q(decided_at__year=year)),
            last=Max("decided_at"),
        )
    ):
        facts[row["community_id"]].members = row["n"]
        facts[row["community_id"]].new_members = row["new"]
    for award in SubsidyAward.objects.filter(community_id__in=ids, year__lt=year):
        facts[award.community_id].awards.setdefault(award.tier_id, []).append(
            (award.year, award.amount, award.spent_amount)
        )
    return facts


def evaluate(tier, facts: Facts, year: int) -> TierResult:
    conditions = []

    def need(label, have, want, missing):
        conditions.append(Condition(label, have >= want, "" if have >= want else missing))

    if tier.min_declared_residents is not None:
        have = facts.declared_residents if facts.has_evidence else 0
        need(
            _("residents united, with evidence: at least %(n)s")
            % {"n": tier.min_declared_residents},
            have,
            tier.min_declared_residents,
            ngettext(
                "%(n)s more resident united, with evidence",
                "%(n)s more residents united, with evidence",
                tier.min_declared_residents - have,
            )
            % {"n": tier.min_declared_residents - have},
        )
    if tier.min_events is not None:
        have = sum(1 for a in facts.events_by_attendance if a >= tier.event_min_attendance)
        need(
            ngettext(
                "%(n)s event gathering at least %(people)s residents",
                "%(n)s events gathering at least %(people)s residents",
                tier.min_events,
            )
            % {"n": tier.min_events, "people": tier.event_min_attendance},
            have,
            tier.min_events,
            ngettext(
                "%(n)s more event gathering at least %(people)s residents",
                "%(n)s more events gathering at least %(people)s residents",
                tier.min_events - have,
            )
            % {"n": tier.min_events - have, "people": tier.event_min_attendance},
        )
    if tier.min_joint_opinions is not None:
        need(
            ngettext(
                "%(n)s joint opinion submitted",
                "%(n)s joint opinions submitted",
                tier.min_joint_opinions,
            )
            % {"n": tier.min_joint_opinions},
            facts.joint_opinions,
            tier.min_joint_opinions,
            ngettext(
                "%(n)s more joint opinion",
                "%(n)s more joint opinions",
                tier.min_joint_opinions - facts.joint_opinions,
            )
            % {"n": tier.min_joint_opinions - facts.joint_opinions},
        )
    if tier.tradition_min_attendance is not None:
        need(
            ngettext(
                "a neighbourhood tradition with at least %(n)s participant",
                "a neighbourhood tradition with at least %(n)s participants",
                tier.tradition_min_attendance,
            )
            % {"n": tier.tradition_min_attendance},
            facts.best_tradition,
            tier.tradition_min_attendance,
            ngettext(
                "a neighbourhood tradition with at least %(n)s participant",
                "a neighbourhood tradition with at least %(n)s participants",
                tier.tradition_min_attendance,
            )
            % {"n": tier.tradition_min_attendance},
        )
    if tier.min_members is not None:
        earlier = len(facts.awards.get(tier.pk, []))
        want = tier.min_members + tier.members_more_each_award * earlier
        if tier.members_cap is not None:
            want = min(want, tier.members_cap)
        need(
            ngettext("at least %(n)s member", "at least %(n)s members", want) % {"n": want},
            facts.members,
            want,
            ngettext("%(n)s more member", "%(n)s more members", want - facts.members)
            % {"n": want - facts.members},
        )
    if tier.min_registered_years is not None:
        # Counted from the date the Register of Enterprises registered the association (its
        # key facts, checked by staff at verification), to the year's last day.
        registered = facts.registered_on
        label = ngettext(
            "registered for at least %(n)s year",
            "registered for at least %(n)s years",
            tier.min_registered_years,
        ) % {"n": tier.min_registered_years}
        if registered is None:
            missing = _(
                "the date the Register of Enterprises registered the community: its key facts "
                "give none (an informal group is not registered; an association adds the date "
                "by changing its key facts)"
            )
            conditions.append(Condition(label, tier.min_registered_years <= 0, missing))
        else:
            years = year - registered.year
            need(
                label,
                years,
                tier.min_registered_years,
                ngettext(
                    "registered for %(n)s more year",
                    "registered for %(n)s more years",
                    tier.min_registered_years - years,
                )
                % {"n": tier.min_registered_years - years},
            )
    if tier.previous_tier_id is not None:
        previous = facts.awards.get(tier.previous_tier_id, [])
        share = Decimal(tier.min_spent_percent or 0)
        ok = any(
            spent is not None and amount and spent * 100 / amount >= share
            for _year, amount, spent in previous
        )
        label = _("had the subsidy of “%(tier)s” and spent at least %(p)s %% of it") % {
            "tier": tier.previous_tier.name,
            "p": tier.min_spent_percent or 0,
        }
        conditions.append(Condition(label, ok, "" if ok else label))
    return TierResult(tier, conditions)


def standing(programme, communities, year, *, tiers=None, facts=None):
    """``[(community, [TierResult, ...], best tier met or None)]`` for the programme's tiers
    (``tiers`` and ``facts`` when the caller has read them already)."""
    if tiers is None:
        tiers = list(programme.tiers.offered().select_related("previous_tier"))
    if facts is None:
        facts = facts_for(communities, year)
    rows = []
    for community in communities:
        results = [evaluate(tier, facts[community.pk], year) for tier in tiers]
        met = [r.tier for r in results if r.met]
        best = max(met, key=lambda t: t.amount) if met else None
        rows.append((community, results, best))
    return rows


def _events_of(year):
    """The events ``facts_for`` reads: recorded, of the year, held by today, with attendance."""
    return Event.objects.recorded().filter(
        date__year=year, attendance__isnull=False, date__lte=datetime.date.today()
    )


def _per_community(rows, value=None):
    """A correlated subquery: the count of ``rows`` of each community (or the greatest
    ``value``), 0 when it has none."""
    rows = rows.filter(community_id=OuterRef("pk")).order_by().values("community_id")
    found = Max(value) if value else Count("pk")
    return Coalesce(Subquery(rows.annotate(found=found).values("found")), 0)


def _earlier_awards(tier, year):
    return SubsidyAward.objects.filter(tier_id=tier.pk, year__lt=year)


def _spent_enough(tier, year):
    """Had the previous tier's subsidy and spent at least the tier's share of it."""
    share = Decimal(tier.min_spent_percent or 0)
    spent = ExpressionWrapper(F("spent_amount") * 100, output_field=DecimalField())
    used = ExpressionWrapper(F("amount") * share, output_field=DecimalField())
    return Exists(
        SubsidyAward.objects.filter(
            Q(amount__gt=0) & Q(GreaterThanOrEqual(spent, used))
            | Q(amount__lt=0) & Q(LessThanOrEqual(spent, used)),
            community_id=OuterRef("pk"),
            tier_id=tier.previous_tier_id,
            year__lt=year,
            spent_amount__isnull=False,
        )
    )


def with_facts(communities, tiers, year):
    """``communities`` as rows of the facts of ``year`` that ``tiers`` ask about (``values``
    of the few columns ``meets`` reads, and one correlated subquery, an index lookup per
    community, for each fact), for ``meets`` to compare."""
    facts = {
        "tier_evidence": ExpressionWrapper(
            ~Q(residents_evidence="") | ~Q(supporting_document=""), output_field=BooleanField()
        )
    }
    for tier in tiers:
        if tier.min_events:
            events = _events_of(year).filter(attendance__gte=tier.event_min_attendance)
            facts[f"tier_events_{tier.event_min_attendance}"] = _per_community(events)
        if tier.min_joint_opinions:
            opinions = JointOpinion.objects.recorded().filter(sent_on__year=year)
            facts["tier_opinions"] = _per_community(opinions)
        if tier.tradition_min_attendance:
            traditions = _events_of(year).filter(kind=Event.Kind.TRADITION)
            facts["tier_tradition"] = _per_community(traditions, "attendance")
        if tier.min_members is not None:
            members = Membership.objects.filter(status=Membership.Status.ACTIVE)
            facts["tier_members"] = _per_community(members)
            if tier.members_more_each_award:
                facts[f"tier_awards_{tier.pk}"] = _per_community(_earlier_awards(tier, year))
        if tier.previous_tier_id is not None:
            facts[f"tier_spent_{tier.pk}"] = _spent_enough(tier, year)
    columns = ("pk", "status", "declared_residents", "registered_on")
    return communities.annotate(**facts).values(*columns, *facts)


def meets(tier, year) -> Q:
    """The communities meeting ``tier`` in ``year``, decided in the database by the rules of
    ``evaluate`` (``tests/grants/test_tiers_in_database.py`` runs both over one world and
    demands they agree): a filter on communities annotated by ``with_facts``, so that
    counting them reads no row into Python. A condition asking for nothing (none, or at
    least 0) is met by everyone, as in ``evaluate``."""
    condition = Q()
    if tier.min_declared_residents:
        condition &= Q(declared_residents__gte=tier.min_declared_residents, tier_evidence=True)
    if tier.min_events:
        condition &= Q(**{f"tier_events_{tier.event_min_attendance}__gte": tier.min_events})
    if tier.min_joint_opinions:
        condition &= Q(tier_opinions__gte=tier.min_joint_opinions)
    if tier.tradition_min_attendance:
        condition &= Q(tier_tradition__gte=tier.tradition_min_attendance)
    if tier.min_members is not None:
        want = tier.min_members
        if tier.members_more_each_award:
            want += tier.members_more_each_award * F(f"tier_awards_{tier.pk}")
            if tier.members_cap is not None:
                cap = Value(tier.members_cap, output_field=IntegerField())
                want = Case(When(GreaterThan(want, cap), then=cap), default=want)
        elif tier.members_cap is not None:
            want = min(want, tier.members_cap)
        if not isinstance(want, int) or want > 0:
            condition &= Q(tier_members__gte=want)
    if tier.min_registered_years:
        # ``evaluate`` counts whole years from the date of registration in the register to
        # the year's last day: at least n years when registered before 1 January of
        # year - n + 1 (a community without the date does not meet it).
        first = datetime.date(year - tier.min_registered_years + 1, 1, 1)
        condition &= Q(registered_on__lt=first)
    if tier.previous_tier_id is not None:
        condition &= Q(**{f"tier_spent_{tier.pk}": True})
    return condition


def awarded_ids(programme, year):
    rows = SubsidyAward.objects.filter(tier__programme=programme, year=year)
    found = defaultdict(set)
    for tier_id, community_id in rows.values_list("tier_id", "community_id"):
        found[community_id].add(tier_id)
    return found
