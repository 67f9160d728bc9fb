"""Changes of a verified community's key facts: requested by its leaders, decided by staff.

Once the municipality has verified a community, its name, legal form, register number,
declared residents and their evidence change only when staff of the municipality accept a
``CommunityChangeRequest``; until then the community keeps (and shows) the verified values.
One request per community is pending at a time; a new edit by the leaders updates it.
"""

from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.history import Lifecycle, LifecycleMixin, field_label
from portal.models import StatusChange
from portal.uploads import generated_upload_path

# The key facts; the supporting document is one too, kept as a file on the request.
KEY_FIELDS = (
    "name",
    "legal_form",
    "register_number",
    "registered_on",
    "declared_residents",
    "residents_evidence",
)
DOCUMENT_FIELD = "supporting_document"


class ChangeRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=CommunityChangeRequest.Status.PENDING)

    def of(self, municipality):
        return self.filter(community__municipality=municipality)


class CommunityChangeRequest(LifecycleMixin, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("waiting for the municipality")
        ACCEPTED = "accepted", gettext_lazy("accepted")
        RETURNED = "returned", gettext_lazy("returned")
        WITHDRAWN = "withdrawn", gettext_lazy("taken back by the leaders")

    lifecycle = Lifecycle(
        {
            Status.PENDING: {
                Status.ACCEPTED: "accept",
                Status.RETURNED: "return",
                Status.WITHDRAWN: "withdraw",
            },
        },
        start={Status.PENDING: "request"},
        history="changes",
    )

    community = models.ForeignKey(
        "communities.Community",
        verbose_name=gettext_lazy("community"),
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(gettext_lazy("requested"), auto_now=True)
    data = models.JSONField(gettext_lazy("proposed key facts"), default=dict, blank=True)
    document = models.FileField(
        gettext_lazy("new supporting document"), upload_to=generated_upload_path, blank=True
    )
    status = models.CharField(
        gettext_lazy("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(gettext_lazy("decided"), null=True, blank=True)
    reason = models.TextField(gettext_lazy("reason"), blank=True)

    objects = ChangeRequestQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("change of key facts")
        verbose_name_plural = gettext_lazy("changes of key facts")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community"],
                condition=models.Q(status="pending"),
                name="one_pending_change_per_community",
            )
        ]

    def __str__(self):
        return f"{self.community}: {self.get_status_display()}"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    def comparison(self):
        """``(label, verified value, proposed value)`` of each changed key fact, for people."""
        community = self.community
        model = type(community)
        rows = []
        for name in KEY_FIELDS:
            if name not in self.data:
                continue
            label = capfirst(model._meta.get_field(name).verbose_name)
            old = field_label(model, name, getattr(community, name))
            rows.append((label, old, field_label(model, name, self.data[name])))
        if self.document:
            label = capfirst(model._meta.get_field(DOCUMENT_FIELD).verbose_name)
            old = _("a document") if community.supporting_document else "—"
            rows.append((label, old, _("a new document")))
        return rows


class ChangeRequestStatusChange(StatusChange):
    subject_field = "change_request"
    change_request = models.ForeignKey(
        CommunityChangeRequest, on_delete=models.CASCADE, related_name="changes"
    )

    class Meta(StatusChange.Meta):
        verbose_name = gettext_lazy("change of key facts: history")
        verbose_name_plural = gettext_lazy("changes of key facts: history")
