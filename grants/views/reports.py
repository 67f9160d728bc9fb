"""An awarded project's reports: the community files them, staff accept or return them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from .. import services
from ..forms import ReportDecisionForm, ReportForm
from .base import ApplicationMixin
from .evaluation import _form_errors


class ReportView(ApplicationMixin, View):
    permission_required = "grants.view_application"

    @cached_property
    def report(self):
        report = get_object_or_404(self.application.reports, pk=self.kwargs["report_pk"])
        report.application = self.application
        return report

    def get(self, request, slug, pk, report_pk):
        return self._render(ReportForm(), ReportDecisionForm())

    def post(self, request, slug, pk, report_pk):
        user, report = request.user, self.report
        if "accept" in request.POST and user.has_perm("grants.decide_report", report):
            form = ReportDecisionForm(request.POST)
            if form.is_valid():
                try:
                    services.decide_report(actor=user, report=report, **form.cleaned_data)
                except ValidationError as error:
                    _form_errors(form, error)
                else:
                    messages.success(request, _("Recorded."))
                    return redirect(self.application.get_absolute_url())
            return self._render(ReportForm(), form)
        if not user.has_perm("grants.file_this_report", report):
            raise PermissionDenied(_("The community's leaders and board file its reports."))
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.file_report(actor=user, report=report, **form.cleaned_data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The report is filed; the municipality reviews it."))
                return redirect(self.application.get_absolute_url())
        return self._render(form, ReportDecisionForm())

    def _render(self, form, decision_form):
        return render(
            self.request,
            "grants/report_form.html",
            {
                "round": self.round,
                "application": self.application,
                "report": self.report,
                "form": form,
                "decision_form": decision_form,
                "history": self.report.status_changes.select_related("actor"),
            },
        )
