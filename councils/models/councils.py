"""A council — the NGO advisory council or a residents' council — with its seats and the
terms of those who hold them.

A council belongs to a municipality; seats, terms, nomination periods and meetings are
scoped through it. Members are not a flag on the user: a person is a council member while
a term of theirs on one of the council's seats runs (``councils.roles``).
"""

import math

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange, Territory, municipality_key
from portal.querysets import InMunicipalityQuerySet
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

BYLAWS = DocumentValidator(types=("pdf",))


class CouncilQuerySet(InMunicipalityQuerySet):
    def active(self):
        return self.filter(status=Council.Status.ACTIVE)


class Council(LifecycleMixin, models.Model):
    class Kind(models.TextChoices):
        ADVISORY = "advisory", _("NGO advisory council")
        RESIDENTS = "residents", _("residents' council")

    class Quorum(models.TextChoices):
        MAJORITY = "majority", _("more than half of the sitting members")
        TWO_THIRDS = "two_thirds", _("at least two thirds of the sitting members")

    class TieRule(models.TextChoices):
        LOTS = "lots", _("drawing of lots")
        FIRST_STOOD = "first_stood", _("the candidate who stood first")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        DISSOLVED = "dissolved", _("dissolved")

    lifecycle = Lifecycle(
        {Status.ACTIVE: {Status.DISSOLVED: "dissolve"}},
        start={Status.ACTIVE: "create"},
        history="changes",
    )

    municipality = municipality_key("councils", on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    slug = models.SlugField(_("short name in addresses"), max_length=220)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="councils",
        help_text=_("A residents' council serves one territory, at any depth of the tree."),
    )
    remit = models.TextField(_("remit"))
    bylaws = models.FileField(
        _("bylaws (PDF)"), upload_to=generated_upload_path, blank=True, validators=[BYLAWS]
    )
    quorum = models.CharField(
        _("quorum"), max_length=20, choices=Quorum.choices, default=Quorum.MAJORITY
    )
    term_years = models.PositiveSmallIntegerField(_("term in years"), default=4)
    min_candidate_age = models.PositiveSmallIntegerField(_("minimum age of candidates"), default=16)
    notice_working_days = models.PositiveSmallIntegerField(
        _("working days' notice of a meeting"),
        default=3,
        help_text=_("The time and agenda of a meeting are public at least this long before."),
    )
    tie_rule = models.CharField(
        _("a tie for the last seat is settled by"),
        max_length=20,
        choices=TieRule.choices,
        default=TieRule.LOTS,
        help_text=_("For elections: the council's rule when candidates have as many votes."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="council_slug_unique_per_municipality"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("councils:council-detail", kwargs={"slug": self.slug})

    @property
    def is_residents(self):
        return self.kind == self.Kind.RESIDENTS

    def quorum_needed(self, members: int) -> int:
        """How many members must be present when ``members`` sit on the council."""
        if members <= 0:
            return 1
        if self.quorum == self.Quorum.TWO_THIRDS:
            return math.ceil(members * 2 / 3)
        return members // 2 + 1


class CouncilChange(StatusChange):
    """Appointments, ended terms and other decisions about a council, with who and when."""

    subject_field = "council"
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("council change")
        verbose_name_plural = _("council changes")


class Seat(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="seats")
    number = models.PositiveSmallIntegerField(_("seat number"))
    for_community = models.BooleanField(_("reserved for a community"), default=False)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="seat_number_unique")
        ]

    def __str__(self):
        return _("Seat %(number)s") % {"number": self.number}


class TermQuerySet(models.QuerySet):
    def sitting(self, day=None):
        """Terms running on ``day`` (today): started, not yet ended."""
        day = day or timezone.localdate()
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Term(models.Model):
    """Who holds a seat, representing which community, from when until when."""

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="terms")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="council_terms",
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("representing"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_terms",
    )
    starts_on = models.DateField(pgettext_lazy("term starts", "from"))
    ends_on = models.DateField(_("until"))
    ended_reason = models.TextField(_("why the term ended early"), blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["-starts_on", "pk"]

    def __str__(self):
        return f"{self.member} ({self.seat})"

    @property
    def is_sitting(self):
        return self.starts_on <= timezone.localdate() <= self.ends_on
