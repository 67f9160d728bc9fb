"""An awarded project's reports: the community files them line by line against the approved
budget, with receipts, photos and documents; staff accept or return them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View

from portal.downloads import ProtectedDownloadView

from .. import services
from ..forms import ReportDecisionForm, ReportFileForm, ReportForm, report_line_formset
from ..models import Report, ReportFile
from ..report_services import spending
from .base import ApplicationMixin
from .evaluation import _form_errors


class ReportView(ApplicationMixin, View):
    """The report's page: what was done, the spending line by line with its totals, the
    files, and the form of whoever may act on it now (the leaders file, staff decide)."""

    permission_required = "grants.view_application"

    @cached_property
    def report(self):
        report = get_object_or_404(self.application.reports, pk=self.kwargs["report_pk"])
        report.application = self.application
        return report

    @cached_property
    def budget_lines(self):
        return list(self.application.budget_lines.order_by("pk"))

    @cached_property
    def report_lines(self):
        return list(self.report.lines.order_by("budget_line_id"))

    @cached_property
    def can_file(self):
        return self.request.user.has_perm("grants.file_this_report", self.report)

    @cached_property
    def can_decide(self):
        return self.request.user.has_perm("grants.decide_report", self.report)

    def line_formset(self, data=None):
        return report_line_formset(
            data, budget_lines=self.budget_lines, report_lines=self.report_lines
        )

    def initial_form(self):
        report = self.report
        return ReportForm(
            initial={"narrative": report.narrative, "spending_note": report.spending_note}
        )

    def get(self, request, slug, pk, report_pk):
        return self._render()

    def post(self, request, slug, pk, report_pk):
        user, report = request.user, self.report
        if "accept" in request.POST and self.can_decide:
            form = ReportDecisionForm(request.POST)
            if form.is_valid():
                try:
                    services.decide_report(actor=user, report=report, **form.cleaned_data)
                except ValidationError as error:
                    _form_errors(form, error)
                else:
                    messages.success(request, _("Recorded."))
                    return redirect(self.application.get_absolute_url())
            return self._render(decision_form=form)
        if not self.can_file:
            raise PermissionDenied(_("The community's leaders and board file its reports."))
        form = ReportForm(request.POST)
        lines = self.line_formset(request.POST)
        if form.is_valid() and lines.is_valid():
            try:
                services.file_report(
                    actor=user, report=report, lines=lines.lines(), **form.cleaned_data
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The report is filed; the municipality reviews it."))
                return redirect(self.application.get_absolute_url())
        return self._render(form=form, lines=lines)

    def _render(self, *, form=None, lines=None, decision_form=None, file_form=None):
        report = self.report
        history = list(report.status_changes.select_related("actor"))
        rows, totals = spending(self.budget_lines, self.report_lines)
        returned = [c for c in history if c.to_status == Report.Status.RETURNED and not c.event]
        context = {
            "round": self.round,
            "application": self.application,
            "report": report,
            "can_file": self.can_file,
            "can_decide": self.can_decide,
            "rows": rows,
            "totals": totals,
            "reported": bool(self.report_lines),  # the spending once it has been filed
            "files": list(report.files.order_by("pk").only("report", "kind", "title", "added_at")),
            "history": history,
            "returned_reason": returned[-1].reason
            if returned and report.status == Report.Status.RETURNED
            else "",
        }
        if self.can_file:
            context.update(
                form=form or self.initial_form(),
                lines=lines or self.line_formset(),
                file_form=file_form or ReportFileForm(),
            )
        elif self.can_decide:
            context["decision_form"] = decision_form or ReportDecisionForm()
        return render(self.request, "grants/report_form.html", context)


class ReportFileAddView(ReportView):
    """The leaders add a receipt, a photo or a document while the report is due or returned."""

    def get(self, request, slug, pk, report_pk):
        return redirect(self._report_url())

    def post(self, request, slug, pk, report_pk):
        if not self.can_file:
            raise PermissionDenied(_("The community's leaders and board file its reports."))
        form = ReportFileForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.add_report_file(
                    actor=request.user, report=self.report, **form.cleaned_data
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The file is added to the report."))
                return redirect(self._report_url() + "#files-heading")
        return self._render(file_form=form)

    def _report_url(self):
        return reverse_report(self.application, self.report)


class ReportFileRemoveView(ReportView):
    """The leaders remove a file of a report they have not filed yet (asked to confirm)."""

    @cached_property
    def report_file(self):
        return get_object_or_404(self.report.files, pk=self.kwargs["file_pk"])

    def get(self, request, slug, pk, report_pk, file_pk):
        self._refuse()
        back = reverse_report(self.application, self.report)
        return render(
            request,
            "confirm.html",
            {
                "heading": _("Remove the file"),
                "question": _("Remove “%(title)s” from the report? It cannot be undone.")
                % {"title": self.report_file.title},
                "confirm_label": _("Remove"),
                "back_url": back,
                "back_label": self.report.get_kind_display().capitalize(),
            },
        )

    def post(self, request, slug, pk, report_pk, file_pk):
        self._refuse()
        try:
            services.remove_report_file(actor=request.user, report_file=self.report_file)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The file is removed."))
        return redirect(reverse_report(self.application, self.report) + "#files-heading")

    def _refuse(self):
        if not self.can_file:
            raise PermissionDenied(_("The community's leaders and board file its reports."))


def reverse_report(application, report):
    return reverse("grants:report", args=[application.round.slug, application.pk, report.pk])


class ReportFileDownloadView(ProtectedDownloadView):
    """A report's file: the community's leaders and board, the municipality's staff, and
    whoever else may see the application; the others do not learn that it exists."""

    permission_required = "grants.view_application"
    model = ReportFile
    file_field = "file"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("grants.view_application", self.object.report.application):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.object.report.application

    def get_object(self):
        rows = ReportFile.objects.of(self.request.municipality).select_related(
            "report__application__round", "report__application__community"
        )
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get_download_stem(self):
        return self.object.title
