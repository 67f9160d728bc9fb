"""The outbox: one row per message to one recipient for one occasion, written with the change.

The delivery task claims a row (pending → sending, a conditional update), sends it and marks
it sent, or pending again with a later ``next_attempt_at``, or failed. The unique key
(recipient, occasion) means a message is written once however often a service or the
reminder sweep runs.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..querysets import InMunicipalityQuerySet
from .municipalities import Municipality


class NotificationQuerySet(InMunicipalityQuerySet):
    def due(self, now=None):
        """Pending rows whose (next) attempt is due."""
        now = now or timezone.now()
        return self.filter(status=Notification.Status.PENDING, next_attempt_at__lte=now)

    def for_log(self):
        return self.select_related("user").order_by("-created_at", "-pk")


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("not sent: unsubscribed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    email = models.EmailField(_("address"))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
        help_text=_("Empty for account emails sent from the national host."),
    )
    kind = models.CharField(_("kind"), max_length=60)
    key = models.CharField(_("occasion"), max_length=200)
    context = models.JSONField(_("context"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=Q(user__isnull=False),
                name="one_message_per_user_and_occasion",
            ),
            models.UniqueConstraint(
                fields=["email", "key"],
                condition=Q(user__isnull=True),
                name="one_message_per_address_and_occasion",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["municipality", "status", "-created_at"], name="outbox_log"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.email} ({self.status})"


class NotificationOptOut(models.Model):
    """A person does not want messages of one kind (a kind that is not required)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_opt_outs",
    )
    kind = models.CharField(_("kind"), max_length=60)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscribed kind of message")
        verbose_name_plural = _("unsubscribed kinds of message")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_user_and_kind")
        ]

    def __str__(self):
        return f"{self.user} ✕ {self.kind}"
