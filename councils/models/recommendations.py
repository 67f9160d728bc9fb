"""The council's recommendations on the items of its meetings, and the municipality's
answer to each."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import Answer

from .meetings import AgendaItem


class Recommendation(models.Model):
    """The council's recommendation on one agenda item (a residents' council's proposal),
    with its vote, and the municipality's answer: a ``consultations.Answer``."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="recommendation")
    text = models.TextField(_("recommendation"))
    voted = models.BooleanField(_("put to a vote"), default=False)
    votes_for = models.PositiveSmallIntegerField(_("for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("against"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("abstained"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    answer_due_on = models.DateField(_("answer due"), null=True, blank=True)
    answer = models.OneToOneField(
        Answer,
        verbose_name=_("the municipality's answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendation",
    )

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["pk"]

    def __str__(self):
        return str(self.item)

    @property
    def is_overdue(self):
        return (
            self.answer_id is None
            and self.answer_due_on is not None
            and timezone.localdate() > self.answer_due_on
        )
