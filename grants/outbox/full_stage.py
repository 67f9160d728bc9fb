"""The full stage's deadline (the kit's sweep): the reminder to the invited ideas of a two-stage
round. Registered after the decisions, so the kinds keep their order on the notification page."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.outbox import Deadline, Occasion, register_deadline

from .base import _admins_of, _reminder_kind

FULL_STAGE_REMINDER = "grant-full-stage-reminder"


_reminder_kind(
    FULL_STAGE_REMINDER,
    _("The deadline of the full application our idea is invited to"),
    _("leaders and board of communities whose idea is invited and not yet submitted in full"),
    "grants/emails/full_stage_reminder",
)


def _full_stage_deadlines(today):
    from ..models import Round

    for round_ in Round.objects.filter(
        status=Round.Status.FULL_STAGE, full_deadline__date__gte=today
    ).select_related("municipality"):
        yield timezone.localtime(round_.full_deadline).date(), round_


def _invited_communities(round_, due):
    """Leaders and board of the invited ideas whose full application is not submitted yet."""
    from ..models import Application

    invited = Application.objects.filter(round=round_, status=Application.Status.INVITED)
    people = _admins_of(invited.values("community_id"))
    if people:
        yield Occasion(round_.municipality, f"round-{round_.pk}", {"round": round_.pk}, people)


register_deadline(
    Deadline(
        code="grant-full-stage",
        kind=FULL_STAGE_REMINDER,
        dues=_full_stage_deadlines,
        occasions=_invited_communities,
        days_before=(7, 2),
        working_days=False,
        label=_("deadline of the full applications of a two-stage round"),
    )
)
