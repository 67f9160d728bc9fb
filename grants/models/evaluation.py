"""Evaluation: who evaluates a round, their conflicts of interest and their scores."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications import Application
from .rounds import Criterion, Round


class EvaluatorAssignment(models.Model):
    """A person assigned to evaluate one round: the role comes from this row, not a flag."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.CASCADE,
        related_name="evaluator_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluator assignment")
        verbose_name_plural = _("evaluator assignments")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_assignment_per_round")
        ]

    def __str__(self):
        return f"{self.user} — {self.round}"


class ConflictDeclaration(models.Model):
    """An evaluator's declaration on one application, made before they may score it.

    ``known`` marks a conflict the portal found itself (the evaluator belongs to the
    applying community): the evaluator cannot clear it.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="conflict_declarations"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    has_conflict = models.BooleanField(_("conflict of interest"))
    known = models.BooleanField(_("found by the portal"), default=False)
    note = models.TextField(_("explanation"), blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest declaration")
        verbose_name_plural = _("conflict of interest declarations")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "evaluator"], name="one_declaration_per_evaluator"
            )
        ]

    def __str__(self):
        return f"{self.evaluator} — {self.application}"


class Score(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"))
    justification = models.TextField(_("justification"))
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["application", "evaluator", "criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "evaluator", "criterion"], name="one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
