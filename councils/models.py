"""Councils: the NGO advisory council and residents' councils, their seats with terms,
nominations, meetings with agendas, the council's recommendations and the municipality's
answer to each.

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

from consultations.models import Answer, Consultation, Submission
from portal.dates import short_date
from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange, Territory, municipality_key
from portal.querysets import InMunicipalityQuerySet
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

from . import history_events  # noqa: F401 - declares the events

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


class NominationPeriod(models.Model):
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="nomination_periods"
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    note = models.TextField(_("what the council looks for"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("nomination period")
        verbose_name_plural = _("nomination periods")
        ordering = ["-closes_on", "-pk"]

    def __str__(self):
        return f"{self.council} {self.opens_on}–{self.closes_on}"

    @property
    def is_open(self):
        return self.opens_on <= timezone.localdate() <= self.closes_on


class Nomination(LifecycleMixin, models.Model):
    """A community nominates one of its members; the member consents; staff appoint."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("waiting for the member's consent")
        CONSENTED = "consented", _("the member consents")
        APPOINTED = "appointed", _("appointed")
        DECLINED = "declined", pgettext_lazy("nomination status", "declined")

    lifecycle = Lifecycle(
        {
            Status.PROPOSED: {Status.CONSENTED: "consent", Status.DECLINED: "decline"},
            Status.CONSENTED: {Status.APPOINTED: "appoint", Status.DECLINED: "decline"},
        },
        start={Status.PROPOSED: "nominate"},
        history="changes",
    )

    period = models.ForeignKey(
        NominationPeriod, on_delete=models.CASCADE, related_name="nominations"
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="council_nominations",
    )
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominee"),
        on_delete=models.PROTECT,
        related_name="council_nominations",
    )
    motivation = models.TextField(_("why this member"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    term = models.OneToOneField(
        Term, null=True, blank=True, on_delete=models.SET_NULL, related_name="nomination"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "community", "nominee"], name="nomination_once"
            )
        ]

    def __str__(self):
        return f"{self.nominee} ({self.community})"


class NominationChange(StatusChange):
    subject_field = "nomination"
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("nomination change")
        verbose_name_plural = _("nomination changes")


class Meeting(LifecycleMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("announced")
        MINUTED = "minuted", _("minutes published")

    lifecycle = Lifecycle(
        {
            Status.DRAFT: {Status.PUBLISHED: "publish"},
            Status.PUBLISHED: {Status.MINUTED: "publish_minutes"},
        },
        start={Status.DRAFT: "schedule"},
        history="changes",
    )

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=300, validators=[single_line])
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("announced"), null=True, blank=True)
    late_reason = models.TextField(_("why it is announced late"), blank=True)
    presence_recorded_at = models.DateTimeField(_("presence recorded"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return f"{self.council} {short_date(self.starts_at)}"

    def get_absolute_url(self):
        return reverse("councils:meeting-detail", kwargs={"slug": self.council.slug, "pk": self.pk})

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT


class MeetingChange(StatusChange):
    subject_field = "meeting"
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("meeting change")
        verbose_name_plural = _("meeting changes")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    description = models.TextField(_("description"), blank=True)
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_items",
    )
    # An item added or changed after the meeting was announced, later than the council's
    # notice: when, which, and the reason shown with the item on the agenda.
    late_change = models.CharField(
        _("late change"),
        max_length=10,
        blank=True,
        choices=[
            ("added", pgettext_lazy("agenda item", "added")),
            ("changed", pgettext_lazy("agenda item", "changed")),
        ],
    )
    late_at = models.DateTimeField(_("changed late on"), null=True, blank=True)
    late_reason = models.TextField(_("why it is added or changed late"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["number", "pk"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_attendance"
    )
    attends = models.BooleanField(_("attends"), null=True)  # the member's answer beforehand
    present = models.BooleanField(_("present"), null=True)  # recorded by staff at the meeting
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.member} ({self.meeting})"


class ReviewComment(models.Model):
    """A member's comment for the council on an agenda item or one submission in it."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="comments")
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class Recommendation(models.Model):
    """The council's recommendation on one agenda item (a residents' council's proposal),
    with its vote, and the municipality's answer: a ``consultations.Answer``."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="recommendation")
    text = models.TextField(_("recommendation"))
    voted = models.BooleanField(_("put to a vote"), default=False)
    votes_for = models.PositiveSmallIntegerField(_("for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("abstained"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    answer_due_on = models.DateField(_("answer due"), null=True, blank=True)
    answer = models.OneToOneField(
        Answer,
        verbose_name=_("the municipality's answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendation",
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["pk"]

    def __str__(self):
        return str(self.item)

    @property
    def is_overdue(self):
        return (
            self.answer_id is None
            and self.answer_due_on is not None
            and timezone.localdate() > self.answer_due_on
        )


from .elections import (  # noqa: E402, F401
    Candidacy,
    Election,
    ElectionChange,
    LotDrawing,
    Vote,
)
from .papers import MeetingPaper  # noqa: E402, F401
