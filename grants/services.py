"""Every write about programmes, rounds and applications. Permission checks stay in views."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities.models import Community, Membership
from portal.history import log_event, move_to, record_start, require_move
from portal.models import Municipality

from . import budget, outbox
from . import decision_messages as notices
from .evaluation_services import (  # noqa: F401 - the evaluation's writes, re-exported
    assign_evaluator,
    check_eligibility,
    close_submissions,
    decide_application,
    declare_conflict,
    invite_shortlisted,
    mark_known_conflicts,
    publish_results,
    score_application,
    unassign_evaluator,
)
from .models import (
    Application,
    Attachment,
    BudgetLine,
    Criterion,
    InKindContribution,
    Programme,
    Round,
    RoundReminder,
)
from .report_services import (  # noqa: F401
    add_report_file,
    decide_report,
    file_report,
    remove_report_file,
)
from .roles import forget_evaluator_roles  # noqa: F401

RESERVED_SLUGS = {"new", "programmes", "mine", "evaluation", "subsidies"}

ROUND_FIELDS = (
    "title",
    "description",
    "budget",
    "announced_on",
    "deadline",
    "seminar_on",
    "evaluation_deadline",
    "decision_on",
    "implementation_starts",
    "implementation_ends",
    "progress_report_due_on",
    "final_report_due_on",
    "eligible_applicants",
    "priorities",
    "min_request",
    "max_request",
    "admin_cap_percent",
    "in_kind_accepted",
    "two_stage",
)


def _unique_slug(queryset, name, fallback):
    base = slugify(name)[:200] or fallback
    slug, n = base, 2
    while slug in RESERVED_SLUGS or queryset.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_programme(
    *,
    actor,
    municipality: Municipality,
    kind: str,
    name: str,
    description: str = "",
    external_url: str = "",
) -> Programme:
    programme = Programme.objects.create(
        municipality=municipality,
        kind=kind,
        name=name,
        slug=_unique_slug(Programme.objects.of(municipality), name, "programma"),
        description=description,
        external_url=external_url,
    )
    return programme


def _check_dates(values):
    errors = {}
    starts, ends = values.get("implementation_starts"), values.get("implementation_ends")
    if starts and ends and ends < starts:
        errors["implementation_ends"] = _("The implementation cannot end before it starts.")
    errors.update(_report_date_errors(values))
    announced, deadline = values.get("announced_on"), values.get("deadline")
    if announced and deadline and deadline.date() < announced:
        errors["deadline"] = _("The deadline cannot come before the announcement.")
    minimum, maximum = values.get("min_request"), values.get("max_request")
    if minimum is not None and maximum is not None and minimum > maximum:
        errors["max_request"] = _("The largest amount cannot be smaller than the smallest.")
    if errors:
        raise ValidationError(errors, code="invalid_dates")


def _report_date_errors(values):
    """The reports' due dates: the final one on or after the implementation ends, the
    (optional) progress report within the implementation, before the final one."""
    errors = {}
    starts, ends = values.get("implementation_starts"), values.get("implementation_ends")
    progress, final = values.get("progress_report_due_on"), values.get("final_report_due_on")
    if final is None:
        errors["final_report_due_on"] = _("Set the day the final report is due.")
    elif ends and final < ends:
        errors["final_report_due_on"] = _(
            "The final report cannot be due before the implementation ends."
        )
    if progress is not None:
        if starts and progress <= starts:
            errors["progress_report_due_on"] = _(
                "The progress report is due after the implementation starts."
            )
        elif final is not None and progress >= final:
            errors["progress_report_due_on"] = _(
                "The progress report is due before the final report."
            )
    return errors


def _write_criteria(round_, criteria):
    if criteria is None:
        return
    round_.criteria.all().delete()
    Criterion.objects.bulk_create(
        Criterion(
            round=round_,
            name=item["name"],
            description=item.get("description", ""),
            weight=Decimal(item.get("weight", 1)),
            max_score=item.get("max_score", 5),
            order=number,
        )
        for number, item in enumerate(criteria)
    )


@transaction.atomic
def create_round(*, actor, programme: Programme, criteria=None, **values) -> Round:
    """A new round in draft, with its criteria (``[{name, description, weight, max_score}]``)."""
    _check_dates(values)
    round_ = Round(
        municipality=programme.municipality,
        programme=programme,
        created_by=actor,
        slug=_unique_slug(Round.objects.of(programme.municipality), values["title"], "karta"),
        status=Round.Status.DRAFT,
    )
    for name in ROUND_FIELDS:
        if name in values:
            setattr(round_, name, values[name])
    round_.stage = Round.Stage.IDEA if round_.two_stage else Round.Stage.FULL
    round_.save()
    record_start(round_, actor=actor)
    _write_criteria(round_, criteria)
    return round_


@transaction.atomic
def update_round(
    *, actor, round: Round, expected_version: int | None = None, criteria=None, **values
) -> Round:
    """Change a round's settings. Criteria and the number of stages are fixed once it is
    published (the same for everyone); after the results nothing changes."""
    current = Round.objects.select_for_update().get(pk=round.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(
            _("Someone else changed this round since you opened the form; check and save again."),
            code="stale",
        )
    if current.is_locked:
        raise ValidationError(
            _("The results are published; the round no longer changes."), code="locked"
        )
    _check_dates({**{n: getattr(current, n) for n in ROUND_FIELDS}, **values})
    published = not current.is_draft
    changed = []
    for name in ROUND_FIELDS:
        if name not in values:
            continue
        if published and name == "two_stage" and values[name] != current.two_stage:
            raise ValidationError(
                {"two_stage": _("The number of stages is fixed once the round is published.")},
                code="published",
            )
        if getattr(current, name) != values[name]:
            changed.append(name)
            setattr(current, name, values[name])
    if published and criteria is not None:
        existing = [(c.name, c.weight, c.max_score) for c in current.criteria.all()]
        proposed = [
            (c["name"], Decimal(c.get("weight", 1)), c.get("max_score", 5)) for c in criteria
        ]
        if existing != proposed:
            raise ValidationError(
                _("The criteria are published and the same for everyone; they no longer change."),
                code="published",
            )
        criteria = None
    if current.is_draft:
        current.stage = Round.Stage.IDEA if current.two_stage else Round.Stage.FULL
    current.version += 1
    current.save()
    _write_criteria(current, criteria)
    if published and changed:
        log_event(current, "round_changed", actor=actor, data={"fields": changed})
    return current


@transaction.atomic
def publish_round(*, actor, round: Round) -> Round:
    require_move(round, Round.Status.OPEN, _("Only a draft round can be published."))
    if not round.criteria.exists():
        raise ValidationError(
            _("Add the evaluation criteria before publishing: they are published with the round."),
            code="no_criteria",
        )
    move_to(round, Round.Status.OPEN, actor=actor, stamp="published_at")
    return round


@transaction.atomic
def add_round_document(*, actor, round: Round, title: str, file) -> None:
    round.documents.create(title=title, file=file)


# --- applications --------------------------------------------------------------------------


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
    outbox.tell_application_received(current)
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


def now():
    return timezone.now()


@transaction.atomic
def ask_question(*, actor, round: Round, text: str):
    from .models import Question

    if round.is_draft or round.is_locked:
        raise ValidationError(_("Questions are asked while the round is published and running."))
    if not text.strip():
        raise ValidationError({"text": _("Write your question.")}, code="required")
    question = Question.objects.create(round=round, asked_by=actor, text=text.strip())
    notices.tell_question_asked(question)
    return question


@transaction.atomic
def answer_question(*, actor, question, answer: str, published: bool):
    """Staff answer; answers of general interest are published on the round's page. The
    asker is told either way (and sees the answer on the round's page)."""
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")}, code="required")
    question.answer = answer.strip()
    question.answered_by = actor
    question.answered_at = timezone.now()
    question.published = published
    question.save()
    if published:
        log_event(question.round, "answer_published", actor=actor, data={"question": question.pk})
    notices.tell_question_answered(question)
    return question


@transaction.atomic
def close_round(*, actor, round: Round) -> Round:
    """Results published → closed: its evaluators no longer act for the municipality."""
    require_move(round, Round.Status.CLOSED, _("Only a round with published results is closed."))
    move_to(round, Round.Status.CLOSED, actor=actor)
    return round
