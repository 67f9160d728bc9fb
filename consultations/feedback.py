"""The public feedback report: every submission with its answer, and the summary figures.

The page, the PDF and the national view read the same figures, in one query whatever the
number of submissions (``figures``).
"""

import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from portal.shapes import shape

from .models import Submission
from .models.submissions import AnswerStatus


@dataclass
class Figures:
    total: int = 0
    answered: int = 0
    joint: int = 0
    late: int = 0
    median_days: float | None = None
    by_status: list = field(default_factory=list)  # (label, count) in the choices' order

    @property
    def unanswered(self):
        return self.total - self.answered


def _overdue(today):
    """Unanswered after the due date: the extension's, else the consultation's."""
    return Q(status=Submission.Status.RECEIVED) & (
        Q(extended_until__lt=today)
        | Q(extended_until__isnull=True, consultation__response_due_on__lt=today)
    )


_GROUPED_BY = (
    "status",
    "answer__status",
    "answered_late",
    "extended_until",
    "consultation__response_due_on",
    "working_days_to_answer",
)


def _groups(submissions):
    """The rows of ``submissions`` counted by what the figures tell apart."""
    return (
        submissions.values_list(*_GROUPED_BY)
        .annotate(rows=Count("pk"), joint=Count("community"))
        .order_by()
    )


@shape
def _groups_of(consultation_id):
    return _groups(Submission.objects.filter(consultation_id=consultation_id))


def figures(submissions, today=None):
    """Summary figures of ``submissions`` (a queryset): one query.

    It counts the rows by what the figures tell apart (status, the answer's status, answered
    late, the due dates, the working days to answer): a few dozen groups whatever the number
    of submissions, added up here, the median days from how many took each number of days.
    Its SQL is short to build, where one ``COUNT ... FILTER`` per figure took milliseconds of
    Python to compile.
    """
    return _added_up(_groups(submissions), today or timezone.localdate())


def consultation_figures(consultation_id, today=None):
    """``figures`` of every submission of a consultation, by SQL compiled once per process
    (``portal.shapes``): the feedback page and the council's papers."""
    return _added_up(_groups_of(consultation_id), today or timezone.localdate())


def _added_up(groups, today):
    found = Figures()
    by_status = dict.fromkeys(AnswerStatus.values, 0)
    days = {}  # working days to answer: how many submissions took them
    for status, answer_status, answered_late, extended_until, due_on, took, rows, joint in groups:
        found.total += rows
        found.joint += joint
        if status == Submission.Status.ANSWERED:
            found.answered += rows
        if answer_status in by_status:
            by_status[answer_status] += rows
        if answered_late:
            found.late += rows
        if _is_overdue(status, extended_until, due_on, today):
            found.late += rows
        if took is not None:
            days[took] = days.get(took, 0) + rows
    found.median_days = _median(days)
    found.by_status = [(label, by_status[value]) for value, label in AnswerStatus.choices]
    return found


def _is_overdue(status, extended_until, due_on, today):
    """``_overdue`` of one row, as SQL reads it (a missing date is never before today)."""
    if status != Submission.Status.RECEIVED:
        return False
    if extended_until is not None:
        return extended_until < today
    return due_on is not None and due_on < today


def _median(counted):
    """``statistics.median`` of the values counted in ``counted`` (``{value: how many}``):
    the middle one (an odd number of values) or two (even), found by counting up."""
    count = sum(counted.values())
    if not count:
        return None
    wanted, middle, seen = sorted({(count - 1) // 2, count // 2}), [], 0
    for value in sorted(counted):
        seen += counted[value]
        while wanted and wanted[0] < seen:
            middle.append(value)
            wanted.pop(0)
    return statistics.median(middle)


@dataclass
class Record:
    """How one municipality answered over a period: for the national comparison."""

    total: int = 0
    answered: int = 0
    late: int = 0
    median_days: float | None = None

    @property
    def answered_share(self):
        return self.answered / self.total if self.total else None

    @property
    def late_share(self):
        return self.late / self.total if self.total else None


def records_by_municipality(municipality_ids, today=None, days=365):
    """``{municipality_id: Record}`` over the submissions to consultations that closed in the
    last ``days`` days: two queries whatever the number of municipalities or submissions."""
    today = today or timezone.localdate()
    rows = Submission.objects.filter(
        consultation__municipality_id__in=list(municipality_ids),
        consultation__status__in=("published", "completed"),
        consultation__closes_on__gte=today - timezone.timedelta(days=days),
        consultation__closes_on__lt=today,
    )
    overdue = _overdue(today)
    records = {}
    for row in (
        rows.values("consultation__municipality_id")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=Q(status=Submission.Status.ANSWERED)),
            late=Count("pk", filter=Q(answered_late=True) | overdue),
        )
        .order_by()
    ):
        records[row["consultation__municipality_id"]] = Record(
            total=row["total"], answered=row["answered"], late=row["late"]
        )
    days_by = {}
    for municipality_id, value in rows.filter(working_days_to_answer__isnull=False).values_list(
        "consultation__municipality_id", "working_days_to_answer"
    ):
        days_by.setdefault(municipality_id, []).append(value)
    for municipality_id, values in days_by.items():
        records[municipality_id].median_days = statistics.median(values)
    return records


def figures_by_consultation(consultation_ids, today=None):
    """``{consultation_id: Figures}`` (total, answered, late, median) of several consultations,
    the same as ``figures`` of each one's submissions: two queries whatever their number."""
    today = today or timezone.localdate()
    ids = list(consultation_ids)
    result = {pk: Figures() for pk in ids}
    rows = Submission.objects.filter(consultation_id__in=ids)
    for row in (
        rows.values("consultation_id")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=Q(status=Submission.Status.ANSWERED)),
            joint=Count("pk", filter=Q(community__isnull=False)),
            late=Count("pk", filter=Q(answered_late=True)) + Count("pk", filter=_overdue(today)),
        )
        .order_by()
    ):
        found = result[row["consultation_id"]]
        found.total, found.answered = row["total"], row["answered"]
        found.joint, found.late = row["joint"], row["late"]
    days = {}
    for consultation_id, value in rows.filter(working_days_to_answer__isnull=False).values_list(
        "consultation_id", "working_days_to_answer"
    ):
        days.setdefault(consultation_id, []).append(value)
    for consultation_id, values in days.items():
        result[consultation_id].median_days = statistics.median(values)
    return result
