"""The community registry: communities, their members and their activity record."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import StatusChange, Territory, municipality_key
from portal.uploads import generated_upload_path

from .querysets import CommunityQuerySet, MembershipQuerySet

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


class Community(models.Model):
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

    # Statuses in which anyone may see the community.
    PUBLIC_STATUSES = (Status.VERIFIED, Status.ACTIVE, Status.INACTIVE)
    # Statuses in which it takes members and records activities.
    WORKING_STATUSES = (Status.VERIFIED, Status.ACTIVE)
    # Statuses in which its leaders may still change the registration and submit it.
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    municipality = municipality_key("communities", on_delete=models.PROTECT)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=220)
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
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    declared_residents = models.PositiveIntegerField(
        _("residents the community unites"), null=True, blank=True
    )
    residents_evidence = models.TextField(_("how the number of residents is supported"), blank=True)
    supporting_document = models.FileField(
        _("supporting document"), upload_to=generated_upload_path, blank=True
    )
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
        ordering = ["name"]
        permissions = [("verify_community", "Can verify community registrations")]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="community_slug_unique_per_municipality"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("communities:community-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_editable_registration(self):
        return self.status in self.EDITABLE_STATUSES

    def get_founding_motives_display(self):
        labels = dict(FoundingMotive.choices)
        return [labels.get(value, value) for value in self.founding_motives]


class CommunityStatusChange(StatusChange):
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("community status change")
        verbose_name_plural = _("community status changes")

    def __str__(self):
        return f"{self.community}: {self.from_status} → {self.to_status}"

    def get_to_status_display(self):
        return Community.Status(self.to_status).label

    def get_from_status_display(self):
        return Community.Status(self.from_status).label if self.from_status else ""


class Membership(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("leader")
        BOARD = "board", _("board member")
        MEMBER = "member", _("member")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        ACTIVE = "active", _("active member")
        DECLINED = "declined", _("declined")
        LEFT = "left", _("left")

    ADMIN_ROLES = (Role.LEADER, Role.BOARD)

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    message = models.TextField(_("message to the leaders"), blank=True)
    requested_at = models.DateTimeField(_("asked to join"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["community", "role", "requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="one_membership_per_user")
        ]

    def __str__(self):
        return f"{self.user} @ {self.community} ({self.role})"


class MembershipChange(StatusChange):
    """Who accepted, declined or changed the role of a member, and when."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")


class Event(models.Model):
    """An event of the community's activity record; subsidy tiers are checked against these."""

    class Kind(models.TextChoices):
        FORUM = "forum", _("residents' forum")
        TRADITION = "tradition", _("neighbourhood tradition")
        COOPERATION = "cooperation", _("cooperation event")
        TRAINING = "training", _("training")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    attendance = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    participation_forms = models.JSONField(_("forms of participation"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    step_free_venue = models.BooleanField(_("step-free venue"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    def get_participation_forms_display(self):
        labels = dict(ParticipationForm.choices)
        return [labels.get(value, value) for value in self.participation_forms]


class JointOpinion(models.Model):
    """A joint opinion the community sent to the municipality."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="joint_opinions"
    )
    title = models.CharField(_("subject"), max_length=200)
    sent_on = models.DateField(_("sent on"))
    addressee = models.CharField(_("sent to"), max_length=200)
    summary = models.TextField(_("summary of the opinion"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("joint opinion")
        verbose_name_plural = _("joint opinions")
        ordering = ["-sent_on", "-pk"]

    def __str__(self):
        return self.title
