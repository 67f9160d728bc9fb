"""An annual subsidy's spending report, accepted or returned."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.links import municipality_url
from portal.outbox import Kind, notify, register

from .base import _admins_of

SPENDING_REVIEWED = "subsidy-spending-reviewed"


def _spending_admins(report, change=None):
    from ..models import SpendingReport

    community = SpendingReport.objects.values_list("award__community_id", flat=True).get(pk=report)
    return _admins_of([community])


def _spending_context(report, change):
    from ..models import SpendingReport

    report = SpendingReport.objects.select_related(
        "award__tier__programme", "award__community__municipality"
    ).get(pk=report)
    award = report.award
    row = report.changes.filter(pk=change).values("reason", "to_status").first() or {}
    return {
        "report": report,
        "award": award,
        "tier": award.tier,
        "community": award.community,
        "accepted": row.get("to_status") == report.Status.ACCEPTED,
        "reason": row.get("reason", ""),
        "url": lambda: municipality_url(
            award.community.municipality, reverse("grants:spending-report", args=[award.pk])
        ),
    }


register(
    Kind(
        code=SPENDING_REVIEWED,
        label=_("The municipality accepted or returned our report on spending a subsidy"),
        audience=_("leaders and board of the community awarded the subsidy"),
        template="grants/emails/spending_reviewed",
        recipients=_spending_admins,
        context=_spending_context,
    )
)


def tell_spending_reviewed(report, change):
    notify(
        SPENDING_REVIEWED,
        occasion=change.pk,
        municipality=report.award.community.municipality,
        ids={"report": report.pk, "change": change.pk},
    )
