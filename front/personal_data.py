"""What "Your data" holds beyond the account and the communities app (issue 25, item 5): one
``Section`` per kind of row that names the person, in every app, and one summary of the
person's part in records kept for others (decisions, history rows, work done for a
municipality).

Every relation from any model to the user is either exported here (or by
``front.views.privacy.personal_data``'s own sections, listed in ``EXPORTED_ELSEWHERE``) or
named in ``LEFT_OUT`` with the reason; ``tests/portal/test_personal_data_whole.py`` walks the
models and fails on a relation that is neither.
"""

import datetime
import decimal
import os
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, IntegerField, Model, Q, Value
from django.db.models.fields.files import FieldFile
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import SecurityEvent, StatusChange

# How many rows of one kind the download lists (newest first) where a person may have many.
ROWS_LISTED = 500

WHEN = _("when")


@dataclass(frozen=True)
class Section:
    """The rows of ``model`` whose ``by`` is the person, with ``fields`` (paths through
    relations with ``__``; a pair gives the label when the field has no verbose name)."""

    key: str
    title: Promise
    model: str
    by: str
    fields: tuple = ()
    order: tuple = ("-pk",)
    also: object = None  # a function (user) -> Q of further rows about the person

    def model_class(self):
        return apps.get_model(self.model)

    def relation(self):
        """The ``app.Model.field`` name of the relation to the user this section exports."""
        return f"{self.model}.{self.by}"

    def _paths(self):
        return [item if isinstance(item, tuple) else (item, None) for item in self.fields]

    def labels(self):
        labels = {}
        for path, label in self._paths():
            if label is None:
                label = _field(self.model_class(), path).verbose_name
            labels[path] = capfirst(label)
        return labels

    def condition(self, user):
        condition = Q(**{self.by: user})
        if self.also:
            condition |= self.also(user)
        return condition

    def rows(self, user):
        model = self.model_class()
        condition = self.condition(user)
        related = {
            path.split("__")[0]
            for path, _label in self._paths()
            if _is_forward_relation(model, path.split("__")[0])
        }
        queryset = model.objects.filter(condition).select_related(*sorted(related))
        queryset = queryset.order_by(*self.order)[:ROWS_LISTED]
        return [{path: _value(row, path) for path, _label in self._paths()} for row in queryset]


def _field(model, path):
    parts = path.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(parts[-1])


def _is_forward_relation(model, name):
    found = model._meta.get_field(name)
    return (found.many_to_one or found.one_to_one) and not found.auto_created


def _value(row, path):
    parts = path.split("__")
    owner = row
    for part in parts[:-1]:
        owner = getattr(owner, part, None)
        if owner is None:
            return None
    name = parts[-1]
    model_field = owner._meta.get_field(name)
    value = getattr(owner, name)
    if value is None:
        return None
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return plain(value)


