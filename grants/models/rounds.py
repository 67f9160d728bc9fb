"""Programmes and their rounds: the settings staff choose and the criteria they publish."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange, municipality_key
from portal.querysets import InMunicipalityQuerySet
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

ROUND_DOCUMENT = DocumentValidator(types=("pdf", "png", "jpg"))
MONEY = {"max_digits": 12, "decimal_places": 2}
GEOLATVIJA_URL = "https://geolatvija.lv/geo/p/lidzdalibas-budzets"


class Programme(models.Model):
    """A grant programme of a municipality: a project competition, an annual subsidy, the
    co-financing of larger external projects or the participatory budget."""

    class Kind(models.TextChoices):
        COMPETITION = "competition", _("project competition")
        SUBSIDY = "subsidy", _("annual subsidy")
        COFINANCING = "cofinancing", _("co-financing of an external project")
        PARTICIPATORY = "participatory", _("participatory budget")

    municipality = municipality_key("grant_programmes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    slug = models.SlugField(_("short name in addresses"), max_length=220)
    description = models.TextField(_("description"), blank=True)
    external_url = models.URLField(
        _("voting platform"),
        blank=True,
        help_text=_("For the participatory budget: the page of the national voting platform."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant programme")
        verbose_name_plural = _("grant programmes")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="programme_slug_unique_per_municipality"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_participatory(self):
        return self.kind == self.Kind.PARTICIPATORY

    @property
    def voting_url(self):
        return self.external_url or GEOLATVIJA_URL


class RoundQuerySet(InMunicipalityQuerySet):
    def public(self):
        return self.exclude(status=Round.Status.DRAFT)

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(
            models.Q(status=Round.Status.OPEN, deadline__gte=now)
            | models.Q(status=Round.Status.FULL_STAGE, full_deadline__gte=now)
        )

    def for_list(self):
        """The columns the round list shows, with the applications submitted."""
        return (
            self.select_related("programme")
            .only(
                "title",
                "slug",
                "budget",
                "deadline",
                "full_deadline",
                "status",
                "programme__name",
                "programme__kind",
            )
            .annotate(
                submitted_count=models.Count(
                    "applications",
                    filter=~models.Q(applications__status="draft"),
                    distinct=True,
                )
            )
        )


class Round(LifecycleMixin, models.Model):
    """One call for applications of a programme, with the rules the guidelines ask for."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open for applications")
        FULL_STAGE = "full_stage", _("open for full applications")
        EVALUATION = "evaluation", _("being evaluated")
        RESULTS = "results", _("results published")
        CLOSED = "closed", pgettext_lazy("round status", "closed")

    lifecycle = Lifecycle(
        {
            Status.DRAFT: {Status.OPEN: "publish"},
            Status.OPEN: {Status.EVALUATION: "close submissions"},
            Status.EVALUATION: {
                Status.FULL_STAGE: "invite the shortlisted ideas",
                Status.RESULTS: "publish the results",
            },
            Status.FULL_STAGE: {Status.EVALUATION: "close the full stage"},
            Status.RESULTS: {Status.CLOSED: "close the round"},
        },
        start={Status.DRAFT: "create"},
        history="status_changes",
    )
    # Not a status: what ``state`` says of an open round whose deadline has passed.
    SUBMISSIONS_CLOSED = "submissions_closed"
    # After these, nothing decision-relevant changes any more.
    LOCKED_STATUSES = (Status.RESULTS, Status.CLOSED)

    class Stage(models.TextChoices):
        IDEA = "idea", _("idea stage")
        FULL = "full", _("full application")

    municipality = municipality_key("grant_rounds")
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="rounds"
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    slug = models.SlugField(_("short name in addresses"), max_length=220)
    description = models.TextField(_("rules and aims"), blank=True)
    budget = models.DecimalField(_("budget of the round (EUR)"), **MONEY)
    announced_on = models.DateField(_("announcement date"))
    deadline = models.DateTimeField(_("submission deadline"))
    seminar_on = models.DateField(_("application seminar"), null=True, blank=True)
    evaluation_deadline = models.DateField(_("evaluation deadline"), null=True, blank=True)
    decision_on = models.DateField(_("decision date"), null=True, blank=True)
    implementation_starts = models.DateField(_("implementation starts"))
    implementation_ends = models.DateField(_("implementation ends"))
    # Set by staff with the round; the results create each awarded project's reports with
    # these dates (``grants.services.grant_reports.create_reports``).
    progress_report_due_on = models.DateField(
        _("progress report due"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the round asks for no progress report."),
    )
    final_report_due_on = models.DateField(
        _("final report due"), help_text=_("On or after the day the implementation ends.")
    )
    eligible_applicants = models.TextField(_("eligible applicants"), blank=True)
    priorities = models.TextField(
        _("priorities or quotas"),
        blank=True,
        help_text=_("For example: a share for neighbourhoods outside densely populated places."),
    )
    min_request = models.DecimalField(
        _("smallest amount one application may request (EUR)"), null=True, blank=True, **MONEY
    )
    max_request = models.DecimalField(
        _("largest amount one application may request (EUR)"), null=True, blank=True, **MONEY
    )
    admin_cap_percent = models.DecimalField(
        _("cap on administrative costs (percentage of the project total)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    in_kind_accepted = models.BooleanField(
        _("in-kind co-financing accepted (premises, work at market prices)"), default=True
    )
    two_stage = models.BooleanField(
        _("two stages: ideas first, then full applications of the shortlisted ideas"),
        default=False,
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.FULL)
    full_deadline = models.DateTimeField(
        _("deadline of the full applications"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    results_at = models.DateTimeField(_("results published"), null=True, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant round")
        verbose_name_plural = _("grant rounds")
        ordering = ["-deadline", "pk"]
        indexes = [models.Index(fields=["municipality", "status", "deadline"])]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="round_slug_unique_per_municipality"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("grants:round-detail", kwargs={"slug": self.slug})

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_locked(self):
        return self.status in self.LOCKED_STATUSES

    @property
    def results_published(self):
        return self.is_locked

    @property
    def current_deadline(self):
        if self.status == self.Status.FULL_STAGE:
            return self.full_deadline
        return self.deadline

    def accepts_applications(self, now=None):
        """Open (or open for full applications) and the deadline has not passed."""
        now = now or timezone.now()
        if self.status == self.Status.OPEN:
            return now <= self.deadline
        if self.status == self.Status.FULL_STAGE:
            return self.full_deadline is not None and now <= self.full_deadline
        return False

    @property
    def state(self):
        """What the round does now, read from its status and its dates at every request —
        never a flag staff must flip: once the deadline passes, a round that was taking
        applications is ``submissions_closed`` until staff start the evaluation."""
        if self.status in (self.Status.OPEN, self.Status.FULL_STAGE) and self.deadline_passed:
            return self.SUBMISSIONS_CLOSED
        return self.status

    @property
    def state_label(self):
        if self.state == self.SUBMISSIONS_CLOSED:
            return gettext("applications closed, evaluation to begin")
        return self.get_status_display()

    @property
    def deadline_passed(self):
        deadline = self.current_deadline
        return deadline is not None and timezone.now() > deadline

    @property
    def in_evaluation(self):
        return self.status == self.Status.EVALUATION

    @property
    def idea_stage(self):
        return self.two_stage and self.stage == self.Stage.IDEA


class RoundStatusChange(StatusChange):
    subject_field = "round"
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="status_changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("grant round status change")
        verbose_name_plural = _("grant round status changes")


class Criterion(models.Model):
    """An evaluation criterion: the same, published, for every application of the round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200, validators=[single_line])
    description = models.TextField(_("what is looked at"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["round", "order", "pk"]

    def __str__(self):
        return self.name


class RoundDocument(models.Model):
    """A public document of the round: the regulations, forms, the seminar's slides."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    file = models.FileField(_("file"), upload_to=generated_upload_path, validators=[ROUND_DOCUMENT])
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("round document")
        verbose_name_plural = _("round documents")
        ordering = ["round", "pk"]

    def __str__(self):
        return self.title


class QuestionQuerySet(models.QuerySet):
    def of(self, municipality):
        return self.filter(round__municipality=municipality)

    def published(self):
        return self.filter(published=True).exclude(answer="")


class Question(models.Model):
    """A question about the round; staff answer it and may publish it on the round's page."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    published = models.BooleanField(
        _("publish on the round's page (of general interest)"), default=False
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["round", "asked_at", "pk"]

    def __str__(self):
        return self.text[:60]


def days_between(start: datetime.date, end: datetime.date) -> int:
    return (end - start).days


class RoundReminder(models.Model):
    """A community asked to be reminded of a round's deadline and seminar (issue 14 item 9):
    its leaders and board are then told like communities with a draft."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reminders")
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(_("reminders asked for"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder of a round")
        verbose_name_plural = _("reminders of a round")
        constraints = [
            models.UniqueConstraint(fields=["round", "community"], name="one_reminder_a_round")
        ]

    def __str__(self):
        return f"{self.community} · {self.round}"
