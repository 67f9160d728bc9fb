"""A council's meetings: the agenda, who attends and who was present, and the members'
comments on the agenda's items."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultations.models import Consultation, Submission
from portal.dates import short_date
from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange
from portal.validators import single_line

from .councils import Council


class Meeting(LifecycleMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("announced")
        MINUTED = "minuted", _("minutes published")

    lifecycle = Lifecycle(
        {
            Status.DRAFT: {Status.PUBLISHED: "publish"},
            Status.PUBLISHED: {Status.MINUTED: "publish_minutes"},
        },
        start={Status.DRAFT: "schedule"},
        history="changes",
    )

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("time"))
    place = models.CharField(_("place"), max_length=300, validators=[single_line])
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("announced"), null=True, blank=True)
    late_reason = models.TextField(_("why it is announced late"), blank=True)
    presence_recorded_at = models.DateTimeField(_("presence recorded"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return f"{self.council} {short_date(self.starts_at)}"

    def get_absolute_url(self):
        return reverse("councils:meeting-detail", kwargs={"slug": self.council.slug, "pk": self.pk})

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT


class MeetingChange(StatusChange):
    subject_field = "meeting"
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("meeting change")
        verbose_name_plural = _("meeting changes")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, validators=[single_line])
    description = models.TextField(_("description"), blank=True)
    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_items",
    )
    # An item added or changed after the meeting was announced, later than the council's
    # notice: when, which, and the reason shown with the item on the agenda.
    late_change = models.CharField(
        _("late change"),
        max_length=10,
        blank=True,
        choices=[
            ("added", pgettext_lazy("agenda item", "added")),
            ("changed", pgettext_lazy("agenda item", "changed")),
        ],
    )
    late_at = models.DateTimeField(_("changed late on"), null=True, blank=True)
    late_reason = models.TextField(_("why it is added or changed late"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["number", "pk"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_attendance"
    )
    attends = models.BooleanField(_("attends"), null=True)  # the member's answer beforehand
    present = models.BooleanField(_("present"), null=True)  # recorded by staff at the meeting
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.member} ({self.meeting})"


class ReviewComment(models.Model):
    """A member's comment for the council on an agenda item or one submission in it."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="comments")
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]
