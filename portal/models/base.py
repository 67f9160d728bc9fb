"""The base of every history model."""

from django.conf import settings
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.history import EVENTS


class StatusChange(models.Model):
    """Base of every history model: who moved what from which status to which, when and why,
    or — with an ``event`` code — what else was decided, with its ``data``.

    Concrete history models add a foreign key to the object they follow and name it in
    ``subject_field``. Only services write them (through ``portal.history``), in the same
    transaction as the change. Events are rendered in the reader's language when read.
    """

    subject_field = ""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    from_status = models.CharField(pgettext_lazy("status", "from"), max_length=30, blank=True)
    to_status = models.CharField(pgettext_lazy("status", "to"), max_length=30)
    reason = models.TextField(_("reason"), blank=True)
    event = models.CharField(
        _("event code"), max_length=40, blank=True, help_text=_("Empty for a change of status.")
    )
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    @classmethod
    def subject_model(cls):
        return cls._meta.get_field(cls.subject_field).related_model

    def status_label(self, value):
        choices = dict(self.subject_model()._meta.get_field("status").choices)
        return str(choices.get(value, value)) if value else ""

    def get_to_status_display(self):
        return self.status_label(self.to_status)

    def get_from_status_display(self):
        return self.status_label(self.from_status)

    @property
    def is_event(self):
        return bool(self.event)

    @property
    def headline(self):
        """What happened, in the active language: the event's sentence or the new status."""
        if self.event:
            event = EVENTS.get(self.event)
            return event.render(self) if event else self.event
        return capfirst(self.get_to_status_display())

    @property
    def details(self):
        event = EVENTS.get(self.event) if self.event else None
        return event.render_details(self) if event else []

    def subject_name(self):
        """Whom a row is about, where a list mixes several (members); empty otherwise."""
        return ""


class KeptCounts(models.Model):
    """A row with totals the portal keeps (``kept_fields``), each changed by an ``update()`` in
    the transaction that changes what it counts. A full ``save()`` of a row read earlier (an
    edit form, the admin) leaves them alone: writing back the number it read would undo a
    change made meanwhile."""

    kept_fields = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.kept_fields
            ]
        super().save(*args, **kwargs)
