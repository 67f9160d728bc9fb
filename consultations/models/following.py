"""Neighbourhoods a resident follows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Territory


class NeighbourhoodFollow(models.Model):
    """A resident follows a neighbourhood: invited to its consultations, told of its events."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_territories"
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("neighbourhood"),
        on_delete=models.CASCADE,
        related_name="followers",
    )
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("followed neighbourhood")
        verbose_name_plural = _("followed neighbourhoods")
        constraints = [models.UniqueConstraint(fields=["user", "territory"], name="follow_once")]

    def __str__(self):
        return f"{self.user} → {self.territory}"
