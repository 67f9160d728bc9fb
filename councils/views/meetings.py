from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from communities.models import Community
from consultations.feedback import consultation_figures
from consultations.models import NeighbourhoodFollow, Submission
from consultations.shown import SUBMISSION_COLUMNS, label_submissions
from portal.forms import posted_pk
from portal.pagination import KeyFirstPaginator, paged
from portal.shapes import shape
from portal.views.service_forms import ServiceActionView

from ..forms import (
    AgendaItemForm,
    CommentForm,
    MeetingForm,
    MinutesForm,
    PresenceForm,
    PublishForm,
    RecommendationAnswerForm,
    RecommendationCorrectionForm,
    RecommendationForm,
    ReviewFilterForm,
)
from ..models import Meeting, Recommendation, ReviewComment
from ..reports import request_minutes
from ..services import meetings, recommendations, terms
from .base import CouncilMixin, ItemMixin, MeetingMixin, ServiceFormView
from .councils import STAFF_ONLY
from .papers import papers_form


class MeetingCreateView(CouncilMixin, ServiceFormView):
    permission_required = "councils.change_council"
    permission_denied_message = STAFF_ONLY
    form_class = MeetingForm
    heading = gettext_lazy("Schedule a meeting")
    success_message = gettext_lazy("The meeting is saved as a draft. Publish it when ready.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def save(self, data):
        item = {"title": data.pop("title"), "consultation": data.pop("consultation")}
        return meetings.schedule_meeting(
            actor=self.request.user, council=self.council, items=[item], **data
        )


class MeetingDetailView(MeetingMixin, TemplateView):
    permission_required = "councils.view_meeting"
    template_name = "councils/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting, user = self.meeting, self.request.user
        context = super().get_context_data(**kwargs)
        is_staff = user.has_perm("councils.change_meeting", meeting)
        items = list(meeting.items.select_related("consultation", "recommendation__answer"))
        can_review = user.has_perm("councils.view_papers", meeting)
        papers = list(meeting.papers.shown_to(sees_protected=can_review))
        by_item = {}
        for paper in papers:
            by_item.setdefault(paper.item_id, []).append(paper)
        for item in items:
            item.shown_papers = by_item.get(item.pk, [])
        if meeting.status == Meeting.Status.MINUTED or is_staff:
            # Every correction of an answer, each with the text it replaced (one query).
            corrections = {}
            for change in meeting.changes.filter(event="recommendation_answer_corrected"):
                corrections.setdefault(change.data.get("item"), []).append(change)
            for item in items:
                item.corrections = corrections.get(item.number, [])
        context.update(
            page_title=str(meeting),
            items=items,
            quorum=meetings.quorum(meeting),
            is_staff=is_staff,
            can_review=can_review,
            meeting_papers=by_item.get(None, []),
            can_attend=user.has_perm("councils.confirm_attendance", meeting),
            latest_notice=meetings.latest_notice_date(meeting),
            is_late=meetings.is_late(meeting),
        )
        if context["can_attend"]:
            context["my_attendance"] = meeting.attendance.filter(member=user).first()
        if is_staff:
            context["item_form"] = AgendaItemForm(
                municipality=self.request.municipality,
                late=meetings.agenda_change_is_late(meeting),
            )
            if presence_can_be_recorded(meeting):
                context["presence_form"] = presence_form(meeting)
            context["publish_form"] = PublishForm()
            if meeting.status != Meeting.Status.MINUTED:
                context["papers_form"] = papers_form(meeting)
            context["minutes_form"] = MinutesForm()
            context["history"] = meeting.changes.select_related("actor")
        return context


class MeetingPublishView(MeetingMixin, ServiceFormView):
    permission_required = "councils.publish_meeting"
    form_class = PublishForm
    heading = gettext_lazy("Announce the meeting")
    success_message = gettext_lazy("The meeting's time and agenda are public.")

    def get(self, request, *args, **kwargs):
        return redirect(self.meeting)

    def save(self, data):
        return meetings.publish_meeting(actor=self.request.user, meeting=self.meeting, **data)


class AgendaItemAddView(MeetingMixin, ServiceFormView):
    permission_required = "councils.change_meeting"
    form_class = AgendaItemForm
    heading = gettext_lazy("Add an agenda item")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipality": self.request.municipality,
            "late": meetings.agenda_change_is_late(self.meeting),
        }

    def save(self, data):
        meetings.add_agenda_item(actor=self.request.user, meeting=self.meeting, **data)
        return self.meeting


