"""Members of a community: who asked to join, who leads, who left, and who decided."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.history import Lifecycle, LifecycleMixin
from portal.models import StatusChange

from ..querysets import MembershipQuerySet
from .community import Community


class Membership(LifecycleMixin, models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("leader")
        BOARD = "board", _("board member")
        MEMBER = "member", _("member")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        ACTIVE = "active", _("active member")
        DECLINED = "declined", _("declined")
        LEFT = "left", _("left")
        WITHDRAWN = "withdrawn", _("request withdrawn")

    ADMIN_ROLES = (Role.LEADER, Role.BOARD)

    lifecycle = Lifecycle(
        {
            Status.PENDING: {
                Status.ACTIVE: "accept",
                Status.DECLINED: "decline",
                Status.WITHDRAWN: "withdraw",
            },
            Status.ACTIVE: {Status.LEFT: "leave or remove"},
            Status.DECLINED: {Status.PENDING: "ask again"},
            Status.LEFT: {Status.PENDING: "ask again"},
            Status.WITHDRAWN: {Status.PENDING: "ask again"},
        },
        start={Status.PENDING: "ask to join", Status.ACTIVE: "register the community"},
        history="changes",
    )

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    # Empty once the person deleted their account: the row stays, anonymised, as the
    # community's record of who was a member when (front/accounts.py).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    message = models.TextField(_("message to the leaders"), blank=True)
    requested_at = models.DateTimeField(_("asked to join"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["community", "role", "requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="one_membership_per_user")
        ]

    def __str__(self):
        return f"{self.user} @ {self.community} ({self.role})"

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_admin(self):
        """An active leader or board member."""
        return self.is_active and self.role in self.ADMIN_ROLES


class MembershipChange(StatusChange):
    """Who accepted, declined, removed or changed the role of a member, and when."""

    subject_field = "membership"
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")

    def subject_name(self):
        return str(self.membership.user or _("deleted user"))
