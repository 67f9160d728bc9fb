"""Annual subsidies: the tiers staff set up, edit (while nothing is awarded under them) and
retire, and the awards they make, one or many at once. Every change of a tier is in its
history (who, when, which fields from what to what)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communities.duties import is_involved
from portal.history import log_event, move_to, record_start, require_move

from ..models import Programme, SubsidyAward, SubsidyTier
from ..tiers import standing

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


EDITED_FIELDS = ("name", "amount", "order", *TIER_FIELDS)


def _check_tier(programme, values, tier=None):
    """The invariants of a tier's conditions, each message beside its field."""
    errors = {}
    if not str(values.get("name") or "").strip():
        errors["name"] = _("Name the tier.")
    amount = values.get("amount")
    if amount is None or Decimal(amount) <= 0:
        errors["amount"] = _("Give the subsidy a year, more than 0 EUR.")
    previous, percent = values.get("previous_tier"), values.get("min_spent_percent")
    if percent is not None and previous is None:
        errors["min_spent_percent"] = _(
            "The share spent is asked of an earlier tier's subsidy: choose that tier too."
        )
    elif percent is not None and not 0 <= percent <= 100:
        errors["min_spent_percent"] = _("Give a percentage from 0 to 100.")
    if previous is not None and (
        previous.programme_id != programme.pk or (tier is not None and previous.pk == tier.pk)
    ):
        errors["previous_tier"] = _("Choose another tier of this programme.")
    cap, least = values.get("members_cap"), values.get("min_members")
    if cap is not None and least is not None and cap < least:
        errors["members_cap"] = _("The most members asked cannot be fewer than the least.")
    if errors:
        raise ValidationError(errors, code="invalid_tier")


def _json(value):
    """A tier's value as its history keeps it (JSON): a tier by its name, money as text."""
    if isinstance(value, SubsidyTier):
        return value.name
    if isinstance(value, Decimal):
        return str(value)
    return value


@transaction.atomic
def add_tier(*, actor, programme: Programme, name: str, amount, order: int = 0, **conditions):
    """Set up a tier of an annual subsidy programme (staff's page and the demo)."""
    if programme.kind != Programme.Kind.SUBSIDY:
        raise ValidationError(_("Only an annual subsidy programme has tiers."))
    unknown = set(conditions) - set(TIER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown tier conditions: {sorted(unknown)}")
    _check_tier(programme, {"name": name, "amount": amount, **conditions})
    tier = SubsidyTier.objects.create(
        programme=programme, name=name.strip(), amount=amount, order=order, **conditions
    )
    record_start(tier, actor=actor)
    return tier


def tier_is_awarded(tier) -> bool:
    return SubsidyAward.objects.filter(tier=tier).exists()


@transaction.atomic
def change_tier(*, actor, tier: SubsidyTier, **values) -> SubsidyTier:
    """Change a tier's name, amount or conditions: only while nothing is awarded under it
    (the awards were decided on these conditions) and it is offered."""
    unknown = set(values) - set(EDITED_FIELDS)
    if unknown:
        raise TypeError(f"Unknown tier fields: {sorted(unknown)}")
    tier = SubsidyTier.objects.select_for_update().get(pk=tier.pk)
    if tier.is_retired:
        raise ValidationError(_("A retired tier is not changed."), code="retired")
    if tier_is_awarded(tier):
        raise ValidationError(
            _(
                "Subsidies are awarded under this tier, so its conditions stay as they were "
                "decided on. Retire it and set up a new tier instead."
            ),
            code="awarded",
        )
    merged = {name: getattr(tier, name) for name in EDITED_FIELDS}
    merged.update(values)
    _check_tier(tier.programme, merged, tier)
    changed = []
    for name, new in values.items():
        old = getattr(tier, name)
        if isinstance(new, str):
            new = new.strip()
        if old != new:
            changed.append([name, _json(old), _json(new)])
            setattr(tier, name, new)
    if changed:
        tier.save()
        log_event(tier, "fields_changed", actor=actor, data={"fields": changed})
    return tier


@transaction.atomic
def retire_tier(*, actor, tier: SubsidyTier, reason: str = "") -> SubsidyTier:
    """No longer offer or award the tier; it stays with its awards and history."""
    require_move(tier, SubsidyTier.Status.RETIRED, _("This tier is already retired."))
    move_to(tier, SubsidyTier.Status.RETIRED, actor=actor, reason=reason.strip())
    return tier


@transaction.atomic
def award_subsidies(*, actor, tier: SubsidyTier, communities, year: int) -> list[SubsidyAward]:
    """Award the tier for the year to every community given that meets it (bulk)."""
    communities = list(communities)
    if tier.is_retired:
        raise ValidationError(_("A retired tier is no longer awarded."), code="retired")
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
