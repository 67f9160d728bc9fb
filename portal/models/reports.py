"""Reports the worker renders (PDFs): one row per report, keyed by the content it is made from.

A report is asked for with the data it shows (a plain JSON snapshot, taken in the request);
its ``content_key`` is a hash of that data, so asking again for unchanged data finds the
same row and its file instead of rendering again. The worker claims a row with a conditional
update (pending → rendering, or a rendering whose worker died: its lease ran out), renders
it and marks it ready. See docs/reports.md.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..querysets import InMunicipalityQuerySet
from .municipalities import municipality_key


class Report(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the worker")
        RENDERING = "rendering", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("could not be made")

    municipality = municipality_key("reports")
    kind = models.CharField(_("kind"), max_length=60)
    subject = models.CharField(_("about"), max_length=100)
    content_key = models.CharField(_("content key"), max_length=64)
    data = models.JSONField(_("data"), default=dict)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), blank=True, max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    last_requested_at = models.DateTimeField(_("last asked for"), auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)

    objects = InMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "content_key"], name="one_report_per_content"
            )
        ]
        indexes = [models.Index(fields=["status", "claimed_at"], name="report_status_claimed")]

    def __str__(self):
        return f"{self.kind} {self.subject}"

    def get_absolute_url(self):
        return reverse("report-detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.status in (self.Status.READY, self.Status.FAILED)
