from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from communities.roles import led_communities
from portal.downloads import ProtectedDownloadView
from portal.history import conflict_message, is_conflict
from portal.mixins import PortalPermissionMixin, flash_validation_error
from portal.pagination import CountingPaginator

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


class ProblemReportCreateView(LoginRequiredMixin, FormView):
    template_name = "consultations/problem_form.html"
    form_class = ProblemReportForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipality": self.request.municipality,
            "led_communities": led_communities(self.request.user, self.request.municipality),
        }

    def form_valid(self, form):
        try:
            report = report_problem(
                actor=self.request.user,
                municipality=self.request.municipality,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you. The municipality answers by %(date)s; follow it here.")
            % {"date": formats.date_format(report.due_on, "SHORT_DATE_FORMAT")},
        )
        return redirect(report)

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


class ProblemActionView(ReportMixin, PortalPermissionMixin, View):
    """POST route, answer or close; refusals come back on the report's page."""

    permission_required = "consultations.handle_problemreport"
    permission_denied_message = STAFF_ONLY

    def post(self, request, pk, action):
        report = self.report
        try:
            if action == "route":
                form = RouteForm(request.POST, municipality=request.municipality)
                if not form.is_valid():
                    raise ValidationError(_("Choose a staff member of this municipality."))
                route_report(
                    actor=request.user, report=report, colleague=form.cleaned_data["colleague"]
                )
                done = _("The report is handed on.")
            elif action == "answer":
                form = ProblemAnswerForm(request.POST)
                if not form.is_valid():  # control characters
                    raise ValidationError([e for errors in form.errors.values() for e in errors])
                answer_report(actor=request.user, report=report, answer=form.cleaned_data["answer"])
                done = _("The answer is published; the reporter is emailed.")
            elif action == "close":
                close_report(actor=request.user, report=report)
                done = _("The report is closed.")
            else:
                return redirect(report)
        except ValidationError as error:
            if is_conflict(error):
                messages.error(request, conflict_message())
            else:
                flash_validation_error(request, error)
        else:
            messages.success(request, done)
        return redirect(report)


class ProblemPhotoView(ProtectedDownloadView):
    permission_required = "consultations.view_problem_photo"
    model = ProblemReport
    file_field = "photo"

    def get_download_stem(self):
        return f"report-{self.object.pk}-photo"
