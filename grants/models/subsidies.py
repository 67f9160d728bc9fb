"""Annual subsidy tiers: conditions over a community's activity record for a year."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange

from .rounds import MONEY, Programme


class SubsidyTierQuerySet(models.QuerySet):
    def offered(self):
        """The tiers communities may meet and staff award (retired ones are history)."""
        return self.filter(status=SubsidyTier.Status.OFFERED)

    def of(self, municipality):
        return self.filter(programme__municipality=municipality)


class SubsidyTier(LifecycleMixin, models.Model):
    """One tier of an annual subsidy programme, set up by staff (``grants.services.subsidies``).
    Empty conditions are not asked. Edited only while nothing is awarded under it; retired
    (kept for the awards' history, no longer offered) rather than deleted."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("offered")
        RETIRED = "retired", _("retired")

    lifecycle = Lifecycle(
        {Status.OFFERED: {Status.RETIRED: "retire"}},
        start={Status.OFFERED: "set up"},
        history="changes",
    )

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tiers")
    name = models.CharField(_("tier"), max_length=200)
    amount = models.DecimalField(_("subsidy a year (EUR)"), **MONEY)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    min_declared_residents = models.PositiveIntegerField(
        _("residents united, with evidence (at least)"), null=True, blank=True
    )
    min_events = models.PositiveSmallIntegerField(
        _("events in the year (at least)"), null=True, blank=True
    )
    event_min_attendance = models.PositiveIntegerField(
        _("residents each of those events gathered (at least)"), default=0
    )
    min_joint_opinions = models.PositiveSmallIntegerField(
        _("joint opinions submitted in the year (at least)"), null=True, blank=True
    )
    tradition_min_attendance = models.PositiveIntegerField(
        _("a neighbourhood tradition with at least this attendance"), null=True, blank=True
    )
    min_members = models.PositiveIntegerField(_("members (at least)"), null=True, blank=True)
    members_more_each_award = models.PositiveSmallIntegerField(
        _("more members asked at each later award"), default=0
    )
    members_cap = models.PositiveIntegerField(
        _("members asked at most (the growth condition is waived here)"), null=True, blank=True
    )
    min_registered_years = models.PositiveSmallIntegerField(
        _("registered for years (at least)"), null=True, blank=True
    )
    previous_tier = models.ForeignKey(
        "self",
        verbose_name=_("had this tier's subsidy before"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    min_spent_percent = models.PositiveSmallIntegerField(
        _("and spent at least this percentage of it"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OFFERED
    )

    objects = SubsidyTierQuerySet.as_manager()

    class Meta:
        verbose_name = _("subsidy tier")
        verbose_name_plural = _("subsidy tiers")
        ordering = ["programme", "order", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_retired(self):
        return self.status == self.Status.RETIRED


class SubsidyTierChange(StatusChange):
    subject_field = "tier"
    tier = models.ForeignKey(SubsidyTier, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("subsidy tier: history")
        verbose_name_plural = _("subsidy tiers: history")


class SubsidyAwardQuerySet(models.QuerySet):
    def of(self, municipality):
        return self.filter(community__municipality=municipality)


class SubsidyAward(models.Model):
    """A tier's subsidy awarded to a community for a year."""

    tier = models.ForeignKey(SubsidyTier, on_delete=models.PROTECT, related_name="awards")
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="subsidy_awards"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (EUR)"), **MONEY)
    spent_amount = models.DecimalField(_("spent (EUR)"), null=True, blank=True, **MONEY)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    awarded_at = models.DateTimeField(auto_now_add=True)

    objects = SubsidyAwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("subsidy award")
        verbose_name_plural = _("subsidy awards")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["tier", "community", "year"], name="one_award_per_tier_and_year"
            )
        ]

    def __str__(self):
        return f"{self.community} {self.year}: {self.tier}"
