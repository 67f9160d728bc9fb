"""The papers of a meeting: files the council's staff attach to a meeting or to one item of
its agenda, each public (anyone who sees the meeting) or for the council only (its sitting
members and the municipality's staff).

A paper added once the meeting is announced, later than the council's notice, needs a
reason like a late change of the agenda (``services.meetings.late_change_reason``); every
paper shows when it was added. Removing one is recorded in the meeting's history.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.uploads import DocumentValidator, generated_upload_path
from portal.validators import single_line

PAPER = DocumentValidator()  # PDF, PNG or JPEG, up to the portal's limit


class MeetingPaperQuerySet(models.QuerySet):
    def public(self):
        return self.filter(public=True)

    def shown_to(self, *, sees_protected: bool):
        """What the meeting's page lists: every paper for the council, else the public ones."""
        return self if sees_protected else self.public()


class MeetingPaper(models.Model):
    meeting = models.ForeignKey("councils.Meeting", on_delete=models.CASCADE, related_name="papers")
    item = models.ForeignKey(
        "councils.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="papers",
    )
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    file = models.FileField(_("file"), upload_to=generated_upload_path, validators=[PAPER])
    public = models.BooleanField(
        _("anyone may see it on the meeting's page"),
        default=False,
        help_text=_("Otherwise only the council's sitting members and the municipality's staff."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(pgettext_lazy("meeting paper", "added"), default=timezone.now)
    late_reason = models.TextField(_("why it is added late"), blank=True)

    objects = MeetingPaperQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting paper")
        verbose_name_plural = _("meeting papers")
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def council(self):
        return self.meeting.council

    def get_download_url(self):
        meeting = self.meeting
        return reverse(
            "councils:paper-download",
            kwargs={"slug": meeting.council.slug, "pk": meeting.pk, "paper": self.pk},
        )
