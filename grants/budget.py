"""The application's sums and the round's rules about them, computed in one place.

Totals: the project total is the sum of the budget lines; administrative costs are the lines
of project management, organisation and accounting; the requested amount is the total less
the community's own money. In-kind contributions (premises, work) are valued at market
prices without receipts and counted apart.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from .models import BudgetLine

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Totals:
    total_cost: Decimal
    admin_cost: Decimal
    in_kind_total: Decimal
    requested_amount: Decimal

    @property
    def admin_share(self):
        if not self.total_cost:
            return ZERO
        return (self.admin_cost * 100 / self.total_cost).quantize(CENT, ROUND_HALF_UP)


def money(amount) -> str:
    """``1 234,56 €`` in Latvian, ``1,234.56 €`` in English: Django's formats, never by hand."""
    number = formats.number_format(
        Decimal(amount).quantize(CENT), 2, use_l10n=True, force_grouping=True
    )
    return f"{number} €"


def compute(lines, in_kind, own_contribution) -> Totals:
    """``lines``: dicts with ``category`` and ``amount``; ``in_kind``: dicts with ``value``."""
    total = sum((Decimal(line["amount"]) for line in lines), ZERO)
    admin = sum(
        (
            Decimal(line["amount"])
            for line in lines
            if line["category"] in BudgetLine.ADMINISTRATIVE
        ),
        ZERO,
    )
    kind_total = sum((Decimal(item["value"]) for item in in_kind), ZERO)
    requested = max(total - Decimal(own_contribution or 0), ZERO)
    return Totals(total, admin, kind_total, requested)


def problems(round_, totals: Totals, *, in_kind_count: int) -> dict[str, list[str]]:
    """What the round's rules refuse, by the part of the form it belongs to."""
    found: dict[str, list[str]] = {}
    cap = round_.admin_cap_percent
    if cap is not None and totals.total_cost and totals.admin_share > cap:
        allowed = (totals.total_cost * cap / 100).quantize(CENT)
        found.setdefault("budget", []).append(
            _(
                "Administrative costs (project management, organisation and accounting) are "
                "%(share)s %% of the project total; this round accepts at most %(cap)s %%, "
                "that is %(allowed)s of %(total)s. Lower them or move the work to other lines."
            )
            % {
                "share": formats.number_format(totals.admin_share, 2),
                "cap": formats.number_format(cap, 2),
                "allowed": money(allowed),
                "total": money(totals.total_cost),
            }
        )
    if round_.max_request is not None and totals.requested_amount > round_.max_request:
        found.setdefault("budget", []).append(
            _(
                "You request %(requested)s; this round gives at most %(max)s to one "
                "application. Lower the costs or add more of the community's own money."
            )
            % {"requested": money(totals.requested_amount), "max": money(round_.max_request)}
        )
    elif totals.requested_amount > round_.budget:
        found.setdefault("budget", []).append(
            _("You request %(requested)s; the whole round has %(budget)s.")
            % {"requested": money(totals.requested_amount), "budget": money(round_.budget)}
        )
    if round_.min_request is not None and totals.requested_amount < round_.min_request:
        found.setdefault("budget", []).append(
            _("You request %(requested)s; this round gives at least %(min)s to one application.")
            % {"requested": money(totals.requested_amount), "min": money(round_.min_request)}
        )
    if in_kind_count and not round_.in_kind_accepted:
        found.setdefault("in_kind", []).append(
            _("This round does not accept in-kind co-financing; remove these lines.")
        )
    return found