def plain(value):
    """A value as JSON: dates as ISO text, money as text, a file by its name, a row by its
    name."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return os.path.basename(value.name) if value else None
    if isinstance(value, (Model, Promise)):
        return str(value)
    return value


def _failed_sign_ins_naming(user):
    from allauth.account.models import EmailAddress

    emails = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    condition = Q(pk__in=[])
    for email in emails:
        condition |= Q(kind=SecurityEvent.Kind.LOGIN_FAILED, data__login__iexact=email)
    return condition


SECTIONS = [
    Section(
        "second_factors",
        _("Second factors"),
        "mfa.Authenticator",
        "user",
        (("type", _("Kind")), ("created_at", _("Created")), ("last_used_at", WHEN)),
    ),
    Section(
        "security_events",
        _("Security events: sign-ins and other changes, with the address they came from"),
        "portal.SecurityEvent",
        "actor",
        ("kind", "at", "client_ip", "municipality"),
        order=("-at", "-pk"),
        also=_failed_sign_ins_naming,
    ),
    Section(
        "contact_person_for",
        _("You as a municipal contact person"),
        "portal.ContactPerson",
        "user",
        ("municipality", "name", "position", "email", "phone", "reception_hours"),
    ),
    Section(
        "reports_asked_for",
        _("Reports you asked for"),
        "portal.Report",
        "requested_by",
        ("kind", "subject", "requested_at", "status"),
    ),
    Section(
        "stories_written",
        _("Good-practice stories you wrote"),
        "communities.Story",
        "created_by",
        ("community", "title", "status", "created_at", "published_at"),
    ),
    Section(
        "questions_to_story_authors",
        _("Questions you asked the authors of stories"),
        "communities.StoryQuestion",
        "asker",
        (("story", _("Story")), "message", "asked_at", "reply", "replied_at"),
    ),
    Section(
        "consultation_opinions",
        _("Opinions you submitted to consultations"),
        "consultations.Submission",
        "author",
        (
            ("consultation", _("Consultation")),
            "community",
            "text",
            "section",
            "attachment",
            "show_name",
            "status",
            "submitted_at",
        ),
    ),
    Section(
        "neighbourhoods_followed",
        _("Neighbourhoods you follow"),
        "consultations.NeighbourhoodFollow",
        "user",
        ("territory", ("since", _("Since"))),
    ),
    Section(
        "problems_reported",
        _("Problems you reported, with their place and photo"),
        "consultations.ProblemReport",
        "reporter",
        (
            "municipality",
            "neighbourhood",
            "category",
            "title",
            "description",
            "address",
            "latitude",
            "longitude",
            "photo",
            "community",
            "status",
            "created_at",
            "answer",
        ),
    ),
    Section(
        "grant_questions",
        _("Questions you asked about grant rounds"),
        "grants.Question",
        "asked_by",
        (("round", _("Round")), "text", ("asked_at", WHEN), "answer", "published"),
    ),
    Section(
        "grant_applications_started",
        _("Grant applications you started"),
        "grants.Application",
        "created_by",
        ("round", "community", "title", "status", "created_at", "submitted_at"),
    ),
    Section(
        "grant_attachments_added",
        _("Files you added to grant applications"),
        "grants.Attachment",
        "added_by",
        (("application", _("Application")), "title", "file", ("added_at", WHEN)),
    ),
    Section(
        "subsidy_spending_documents_added",
        _("Files you added to reports on spending a subsidy"),
        "grants.SpendingDocument",
        "added_by",
        (("report", _("Spending report")), "title", "file", ("added_at", WHEN)),
    ),
    Section(
        "grant_reports_submitted",
        _("Grant reports you submitted"),
        "grants.Report",
        "submitted_by",
        (("application", _("Application")), "kind", "status", "submitted_at"),
    ),
    Section(
        "grant_report_files_added",
        _("Files you added to grant reports"),
        "grants.ReportFile",
        "added_by",
        (
            ("report", pgettext_lazy("grant report", "Report")),
            "kind",
            "title",
            "file",
            ("added_at", WHEN),
        ),
    ),
    Section(
        "grant_reminders_asked_for",
        _("Grant round reminders you asked for"),
        "grants.RoundReminder",
        "asked_by",
        (("round", _("Round")), ("community", _("Community")), "asked_at"),
    ),
    Section(
        "grant_rounds_you_evaluate",
        _("Grant rounds you evaluate"),
        "grants.EvaluatorAssignment",
        "user",
        (("round", _("Round")), ("assigned_at", WHEN)),
    ),
    Section(
        "conflict_declarations",
        _("Your declarations of conflicts of interest"),
        "grants.ConflictDeclaration",
        "evaluator",
        (("application", _("Application")), "has_conflict", "known", "note", ("declared_at", WHEN)),
    ),
    Section(
        "scores_given",
        _("Scores you gave"),
        "grants.Score",
        "evaluator",
        (
            ("application", _("Application")),
            ("criterion", _("Criterion")),
            "score",
            "justification",
            ("scored_at", WHEN),
        ),
    ),
    Section(
        "council_seats",
        _("Your council seats"),
        "councils.Term",
        "member",
        (("seat", _("seat")), "community", ("starts_on", _("From")), "ends_on", "ended_reason"),
    ),
    Section(
        "council_nominations",
        _("Your nominations to councils"),
        "councils.Nomination",
        "nominee",
        (
            ("period", _("Period")),
            "community",
            "motivation",
            "status",
            "consented_at",
            ("created_at", WHEN),
        ),
    ),
    Section(
        "council_candidacies",
        _("Your candidacies in council elections"),
        "councils.Candidacy",
        "person",
        (
            ("election", _("election")),
            "territory",
            "statement",
            "meets_conditions",
            "votes",
            "elected",
            ("created_at", WHEN),
        ),
    ),
    Section(
        # Whom the person voted for is not shown, not even to them: nobody can be made to
        # prove their vote (the privacy notice says so).
        "council_elections_voted_in",
        _("Council elections you voted in"),
        "councils.Vote",
        "voter",
        (("election", _("election")), "territory", ("cast_at", WHEN)),
    ),
    Section(
        "council_meeting_attendance",
        _("Your answers whether you attend council meetings"),
        "councils.Attendance",
        "member",
        (("meeting", _("meeting")), "attends", ("answered_at", WHEN)),
    ),
    Section(
        "council_review_comments",
        _("Your comments on council agenda items"),
        "councils.ReviewComment",
        "author",
        (("item", _("agenda item")), "text", ("created_at", WHEN)),
    ),
]

# The person's part in records that are someone else's: decisions they made, work they did
# for a municipality, and every history row they wrote. "Your data" counts them per kind of
# record (the records themselves name other people and belong to the community or the
# municipality, which shows them on their pages).
PART_IN_RECORDS = [
    ("portal.MunicipalStaff", "added_by"),
    ("communities.Membership", "decided_by"),
    ("communities.CommunityChangeRequest", "decided_by"),
    ("communities.Event", "removed_by"),
    ("communities.JointOpinion", "removed_by"),
    ("communities.ActivityYearReopening", "reopened_by"),
    ("communities.Agreement", "created_by"),
    ("communities.StoryQuestion", "replied_by"),
    ("grants.Round", "created_by"),
    ("grants.Question", "answered_by"),
    ("grants.EvaluatorAssignment", "assigned_by"),
    ("grants.SubsidyAward", "awarded_by"),
    ("consultations.Consultation", "responsible"),
    ("consultations.Consultation", "created_by"),
    ("consultations.Answer", "answered_by"),
    ("consultations.MunicipalEvent", "created_by"),
    ("consultations.ProblemReport", "assigned_to"),
    ("councils.NominationPeriod", "opened_by"),
    ("councils.Recommendation", "recorded_by"),
    ("councils.LotDrawing", "drawn_by"),
    ("councils.MeetingPaper", "added_by"),
]


def section_counts(user):
    """``{section key: number of rows}`` of every section, counted in one query (a
    ``UNION ALL`` of one count per section): the readable page lists the rows of one
    section at a time."""
    counts = [
        section.model_class()
        .objects.filter(section.condition(user))
        .order_by()
        .annotate(section_number=Value(number, output_field=IntegerField()))
        .values("section_number")
        .annotate(n=Count("pk"))
        .values_list("section_number", "n")
        for number, section in enumerate(SECTIONS)
    ]
    found = dict(counts[0].union(*counts[1:], all=True))
    return {section.key: found.get(number, 0) for number, section in enumerate(SECTIONS)}


def history_models():
    return [model for model in apps.get_models() if issubclass(model, StatusChange)]


def part_in_records(user):
    """``[{"record": ..., "as": ..., "count": n}, ...]``: one row per kind with any, counted
    in one query (a ``UNION ALL`` of one count per kind)."""
    pairs = [(apps.get_model(label), name) for label, name in PART_IN_RECORDS]
    pairs += [(model, "actor") for model in history_models()]
    counts = [
        model.objects.filter(**{name: user})
        .order_by()
        .annotate(part_of_record=Value(number, output_field=IntegerField()))
        .values("part_of_record")
        .annotate(n=Count("pk"))
        .values_list("part_of_record", "n")
        for number, (model, name) in enumerate(pairs)
    ]
    found = dict(counts[0].union(*counts[1:], all=True))
    return [
        {
            "record": str(capfirst(model._meta.verbose_name_plural)),
            "as": str(model._meta.get_field(name).verbose_name),
            "count": found[number],
        }
        for number, (model, name) in enumerate(pairs)
        if found.get(number)
    ]


PART_IN_RECORDS_TITLE = _("Your part in records kept for others")
PART_IN_RECORDS_LABELS = {"record": _("Kind of record"), "as": _("Role"), "count": _("How many")}

# Relations to the user that ``front.views.privacy.personal_data`` exports itself.
EXPORTED_ELSEWHERE = {
    "account.EmailAddress.user": "email_addresses",
    "portal.MunicipalStaff.user": "staff_of",
    "portal.Notification.user": "messages_sent_to_you",
    "portal.NotificationOptOut.user": "kinds_of_message_you_stopped",
    "communities.Membership.user": "memberships",
    "communities.Community.created_by": "communities_registered",
    "communities.CommunityChangeRequest.requested_by": "changes_of_key_facts_asked",
    "communities.Event.created_by": "activity_entries_recorded",
    "communities.JointOpinion.created_by": "activity_entries_recorded",
}

# Relations to the user deliberately not in "Your data", with the reason.
LEFT_OUT = {
    "admin.LogEntry.user": (
        "The Django admin's own log of what administrators changed there: the installation's "
        "audit trail. Only administrators have rows in it, they cannot delete their accounts "
        "(front.accounts.refusals), and the operator gives it to them on request."
    ),
}


def exported_relations():
    """``{"app.Model.field": section key}`` for every relation to the user "Your data"
    exports."""
    exported = dict(EXPORTED_ELSEWHERE)
    for section in SECTIONS:
        exported[section.relation()] = section.key
    for label, name in PART_IN_RECORDS:
        exported[f"{label}.{name}"] = "part_in_records"
    for model in history_models():
        exported[f"{model._meta.label}.actor"] = "part_in_records"
    return exported