class AgendaItemEditView(ItemMixin, ServiceFormView):
    """Change an item of the agenda; once announced and within the notice, with a reason."""

    permission_required = "councils.change_meeting"
    form_class = AgendaItemForm
    heading = gettext_lazy("Change the agenda item")
    success_message = gettext_lazy("The agenda item is changed.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipality": self.request.municipality,
            "late": meetings.agenda_change_is_late(self.meeting),
        }

    def get_initial(self):
        item = self.item
        return {
            "title": item.title,
            "description": item.description,
            "consultation": item.consultation,
        }

    def save(self, data):
        meetings.change_agenda_item(actor=self.request.user, item=self.item, **data)
        return self.meeting


def presence_can_be_recorded(meeting):
    return (
        meeting.status == Meeting.Status.PUBLISHED
        and meetings.meeting_day(meeting) <= timezone.localdate()
    )


def presence_form(meeting, data=None):
    day = meetings.meeting_day(meeting)
    members = (
        get_user_model()
        .objects.filter(pk__in=terms.sitting_member_ids(meeting.council, day))
        .order_by("full_name", "email")
    )
    initial = {
        "present": list(meeting.attendance.filter(present=True).values_list("member_id", flat=True))
    }
    return PresenceForm(data, members=members, initial=initial)


class PresenceView(MeetingMixin, ServiceFormView):
    """Staff record which sitting members were present: the quorum and votes count from it."""

    permission_required = "councils.change_meeting"
    heading = gettext_lazy("Who is present")
    success_message = gettext_lazy("The presence is recorded.")

    def get_form(self, form_class=None):
        return presence_form(
            self.meeting, self.request.POST if self.request.method == "POST" else None
        )

    def save(self, data):
        return meetings.record_presence(
            actor=self.request.user, meeting=self.meeting, present=data["present"]
        )


class AttendanceView(MeetingMixin, ServiceActionView):
    permission_required = "councils.confirm_attendance"
    success_message = gettext_lazy("Your answer is recorded.")

    def act(self):
        attends = self.request.POST.get("attends") == "yes"
        return meetings.confirm_attendance(
            actor=self.request.user, meeting=self.meeting, attends=attends
        )

    def get_success_url(self, result):
        return self.meeting.get_absolute_url()


class MinutesView(MeetingMixin, ServiceFormView):
    permission_required = "councils.publish_minutes"
    form_class = MinutesForm
    heading = gettext_lazy("Publish the minutes")
    success_message = gettext_lazy("The minutes and recommendations are published.")

    def save(self, data):
        return meetings.publish_minutes(actor=self.request.user, meeting=self.meeting, **data)


class MinutesPdfView(MeetingMixin, View):
    """The minutes as a PDF once published: asks the kit for the report of the minutes as they
    stand and sends the reader to its page (progress, then the download). A plain link, public
    like the meeting: asking again for unchanged data finds the same report, renders nothing."""

    permission_required = "councils.view_meeting"

    def get(self, request, *args, **kwargs):
        if self.meeting.status != Meeting.Status.MINUTED:
            raise Http404
        report = request_minutes(actor=request.user, meeting=self.meeting)
        return redirect(report.get_absolute_url())


