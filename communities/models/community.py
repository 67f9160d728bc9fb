"""A community: its registration, key facts, neighbourhoods and status history."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange, Territory, municipality_key
from portal.text import fold, sort_key
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

from ..querysets import CommunityQuerySet
from .key_changes import KEY_FIELDS

register_number_validator = RegexValidator(
    r"^\d{11}$", _("A register number has exactly 11 digits, for example 40008123456.")
)


class FoundingMotive(models.TextChoices):
    EVENTS = "events", _("shared events")
    FUNDING = "funding", _("attracting funding")
    PREMISES = "premises", _("premises for the community")
    FESTIVALS = "festivals", _("festivals and traditions")
    PROBLEM = "problem", _("a problem to solve")


class ParticipationForm(models.TextChoices):
    """The six forms of community participation in the guidelines."""

    NEEDS = "needs", _("needs assessment")
    PLANNING = "planning", _("planning")
    MOBILISATION = "mobilisation", _("mobilisation")
    TRAINING = "training", _("training")
    IMPLEMENTATION = "implementation", _("implementation")
    MONITORING = "monitoring", _("monitoring")


# What a community may upload as evidence of the residents it unites.
SUPPORTING_DOCUMENT = DocumentValidator(types=("pdf", "png", "jpg"))


class Community(LifecycleMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for verification")
        RETURNED = "returned", _("returned for corrections")
        VERIFIED = "verified", _("verified")
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")

    class LegalForm(models.TextChoices):
        INFORMAL = "informal", _("informal group")
        ASSOCIATION = "association", _("registered association")

    # The one table of allowed moves (docs/lifecycles.md shows it; a test compares them).
    lifecycle = Lifecycle(
        {
            Status.DRAFT: {Status.SUBMITTED: "submit"},
            Status.SUBMITTED: {
                Status.VERIFIED: "verify",
                Status.RETURNED: "return",
                Status.DRAFT: "withdraw",
            },
            Status.RETURNED: {Status.SUBMITTED: "submit"},
            Status.VERIFIED: {Status.ACTIVE: "activate", Status.INACTIVE: "deactivate"},
            Status.ACTIVE: {Status.INACTIVE: "deactivate"},
            Status.INACTIVE: {Status.ACTIVE: "activate"},
        },
        start={Status.DRAFT: "register"},
        history="status_changes",
    )

    # Statuses in which anyone may see the community.
    PUBLIC_STATUSES = (Status.VERIFIED, Status.ACTIVE, Status.INACTIVE)
    # Statuses in which it takes members and records activities.
    WORKING_STATUSES = (Status.VERIFIED, Status.ACTIVE)
    # Statuses in which its leaders may still change the registration: those it is
    # submitted from.
    EDITABLE_STATUSES = lifecycle.sources(Status.SUBMITTED)
    # Key facts: their changes are recorded in the history, and once the community is
    # verified only staff accept them (``communities.models.key_changes``).
    KEY_FIELDS = KEY_FIELDS

    municipality = municipality_key("communities", on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    slug = models.SlugField(_("short name in addresses"), max_length=220)
    # Kept from the name and description on save (portal.text): Latvian order, plain search.
    sort_name = models.CharField(max_length=250, editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    neighbourhoods = models.ManyToManyField(
        Territory,
        verbose_name=_("neighbourhoods"),
        related_name="communities",
        limit_choices_to={"is_neighbourhood": True},
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    founding_motives = models.JSONField(_("why the community was formed"), default=list, blank=True)
    founding_motive_other = models.CharField(_("another reason"), max_length=300, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.INFORMAL
    )
    register_number = models.CharField(
        _("register number"),
        max_length=11,
        blank=True,
        validators=[register_number_validator],
        help_text=_("The association's 11-digit number in the Register of Enterprises."),
    )
    # The date the Register of Enterprises registered the association (staff check it with
    # the register number when they verify): "registered for N years" of a subsidy tier
    # counts from it. An informal group has none.
    registered_on = models.DateField(
        _("registered in the register on"),
        null=True,
        blank=True,
        help_text=_("The date the Register of Enterprises registered the association."),
    )
    contact_name = models.CharField(
        _("contact person"), max_length=150, blank=True, validators=[single_line]
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    declared_residents = models.PositiveIntegerField(
        _("residents the community unites"), null=True, blank=True
    )
    residents_evidence = models.TextField(_("how the number of residents is supported"), blank=True)
    supporting_document = models.FileField(
        _("supporting document"),
        upload_to=generated_upload_path,
        blank=True,
        validators=[SUPPORTING_DOCUMENT],  # also on the admin site's form
    )
    # Every save of the profile and every move of the status adds one: a form opened on an
    # older version is refused instead of overwriting what another person saved since.
    version = models.PositiveIntegerField(default=1, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="registered_communities",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["sort_name"]
        permissions = [("verify_community", "Can verify community registrations")]
        indexes = [
            models.Index(
                fields=["municipality", "status", "sort_name", "id"], name="community_registry"
            ),
            # The public registry's order, read from the index for any page (no sort of
            # every public community of the municipality for the first twenty).
            models.Index(
                fields=["municipality", "sort_name", "id"],
                name="community_public_registry",
                condition=models.Q(status__in=["verified", "active", "inactive"]),
            ),
            # The home page's working communities, newest verified first, and their count.
            models.Index(
                models.F("municipality"),
                models.F("verified_at").desc(),
                models.F("id").desc(),
                name="community_working_recent",
                condition=models.Q(status__in=["verified", "active"]),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="community_slug_unique_per_municipality"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name, self.search_text = self.search_fields(self.name, self.description)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "description"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "sort_name", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("communities:community-detail", kwargs={"slug": self.slug})

    @staticmethod
    def search_fields(name, description):
        """``(sort_name, search_text)`` for a name and description (bulk writes use it too)."""
        return sort_key(name), fold(f"{name} {description}")

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_editable_registration(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_returned(self):
        return self.status == self.Status.RETURNED

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED

    @property
    def awaits_verification(self):
        """Submitted: staff may verify it now."""
        return self.can_move_to(self.Status.VERIFIED)

    @cached_property
    def pending_key_change(self):
        """The change of key facts waiting for the municipality, or None. Pages that
        annotate ``pending_key_change_id`` ask the database only when there is one."""
        if getattr(self, "pending_key_change_id", True) is None:
            return None
        return self.change_requests.pending().first()

    def get_founding_motives_display(self):
        labels = dict(FoundingMotive.choices)
        return [labels.get(value, value) for value in self.founding_motives]


class CommunityStatusChange(StatusChange):
    subject_field = "community"
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("community status change")
        verbose_name_plural = _("community status changes")

    def __str__(self):
        return f"{self.community}: {self.event or f'{self.from_status} → {self.to_status}'}"
