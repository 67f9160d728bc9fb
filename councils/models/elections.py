"""Elections of residents' councils (Local Government Law art. 58).

Candidates stand, confirming that they meet the council's age and residence conditions (no
personal code is asked). During the election window each account votes once, for a candidate
whose territory includes the territory the voter declares as theirs. Staff review the voters
and may set a vote aside with a reason before the results are published; publishing counts
the votes and gives the elected candidates their seats.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange, Territory


class Election(LifecycleMixin, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("candidacies and voting")
        PUBLISHED = "published", _("results published")

    lifecycle = Lifecycle(
        {Status.OPEN: {Status.PUBLISHED: "publish_results"}},
        start={Status.OPEN: "call"},
        history="changes",
    )

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="elections"
    )
    stand_until = models.DateField(_("candidates stand until"))
    votes_from = models.DateField(_("voting from"))
    votes_until = models.DateField(_("voting until"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-votes_until", "-pk"]

    def __str__(self):
        return f"{self.council} {self.votes_from}–{self.votes_until}"

    def get_absolute_url(self):
        return reverse(
            "councils:election-detail", kwargs={"slug": self.council.slug, "pk": self.pk}
        )

    @property
    def takes_candidates(self):
        return self.status == self.Status.OPEN and timezone.localdate() <= self.stand_until

    @property
    def takes_votes(self):
        today = timezone.localdate()
        return self.status == self.Status.OPEN and self.votes_from <= today <= self.votes_until

    @property
    def has_results(self):
        return self.status == self.Status.PUBLISHED


class ElectionChange(StatusChange):
    subject_field = "election"
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("election change")
        verbose_name_plural = _("election changes")


class Candidacy(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidacies")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("candidate"),
        on_delete=models.PROTECT,
        related_name="council_candidacies",
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        on_delete=models.PROTECT,
        related_name="council_candidacies",
        help_text=_("Where the candidate lives: the council's territory or a part of it."),
    )
    statement = models.TextField(_("what the candidate stands for"))
    meets_conditions = models.BooleanField(
        _("I meet the age and residence conditions of the council")
    )
    votes = models.PositiveIntegerField(_("votes"), default=0)
    elected = models.BooleanField(_("elected"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="candidacy_once")
        ]

    def __str__(self):
        return str(self.person)


class Vote(models.Model):
    """One account's vote; the territory the voter declared is kept for the staff's review."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="council_votes"
    )
    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="+")
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("the territory I live in"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    cast_at = models.DateTimeField(auto_now_add=True)
    set_aside_reason = models.TextField(_("why the vote is set aside"), blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["cast_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["election", "voter"], name="one_vote")]

    def __str__(self):
        return f"{self.voter} ({self.election})"


class LotDrawing(models.Model):
    """Lots drawn between candidates tied for the last seats (the council's rule): who drew,
    when, with how many votes each, and the order drawn (candidacy keys, first drawn first).
    """

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="drawings")
    votes = models.PositiveIntegerField(_("votes of each tied candidate"))
    seats = models.PositiveSmallIntegerField(_("seats at stake"))
    order = models.JSONField(_("order drawn"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drawn by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    drawn_at = models.DateTimeField(_("drawn"), default=timezone.now)

    class Meta:
        verbose_name = _("drawing of lots")
        verbose_name_plural = _("drawings of lots")
        ordering = ["-drawn_at", "-pk"]

    def __str__(self):
        return f"{self.election} ({self.drawn_at:%Y-%m-%d})"
