"""The base of every history model."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusChange(models.Model):
    """Base of every history model: who moved what from which status to which, when and why.

    Concrete history models add a foreign key to the object they follow. Only services
    write them, in the same transaction as the change.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    from_status = models.CharField(_("from"), max_length=30, blank=True)
    to_status = models.CharField(_("to"), max_length=30)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
