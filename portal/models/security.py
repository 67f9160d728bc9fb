"""Security events: who signed in, failed, was locked out, changed a role or a key fact,
downloaded evidence or deleted a community — one row each, read by staff and administrators.

The rows are written by ``portal.security_log`` (which also writes each as a JSON line on
the ``portal.security`` logger); ``data`` never holds a password, a token, a session key or a
code.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..dates import short_datetime
from ..querysets import InMunicipalityQuerySet
from .municipalities import Municipality


class SecurityEventQuerySet(InMunicipalityQuerySet):
    def for_log(self):
        return self.select_related("actor", "municipality").order_by("-at", "-pk")


class SecurityEvent(models.Model):
    class Kind(models.TextChoices):
        LOGIN = "login", _("signed in")
        LOGIN_FAILED = "login_failed", _("sign-in failed")
        LOCKOUT = "lockout", _("sign-in refused: too many attempts")
        LOGOUT = "logout", _("signed out")
        MFA_ADDED = "mfa_added", _("second factor added")
        MFA_REMOVED = "mfa_removed", _("second factor removed")
        STAFF_ADDED = "staff_added", _("municipal staff added")
        STAFF_REMOVED = "staff_removed", _("municipal staff removed")
        ROLE_CHANGED = "role_changed", _("role in a community changed")
        KEY_FACTS_CHANGED = "key_facts_changed", _("key facts changed")
        EVIDENCE_DOWNLOADED = "evidence_downloaded", _("evidence downloaded")
        DELETED = "deleted", _("deleted")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        # No constraint: an event outlives the person and keeps their id; the event of a
        # deletion may be written in the transaction that deletes its actor.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        # No constraint either: deleting a municipality deletes its communities, whose
        # deletion events are written before the municipality's row goes.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        help_text=_("The host's or the object's; empty for the national host."),
    )
    client_ip = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["municipality", "-at"], name="security_event_municipality"),
            models.Index(fields=["kind", "-at"], name="security_event_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {short_datetime(self.at)}"
