from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from portal.pagination import KeyFirstPaginator

from .. import services
from ..feedback import figures
from ..forms import FollowForm
from ..models import NeighbourhoodFollow
from .base import ConsultationMixin


class FeedbackView(ConsultationMixin, TemplateView):
    """The public feedback page: the figures, the joint opinions, then the individual
    submissions (50 a page), each with its answer. Individual residents' names only when
    they agreed; a fixed number of queries whatever the number of submissions."""

    permission_required = "consultations.view_consultation"
    template_name = "consultations/feedback.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.consultation
        submissions = consultation.submissions.for_feedback()
        individual = submissions.filter(community__isnull=True)
        page = KeyFirstPaginator(individual, self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        context.update(
            page_title=_("Feedback: %(title)s") % {"title": consultation.title},
            figures=figures(consultation.submissions.all()),
            joint=list(submissions.filter(community__isnull=False)),
            individual=page.object_list,
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
        )
        return context


class FeedbackReportView(ConsultationMixin, View):
    """The feedback report as a PDF (rendered by the worker when the consultation is
    completed); public like the page."""

    permission_required = "consultations.view_consultation"

    def get(self, request, slug):
        report = self.consultation.feedback_report
        if not report:
            raise Http404
        response = FileResponse(
            report.open("rb"),
            as_attachment=False,
            filename=f"{slugify(self.consultation.slug)[:80] or 'report'}-feedback.pdf",
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class FollowView(LoginRequiredMixin, FormView):
    """A resident chooses the neighbourhoods they follow (linked from the profile)."""

    template_name = "consultations/follow_form.html"
    form_class = FollowForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def get_initial(self):
        followed = NeighbourhoodFollow.objects.filter(
            user=self.request.user, territory__municipality=self.request.municipality
        ).values_list("territory_id", flat=True)
        return {"territories": list(followed)}

    def form_valid(self, form):
        services.set_followed(
            actor=self.request.user,
            municipality=self.request.municipality,
            territories=form.cleaned_data["territories"],
        )
        messages.success(self.request, _("Saved: you are invited to their consultations."))
        return redirect("consultations:following")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page_title": _("Neighbourhoods you follow")}
