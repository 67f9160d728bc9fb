from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from communities.roles import led_communities
from portal.downloads import ProtectedDownloadView
from portal.mixins import PortalPermissionMixin
from portal.pagination import CountingPaginator
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..forms import ProblemAnswerForm, ProblemReportForm, RouteForm
from ..models import ProblemReport
from ..models.problems import AGE_BUCKETS, AGE_LABELS, STATES, chosen_state
from ..services.problems import answer_report, close_report, report_problem, route_report

STAFF_ONLY = gettext_lazy("Only the municipality's staff handle problem reports.")


def map_context():
    return {
        "tile_url": settings.PORTAL_MAP_TILE_URL,
        "tile_attribution": settings.PORTAL_MAP_ATTRIBUTION,
    }


class ProblemReportListView(ListView):
    """Every report of the municipality, open or closed (``?state=``), as a list and on a map
    with a legend."""

    template_name = "consultations/problem_list.html"
    context_object_name = "reports"
    paginate_by = 50
    paginator_class = CountingPaginator

    def get_queryset(self):
        return (
            ProblemReport.objects.of(self.request.municipality)
            .public()
            .in_state(chosen_state(self.request))
            .select_related("neighbourhood")
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            **map_context(),
            "report_states": STATES,
            "report_state": chosen_state(self.request),
        }


class ProblemReportCreateView(LoginRequiredMixin, ServiceFormView):
    template_name = "consultations/problem_form.html"
    form_class = ProblemReportForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipality": self.request.municipality,
            "led_communities": led_communities(self.request.user, self.request.municipality),
        }

    def save(self, data):
        return report_problem(
            actor=self.request.user, municipality=self.request.municipality, **data
        )

    def get_success_message(self, report):
        return _("Thank you. The municipality answers by %(date)s; follow it here.") % {
            "date": formats.date_format(report.due_on, "SHORT_DATE_FORMAT")
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **map_context()}


class ReportMixin:
    @cached_property
    def report(self):
        rows = ProblemReport.objects.of(self.request.municipality).select_related(
            "neighbourhood", "assigned_to", "community"
        )
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.report


class ProblemReportDetailView(ReportMixin, TemplateView):
    """Public: what, where, its status and answer; the reporter and staff also its history."""

    template_name = "consultations/problem_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, user = self.report, self.request.user
        context.update(report=report, **map_context())
        if user.has_perm("consultations.view_problem_photo", report):
            context["history"] = report.changes.select_related("actor")
            context["sees_photo"] = True
        if user.has_perm("consultations.handle_problemreport", report):
            context["route_form"] = RouteForm(municipality=self.request.municipality)
            context["answer_form"] = ProblemAnswerForm()
        return context


class MyProblemReportsView(LoginRequiredMixin, ListView):
    template_name = "consultations/problem_mine.html"
    context_object_name = "reports"
    paginate_by = 20
    paginator_class = CountingPaginator

    def get_queryset(self):
        return (
            ProblemReport.objects.of(self.request.municipality)
            .filter(reporter=self.request.user)
            .select_related("neighbourhood")
        )


class ProblemQueueView(PortalPermissionMixin, ListView):
    permission_required = "consultations.view_problem_queue"
    permission_denied_message = STAFF_ONLY
    template_name = "consultations/problem_queue.html"
    context_object_name = "reports"
    paginate_by = 50
    paginator_class = CountingPaginator

    def get_permission_object(self):
        return self.request.municipality

    def get_queryset(self):
        rows = (
            ProblemReport.objects.of(self.request.municipality)
            .waiting()
            .select_related("neighbourhood", "assigned_to")
            .order_by("due_on", "pk")
        )
        if self.age in AGE_BUCKETS:  # from the staff dashboard's chart of ages
            rows = rows.aged(self.age)
        return rows

    @cached_property
    def age(self):
        return self.request.GET.get("age", "")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "age": self.age if self.age in AGE_BUCKETS else "",
            "age_label": AGE_LABELS.get(self.age, ""),
        }


class ProblemActionView(ReportMixin, PortalPermissionMixin, ServiceActionView):
    """POST route, answer or close; refusals come back on the report's page."""

    permission_required = "consultations.handle_problemreport"
    permission_denied_message = STAFF_ONLY
    DONE = {
        "route": gettext_lazy("The report is handed on."),
        "answer": gettext_lazy("The answer is published; the reporter is emailed."),
        "close": gettext_lazy("The report is closed."),
    }

    def act(self):
        request, report, action = self.request, self.report, self.kwargs["action"]
        if action == "route":
            form = RouteForm(request.POST, municipality=request.municipality)
            if not form.is_valid():
                raise ValidationError(_("Choose a staff member of this municipality."))
            return route_report(
                actor=request.user, report=report, colleague=form.cleaned_data["colleague"]
            )
        if action == "answer":
            form = ProblemAnswerForm(request.POST)
            if not form.is_valid():  # control characters
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            return answer_report(
                actor=request.user, report=report, answer=form.cleaned_data["answer"]
            )
        if action == "close":
            return close_report(actor=request.user, report=report)
        return None  # an unknown action changes nothing and says nothing

    def get_success_message(self, result):
        return self.DONE.get(self.kwargs["action"], "")

    def get_success_url(self, result):
        return self.report.get_absolute_url()


class ProblemPhotoView(ProtectedDownloadView):
    permission_required = "consultations.view_problem_photo"
    model = ProblemReport
    file_field = "photo"

    def get_download_stem(self):
        return f"report-{self.object.pk}-photo"
