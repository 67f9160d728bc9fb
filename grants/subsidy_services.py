"""Annual subsidies: the tiers staff define and the awards they make, one or many at once."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communities.duties import is_involved

from .models import Programme, SubsidyAward, SubsidyTier
from .tiers import standing

TIER_FIELDS = (
    "min_declared_residents",
    "min_events",
    "event_min_attendance",
    "min_joint_opinions",
    "tradition_min_attendance",
    "min_members",
    "members_more_each_award",
    "members_cap",
    "min_registered_years",
    "previous_tier",
    "min_spent_percent",
)


@transaction.atomic
def add_tier(*, actor, programme: Programme, name: str, amount, order: int = 0, **conditions):
    if programme.kind != Programme.Kind.SUBSIDY:
        raise ValidationError(_("Only an annual subsidy programme has tiers."))
    unknown = set(conditions) - set(TIER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown tier conditions: {sorted(unknown)}")
    return SubsidyTier.objects.create(
        programme=programme, name=name, amount=amount, order=order, **conditions
    )


@transaction.atomic
def award_subsidies(*, actor, tier: SubsidyTier, communities, year: int) -> list[SubsidyAward]:
    """Award the tier for the year to every community given that meets it (bulk)."""
    communities = list(communities)
    refused = []
    rows = standing(tier.programme, communities, year)
    awards = []
    for community, results, _best in rows:
        result = next(r for r in results if r.tier.pk == tier.pk)
        if is_involved(actor, community):
            refused.append(
                _("%(name)s: you belong to it, so someone else decides.") % {"name": community}
            )
            continue
        if not result.met:
            refused.append(
                _("%(name)s does not meet the tier: %(missing)s")
                % {"name": community, "missing": "; ".join(result.missing)}
            )
            continue
        award, created = SubsidyAward.objects.get_or_create(
            tier=tier,
            community=community,
            year=year,
            defaults={"amount": tier.amount, "awarded_by": actor},
        )
        if created:
            awards.append(award)
    if refused:
        raise ValidationError(refused, code="not_met")
    return awards
