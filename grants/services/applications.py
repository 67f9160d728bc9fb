"""Applications of communities to a round: started, saved with their budget, submitted, their
attachments, and the reminders a community asks for. Permission checks stay in views."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from communities.models import Community, Membership
from portal.history import move_to, record_start, require_move

from .. import budget
from ..models import Application, Attachment, BudgetLine, InKindContribution, Round, RoundReminder
from ..outbox.applications import tell_application_received
from .evaluation import mark_known_conflicts


def _refuse_closed(round_):
    if not round_.accepts_applications():
        raise ValidationError(
            _(
                "The submission deadline has passed; applications can no longer be changed or "
                "submitted."
            ),
            code="deadline_passed",
        )


def admin_communities(user, municipality):
    """The working communities of ``municipality`` that ``user`` leads or is on the board of."""
    return Community.objects.of(municipality).filter(
        status__in=Community.WORKING_STATUSES,
        memberships__user=user,
        memberships__status=Membership.Status.ACTIVE,
        memberships__role__in=Membership.ADMIN_ROLES,
    )


@transaction.atomic
def ask_for_reminders(*, actor, round: Round, community: Community, remind: bool = True):
    """``community``'s leaders and board are reminded of the round's submission deadline and
    seminar like communities with a draft (item 9); ``remind=False`` stops it."""
    if not admin_communities(actor, round.municipality).filter(pk=community.pk).exists():
        raise ValidationError(
            _("Only the community's leaders and board ask for reminders."), code="not_admin"
        )
    if not remind:
        RoundReminder.objects.filter(round=round, community=community).delete()
        return None
    _refuse_closed(round)
    reminder, _created = RoundReminder.objects.get_or_create(
        round=round, community=community, defaults={"asked_by": actor}
    )
    return reminder


@transaction.atomic
def start_application(*, actor, round: Round, community: Community, title: str) -> Application:
    """A draft of ``community`` for the round; its leaders and board may edit it."""
    _refuse_closed(round)
    if round.status == Round.Status.FULL_STAGE:
        raise ValidationError(
            _("Only the ideas invited to the full stage take part now."), code="full_stage"
        )
    if community.municipality_id != round.municipality_id:
        raise ValidationError(_("The community belongs to another municipality."))
    if community.status not in Community.WORKING_STATUSES:
        raise ValidationError(
            _("Only a verified or active community can apply."), code="community_not_running"
        )
    if Application.objects.filter(round=round, community=community).exists():
        raise ValidationError(
            _("%(community)s already has an application in this round.")
            % {"community": community.name},
            code="duplicate",
        )
    application = Application.objects.create(
        round=round,
        community=community,
        title=title,
        created_by=actor,
        stage=round.stage,
    )
    record_start(application, actor=actor)
    return application


@transaction.atomic
def save_application(
    *,
    actor,
    application: Application,
    expected_version: int | None = None,
    budget_lines=None,
    in_kind=None,
    neighbourhoods=None,
    **values,
) -> Application:
    """Save the draft: its text, budget lines and in-kind contributions, with the sums.

    Refused after the deadline, when someone else saved since the form was opened (code
    ``stale``), and when the budget breaks the round's cap or limits (the message names the
    part of the form).
    """
    current = Application.objects.select_for_update().select_related("round").get(pk=application.pk)
    _refuse_closed(current.round)
    if not current.is_editable:
        raise ValidationError(
            _("This application is submitted; it no longer changes."), code="not_editable"
        )
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            _(
                "Someone else of the community saved this application since you opened it. "
                "Their version is shown now; add your changes again."
            ),
            code="stale",
        )
    lines = (
        budget_lines
        if budget_lines is not None
        else list(current.budget_lines.values("category", "description", "amount"))
    )
    items = (
        in_kind
        if in_kind is not None
        else list(current.in_kind.values("kind", "description", "value"))
    )
    for name in ("title", "description", "activities", "starts_on", "ends_on", "own_contribution"):
        if name in values:
            setattr(current, name, values[name])
    totals = budget.compute(lines, items, current.own_contribution)
    found = budget.problems(current.round, totals, in_kind_count=len(items))
    if found:
        raise ValidationError(found, code="budget")
    current.total_cost = totals.total_cost
    current.admin_cost = totals.admin_cost
    current.in_kind_total = totals.in_kind_total
    current.requested_amount = totals.requested_amount
    current.version += 1
    current.save()
    if budget_lines is not None:
        current.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(BudgetLine(application=current, **line) for line in lines)
    if in_kind is not None:
        current.in_kind.all().delete()
        InKindContribution.objects.bulk_create(
            InKindContribution(application=current, **item) for item in items
        )
    if neighbourhoods is not None:
        current.neighbourhoods.set(neighbourhoods)
    return current


@transaction.atomic
def submit_application(*, actor, application: Application) -> Application:
    current = Application.objects.select_for_update().select_related("round").get(pk=application.pk)
    _refuse_closed(current.round)
    require_move(current, Application.Status.SUBMITTED, _("This application is already submitted."))
    missing = []
    if not current.description.strip():
        missing.append(_("the project description"))
    if not current.budget_lines.exists():
        missing.append(_("at least one budget line"))
    if missing:
        raise ValidationError(
            _("Before submitting, add %(missing)s.") % {"missing": ", ".join(map(str, missing))},
            code="incomplete",
        )
    lines = list(current.budget_lines.values("category", "amount"))
    items = list(current.in_kind.values("value"))
    totals = budget.compute(lines, items, current.own_contribution)
    found = budget.problems(current.round, totals, in_kind_count=len(items))
    if found:
        raise ValidationError(found, code="budget")
    move_to(current, Application.Status.SUBMITTED, actor=actor, stamp="submitted_at")
    mark_known_conflicts(round=current.round, applications=[current])
    tell_application_received(current)
    return current


@transaction.atomic
def add_attachment(*, actor, application: Application, title: str, file) -> Attachment:
    _refuse_closed(application.round)
    if not application.is_editable:
        raise ValidationError(_("This application is submitted; it no longer changes."))
    return Attachment.objects.create(
        application=application, title=title, file=file, added_by=actor
    )


@transaction.atomic
def remove_attachment(*, actor, attachment: Attachment) -> None:
    _refuse_closed(attachment.application.round)
    if not attachment.application.is_editable:
        raise ValidationError(_("This application is submitted; it no longer changes."))
    attachment.file.delete(save=False)
    attachment.delete()
