"""Programmes and rounds: created, edited, published, their documents, questions and answers, and
closed. Permission checks stay in views."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.history import log_event, move_to, record_start, require_move
from portal.models import Municipality

from ..models import Criterion, Programme, Question, Round
from ..outbox.decisions import tell_question_answered, tell_question_asked

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


@transaction.atomic
def ask_question(*, actor, round: Round, text: str):
    if round.is_draft or round.is_locked:
        raise ValidationError(_("Questions are asked while the round is published and running."))
    if not text.strip():
        raise ValidationError({"text": _("Write your question.")}, code="required")
    question = Question.objects.create(round=round, asked_by=actor, text=text.strip())
    tell_question_asked(question)
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
    tell_question_answered(question)
    return question


@transaction.atomic
def close_round(*, actor, round: Round) -> Round:
    """Results published → closed: its evaluators no longer act for the municipality."""
    require_move(round, Round.Status.CLOSED, _("Only a round with published results is closed."))
    move_to(round, Round.Status.CLOSED, actor=actor)
    return round