class RecommendationView(ItemMixin, ServiceFormView):
    permission_required = "councils.record_recommendation"
    form_class = RecommendationForm
    heading = gettext_lazy("Record the council's recommendation")
    success_message = gettext_lazy("The recommendation is recorded.")

    def get_initial(self):
        recommendation = Recommendation.objects.filter(item=self.item).first()
        if recommendation is None:
            return {}
        return {
            name: getattr(recommendation, name)
            for name in ("text", "voted", "votes_for", "votes_against", "abstentions")
        }

    def save(self, data):
        recommendations.record_recommendation(actor=self.request.user, item=self.item, **data)
        return self.meeting


class RecommendationAnswerView(ItemMixin, ServiceFormView):
    permission_required = "councils.answer_recommendation"
    form_class = RecommendationAnswerForm
    heading = gettext_lazy("Answer the council's recommendation")
    success_message = gettext_lazy("The answer is published on the council's page.")

    def save(self, data):
        recommendation = Recommendation.objects.filter(item=self.item).first()
        if recommendation is None:
            raise Http404
        recommendation.item = self.item
        recommendations.answer_recommendation(
            actor=self.request.user, recommendation=recommendation, **data
        )
        return self.council


class RecommendationCorrectView(ItemMixin, ServiceFormView):
    """Staff correct a published answer with a reason; the earlier text stays in history."""

    permission_required = "councils.answer_recommendation"
    form_class = RecommendationCorrectionForm
    heading = gettext_lazy("Correct the answer to the council's recommendation")
    success_message = gettext_lazy("The answer is corrected; the correction is shown.")

    def recommendation(self):
        recommendation = (
            Recommendation.objects.filter(item=self.item, answer__isnull=False)
            .select_related("answer")
            .first()
        )
        if recommendation is None:
            raise Http404
        recommendation.item = self.item
        return recommendation

    def get_initial(self):
        answer = self.recommendation().answer
        return {"status": answer.status, "explanation": answer.explanation}

    def save(self, data):
        recommendations.correct_recommendation_answer(
            actor=self.request.user, recommendation=self.recommendation(), **data
        )
        return self.meeting


_COMMENT_COLUMNS = ("submission_id", "text", "created_at", "author_id", "author__full_name")


@shape
def _comments_of(item_id, submission_ids):
    """The comments on the item and on the submissions with the given keys."""
    comments = ReviewComment.objects.filter(item_id=item_id)
    comments = comments.filter(Q(submission__isnull=True) | Q(submission_id__in=submission_ids))
    return comments.values_list(*_COMMENT_COLUMNS)


@shape
def _item_comments(item_id):
    comments = ReviewComment.objects.filter(item_id=item_id, submission__isnull=True)
    return comments.values_list(*_COMMENT_COLUMNS)


@paged
def _submission_keys(consultation_id, status, area, *, by_status, joint, by_area):
    """The keys of a consultation's submissions in the order the papers list them: of one
    status, joint opinions only or residents' only (``joint``: "yes", "no" or ""), of one
    neighbourhood (a community covering it, or a resident following it)."""
    rows = Submission.objects.filter(consultation_id=consultation_id)
    if by_status:
        rows = rows.filter(status=status)
    if joint == "yes":
        rows = rows.filter(community__isnull=False)
    elif joint == "no":
        rows = rows.filter(community__isnull=True)
    if by_area:
        rows = rows.filter(
            Exists(
                Community.neighbourhoods.through.objects.filter(
                    community_id=OuterRef("community_id"), territory_id=area
                )
            )
            | Exists(
                NeighbourhoodFollow.objects.filter(user_id=OuterRef("author_id"), territory_id=area)
            )
        )
    return rows.order_by("submitted_at", "pk").values_list("pk")


@shape
def _submissions_with_keys(keys):
    return Submission.objects.filter(pk__in=keys).values(*SUBMISSION_COLUMNS).order_by()


