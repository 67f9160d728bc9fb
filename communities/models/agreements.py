"""The registry of cooperation memoranda and delegation agreements with communities.

The guidelines ("Sadarbības, funkciju nodošanas līgumiskās saistības") describe two written
forms: a memorandum (cooperation agreement) and a delegation agreement (State
Administration Structure Law, art. 46), which hands a public task in the neighbourhood to
the community with funding.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange, municipality_key
from portal.querysets import InMunicipalityQuerySet
from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

SIGNED_DOCUMENT = DocumentValidator(types=("pdf",))


class AgreementQuerySet(InMunicipalityQuerySet):
    def public(self):
        return self.filter(status__in=Agreement.PUBLIC_STATUSES)

    def visible_to(self, user, municipality):
        """What ``practice.view_agreement`` allows on the host of ``municipality``."""
        from portal.roles import is_staff_of

        return self if is_staff_of(user, municipality) else self.public()


class Agreement(LifecycleMixin, models.Model):
    class Kind(models.TextChoices):
        MEMORANDUM = "memorandum", _("cooperation memorandum")
        DELEGATION = "delegation", _("delegation agreement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("signed")
        ENDED = "ended", _("ended early")
        EXPIRED = "expired", _("expired")

    lifecycle = Lifecycle(
        {
            Status.DRAFT: {Status.SIGNED: "sign"},
            Status.SIGNED: {Status.ENDED: "end early", Status.EXPIRED: "expire"},
        },
        start={Status.DRAFT: "record"},
        history="status_changes",
    )
    # Signed once: listed publicly with the community, whatever came after.
    PUBLIC_STATUSES = (Status.SIGNED, Status.ENDED, Status.EXPIRED)
    EDITABLE_STATUSES = (Status.DRAFT, Status.SIGNED)

    municipality = municipality_key("agreements", on_delete=models.PROTECT)
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    purpose = models.TextField(_("purpose and scope"))
    municipality_duties = models.TextField(_("the municipality's duties"))
    community_duties = models.TextField(_("the community's duties"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    funding = models.TextField(_("funding"), blank=True)
    amount = models.DecimalField(
        _("amount in euros"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    document = models.FileField(
        _("signed document"),
        upload_to=generated_upload_path,
        blank=True,
        validators=[SIGNED_DOCUMENT],
    )
    document_public = models.BooleanField(
        _("anyone may download the signed document"),
        default=True,
        help_text=_(
            "Otherwise only the municipality's staff and the community's leaders and board."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(
                fields=["municipality", "status", "starts_on", "id"], name="agreement_list"
            ),
            models.Index(fields=["status", "ends_on"], name="agreement_ending"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practice:agreement-detail", kwargs={"pk": self.pk})

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES


class AgreementStatusChange(StatusChange):
    subject_field = "agreement"
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("agreement: history")
        verbose_name_plural = _("agreements: history")
