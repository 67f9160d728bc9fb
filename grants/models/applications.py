"""Applications: what a community asks for, its budget, in-kind co-financing and files."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from communities.models import Community
from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange, Territory
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

from .rounds import MONEY, Round

ATTACHMENT = DocumentValidator(types=("pdf", "png", "jpg"))
ZERO = Decimal("0.00")


class ApplicationQuerySet(models.QuerySet):
    def of(self, municipality):
        return self.filter(round__municipality=municipality)

    def submitted(self):
        return self.exclude(status=Application.Status.DRAFT)

    def for_list(self):
        return self.select_related("community", "round")


class Application(LifecycleMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", pgettext_lazy("application status", "submitted")
        ELIGIBLE = "eligible", _("eligible")
        INELIGIBLE = "ineligible", _("not eligible")
        INVITED = "invited", _("invited to the full stage")
        NOT_SHORTLISTED = "not_shortlisted", _("not shortlisted")
        AWARDED = "awarded", _("awarded")
        REJECTED = "rejected", _("not awarded")

    lifecycle = Lifecycle(
        {
            Status.DRAFT: {Status.SUBMITTED: "submit"},
            Status.SUBMITTED: {
                Status.ELIGIBLE: "find eligible",
                Status.INELIGIBLE: "find not eligible",
            },
            Status.ELIGIBLE: {
                Status.AWARDED: "award",
                Status.REJECTED: "reject",
                Status.INVITED: "shortlist the idea",
                Status.NOT_SHORTLISTED: "leave the idea out",
            },
            Status.INVITED: {Status.SUBMITTED: "submit the full application"},
        },
        start={Status.DRAFT: "start"},
        history="status_changes",
    )
    EDITABLE_STATUSES = lifecycle.sources(Status.SUBMITTED)
    DECIDED_STATUSES = (Status.AWARDED, Status.REJECTED)

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="applications"
    )
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="grant_applications",
    )
    title = models.CharField(_("project title"), max_length=200, validators=[single_line])
    description = models.TextField(_("project description"), blank=True)
    neighbourhoods = models.ManyToManyField(
        Territory,
        verbose_name=_("neighbourhoods it serves"),
        related_name="grant_applications",
        limit_choices_to={"is_neighbourhood": True},
        blank=True,
    )
    activities = models.TextField(_("activities and timeline"), blank=True)
    starts_on = models.DateField(_("project starts"), null=True, blank=True)
    ends_on = models.DateField(_("project ends"), null=True, blank=True)
    own_contribution = models.DecimalField(
        _("the community's own money (EUR)"), default=ZERO, **MONEY
    )
    # Kept from the budget lines by the services (lists and rankings read them).
    total_cost = models.DecimalField(_("total cost"), default=ZERO, editable=False, **MONEY)
    admin_cost = models.DecimalField(
        _("administrative costs"), default=ZERO, editable=False, **MONEY
    )
    in_kind_total = models.DecimalField(
        _("in-kind contributions"), default=ZERO, editable=False, **MONEY
    )
    requested_amount = models.DecimalField(
        _("requested amount"), default=ZERO, editable=False, **MONEY
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Round.Stage.choices, default=Round.Stage.FULL
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    eligibility_note = models.TextField(_("eligibility note"), blank=True)
    awarded_amount = models.DecimalField(_("awarded amount (EUR)"), null=True, blank=True, **MONEY)
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "community"], name="one_application_per_community_and_round"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("grants:application-detail", kwargs={"slug": self.round.slug, "pk": self.pk})

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_awarded(self):
        return self.status == self.Status.AWARDED

    @property
    def admin_share(self):
        """Administrative costs as a percentage of the project total (two decimals)."""
        if not self.total_cost:
            return ZERO
        return (self.admin_cost * 100 / self.total_cost).quantize(Decimal("0.01"))


class ApplicationStatusChange(StatusChange):
    subject_field = "application"
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("grant application status change")
        verbose_name_plural = _("grant application status changes")


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        MANAGEMENT = "management", _("project management")
        ORGANISATION = "organisation", _("organisation")
        ACCOUNTING = "accounting", _("accounting")
        MATERIALS = "materials", _("materials and supplies")
        SERVICES = "services", _("services")
        EQUIPMENT = "equipment", _("equipment")
        EVENTS = "events", _("events and catering")
        OTHER = "other", _("other costs")

    # The administrative costs the round's cap counts.
    ADMINISTRATIVE = (Category.MANAGEMENT, Category.ORGANISATION, Category.ACCOUNTING)

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("what for"), max_length=200, validators=[single_line])
    amount = models.DecimalField(_("amount (EUR)"), **MONEY)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "pk"]

    def __str__(self):
        return f"{self.description}: {self.amount}"

    @property
    def is_administrative(self):
        return self.category in self.ADMINISTRATIVE


class InKindContribution(models.Model):
    class Kind(models.TextChoices):
        PREMISES = "premises", _("premises")
        WORK = "work", _("voluntary work")
        OTHER = "other", _("other goods or services")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="in_kind")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("what"), max_length=200, validators=[single_line])
    value = models.DecimalField(_("value at market prices (EUR)"), **MONEY)

    class Meta:
        verbose_name = _("in-kind contribution")
        verbose_name_plural = _("in-kind contributions")
        ordering = ["application", "pk"]

    def __str__(self):
        return self.description


class AttachmentQuerySet(models.QuerySet):
    def of(self, municipality):
        return self.filter(application__round__municipality=municipality)


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    file = models.FileField(_("file"), upload_to=generated_upload_path, validators=[ATTACHMENT])
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["application", "pk"]

    def __str__(self):
        return self.title