class ReviewView(ItemMixin, ServiceFormView):
    """For the council's sitting members and staff only: the item's consultation with every
    submission beside the municipality's answer, filters, and the members' comments, which
    they write here (a comment refused stays in its form on the page)."""

    permission_required = "councils.view_papers"
    permission_denied_message = gettext_lazy(
        "Only the council's sitting members and the municipality's staff see the papers."
    )
    template_name = "content_page.html"
    content_template_name = "councils/_review_content.html"
    form_class = CommentForm
    success_message = gettext_lazy("Your comment is saved for the council.")

    # Only the columns the papers show and their permissions read: the item, its meeting's
    # time and status, the council's name and keys, the consultation's title and due day.
    item_related = ("consultation", "meeting__council")
    item_columns = (
        "meeting_id",
        "number",
        "title",
        "description",
        "consultation_id",
        "meeting__council_id",
        "meeting__starts_at",
        "meeting__status",
        "meeting__council__municipality_id",
        "meeting__council__name",
        "meeting__council__slug",
        "consultation__municipality_id",
        "consultation__title",
        "consultation__response_due_on",
    )

    def submissions(self, filters):
        """The keys of the chosen submissions in their order, a page at a time (a shape for
        each combination of filters: ``_submission_keys``)."""
        data = filters.cleaned_data if filters.is_valid() else {}
        area = data.get("neighbourhood")  # a territory's key
        return _submission_keys(
            self.item.consultation_id,
            data.get("status") or "",
            int(area) if area else 0,
            by_status=bool(data.get("status")),
            joint=data.get("joint") or "",
            by_area=bool(area),
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(form=form or CommentForm(), **kwargs)
        filters = ReviewFilterForm(self.request.GET or None, municipality=self.request.municipality)
        consultation = self.item.consultation
        rows, page, shown, counts = [], None, [], None
        if consultation is not None:
            counts = consultation_figures(consultation.pk)
            unfiltered = not (filters.is_valid() and any(filters.cleaned_data.values()))
            paginator = KeyFirstPaginator(
                self.submissions(filters),
                50,
                known_count=counts.total if unfiltered else None,
                load=_submissions_with_keys,
            )
            page = paginator.get_page(self.request.GET.get("page"))
            shown = label_submissions(
                list(page.object_list), response_due_on=consultation.response_due_on, names=False
            )
        # The comments on the item and on the submissions of this page, nobody else's.
        # Plain objects of the shown columns (``text``, ``created_at``, ``author.full_name``).
        shown_keys = tuple(s["pk"] for s in shown)
        comments = (
            _comments_of(self.item.pk, shown_keys) if shown_keys else _item_comments(self.item.pk)
        )
        by_submission = {}
        for submission_id, text, created_at, author_id, name in comments:
            author = SimpleNamespace(full_name=name) if author_id is not None else None
            by_submission.setdefault(submission_id, []).append(
                SimpleNamespace(text=text, created_at=created_at, author=author)
            )
        rows = [(submission, by_submission.get(submission["pk"], [])) for submission in shown]
        context.update(
            page_title=_("Papers: %(item)s") % {"item": self.item.title},
            consultation=consultation,
            figures=counts,
            rows=rows,
            page_obj=page,
            paginator=page.paginator if page else None,
            is_paginated=bool(page and page.has_other_pages()),
            filters=filters,
            item_comments=by_submission.get(None, []),
            can_comment=self.request.user.has_perm("councils.comment", self.meeting),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("councils.comment", self.meeting):
            return self.handle_no_permission()
        return super().post(request, *args, **kwargs)

    def save(self, data):
        submission = None
        submission_pk = posted_pk(self.request.POST.get("submission"))
        if submission_pk and self.item.consultation_id:
            submission = Submission.objects.filter(
                consultation_id=self.item.consultation_id, pk=submission_pk
            ).first()
        return meetings.add_comment(
            actor=self.request.user, item=self.item, submission=submission, **data
        )

    def get_success_url(self, result=None):
        return self.request.get_full_path()
