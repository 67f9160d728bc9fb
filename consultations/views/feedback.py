from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from portal.pagination import CountingPaginator, KeyFirstPaginator, paged, section_page
from portal.shapes import shape
from portal.views.service_forms import ServiceFormView

from ..feedback import consultation_figures
from ..forms import FollowForm
from ..models import NeighbourhoodFollow, Submission
from ..reports import request_feedback_report
from ..services.following import set_followed
from ..shown import SUBMISSION_COLUMNS, feedback_items, label_submissions
from .base import ConsultationMixin

FEEDBACK_COLUMNS = (*SUBMISSION_COLUMNS, "author__full_name", "document__title")


@paged
def _feedback_keys(consultation_id, *, joint):
    """The keys of the joint opinions, or of the residents' submissions, in their order."""
    return (
        Submission.objects.filter(consultation_id=consultation_id, community__isnull=not joint)
        .order_by("submitted_at", "pk")
        .values_list("pk")
    )


@shape
def _feedback_rows(keys):
    return Submission.objects.filter(pk__in=keys).values(*FEEDBACK_COLUMNS).order_by()


@paged
def _joint_opinions(consultation_id):
    return (
        Submission.objects.filter(consultation_id=consultation_id, community__isnull=False)
        .order_by("submitted_at", "pk")
        .values(*FEEDBACK_COLUMNS)
    )


class FeedbackView(ConsultationMixin, TemplateView):
    """The public feedback page: the figures, the joint opinions (50 a page, turned by
    ``?joint=``), then the individual submissions (50 a page), each with its answer.
    Individual residents' names only when they agreed; a fixed number of queries whatever
    the number of submissions."""

    permission_required = "consultations.view_consultation"
    template_name = "consultations/feedback.html"
    paginate_by = 50
    paginator_class = CountingPaginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.consultation
        shown = consultation_figures(consultation.pk)
        page = KeyFirstPaginator(
            _feedback_keys(consultation.pk, joint=False),
            self.paginate_by,
            known_count=shown.total - shown.joint,
            load=_feedback_rows,
        ).get_page(self.request.GET.get("page"))
        joint = section_page(
            self.request,
            _joint_opinions(consultation.pk),
            self.paginate_by,
            "joint",
            known_count=shown.joint,
        )
        due = consultation.response_due_on
        label_submissions(joint.object_list, response_due_on=due)
        label_submissions(page.object_list, response_due_on=due)
        context.update(
            page_title=_("Feedback: %(title)s") % {"title": consultation.title},
            figures=shown,
            joint=joint.object_list,
            joint_items=feedback_items(joint.object_list),
            joint_page=joint,
            individual=page.object_list,
            individual_items=feedback_items(page.object_list),
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
        )
        return context


class FeedbackReportView(ConsultationMixin, View):
    """The feedback report of a completed consultation: asks the kit for the report of the
    data as it stands and sends the reader to its page (progress, then the download). Public
    like the feedback page; a plain link, since asking again for unchanged data finds the
    same report (keyed by its content) and renders nothing."""

    permission_required = "consultations.view_consultation"

    def get(self, request, slug):
        if not self.consultation.is_completed:
            raise Http404
        report = request_feedback_report(actor=request.user, consultation=self.consultation)
        return redirect(report.get_absolute_url())


class FollowView(LoginRequiredMixin, ServiceFormView):
    """A resident chooses the neighbourhoods they follow (linked from the profile)."""

    template_name = "consultations/follow_form.html"
    form_class = FollowForm
    success_message = gettext_lazy("Saved: you are invited to their consultations.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def get_initial(self):
        followed = NeighbourhoodFollow.objects.filter(
            user=self.request.user, territory__municipality=self.request.municipality
        ).values_list("territory_id", flat=True)
        return {"territories": list(followed)}

    def save(self, data):
        return set_followed(
            actor=self.request.user,
            municipality=self.request.municipality,
            territories=data["territories"],
        )

    def get_success_url(self, result=None):
        return reverse("consultations:following")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page_title": _("Neighbourhoods you follow")}
