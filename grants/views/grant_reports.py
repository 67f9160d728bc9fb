"""An awarded project's reports: the community files them line by line against the approved
budget, with receipts, photos and documents; staff accept or return them."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.downloads import ProtectedDownloadView
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..forms.grant_reports import (
    ReportDecisionForm,
    ReportFileForm,
    ReportForm,
    report_line_formset,
)
from ..models import Report, ReportFile
from ..services.grant_reports import (
    add_report_file,
    decide_report,
    file_report,
    remove_report_file,
    spending,
)
from .base import ApplicationMixin


class ReportMixin(ApplicationMixin):
    """The report named in the URL, of the application, with what its page shows and who may
    act on it now (the leaders file, staff decide)."""

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

    def refuse_unless_filer(self):
        if not self.can_file:
            raise PermissionDenied(_("The community's leaders and board file its reports."))

    def report_url(self):
        return reverse_report(self.application, self.report)


class ReportView(ReportMixin, ServiceFormView):
    """The report's page: what was done, the spending line by line with its totals, the
    files, and the form of whoever may act on it now. A POST with ``accept`` from staff who
    may decide is the decision; any other is the leaders' filing (the report and its lines)."""

    template_name = "grants/report_form.html"
    lines = None  # the posted lines of the filing

    @property
    def deciding(self):
        return "accept" in self.request.POST and self.can_decide

    def line_formset(self, data=None):
        return report_line_formset(
            data, budget_lines=self.budget_lines, report_lines=self.report_lines
        )

    def initial_form(self):
        report = self.report
        return ReportForm(
            initial={"narrative": report.narrative, "spending_note": report.spending_note}
        )

    def get_form(self, form_class=None):
        if self.request.method != "POST":
            return None
        if self.deciding:
            return ReportDecisionForm(self.request.POST)
        self.refuse_unless_filer()
        self.lines = self.line_formset(self.request.POST)
        return ReportForm(self.request.POST)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid() and (self.lines is None or self.lines.is_valid()):
            return self.form_valid(form)
        return self.form_invalid(form)

    def save(self, data):
        if self.deciding:
            return decide_report(actor=self.request.user, report=self.report, **data)
        return file_report(
            actor=self.request.user, report=self.report, lines=self.lines.lines(), **data
        )

    def get_success_message(self, result):
        if self.deciding:
            return _("Recorded.")
        return _("The report is filed; the municipality reviews it.")

    def get_success_url(self, result=None):
        return self.application.get_absolute_url()

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None)
        context = super().get_context_data(form=None, **kwargs)
        del context["form"]
        if isinstance(form, ReportDecisionForm):
            context.update(self._page(decision_form=form))
        elif isinstance(form, ReportFileForm):
            context.update(self._page(file_form=form))
        else:
            context.update(self._page(form=form, lines=self.lines))
        return context

    def _page(self, *, form=None, lines=None, decision_form=None, file_form=None):
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
        return context


class ReportFileAddView(ReportView):
    """The leaders add a receipt, a photo or a document while the report is due or returned."""

    success_message = gettext_lazy("The file is added to the report.")

    def get(self, request, *args, **kwargs):
        return redirect(self.report_url())

    def get_form(self, form_class=None):
        self.refuse_unless_filer()
        return ReportFileForm(self.request.POST, self.request.FILES)

    def save(self, data):
        return add_report_file(actor=self.request.user, report=self.report, **data)

    def get_success_message(self, result):
        return self.success_message

    def get_success_url(self, result=None):
        return self.report_url() + "#files-heading"


class ReportFileRemoveView(ReportMixin, ServiceActionView):
    """The leaders remove a file of a report they have not filed yet (asked to confirm)."""

    confirm = True
    success_message = gettext_lazy("The file is removed.")

    @cached_property
    def report_file(self):
        return get_object_or_404(self.report.files, pk=self.kwargs["file_pk"])

    def get(self, request, *args, **kwargs):
        self.refuse_unless_filer()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.refuse_unless_filer()
        return super().post(request, *args, **kwargs)

    def get_confirm_context(self):
        return {
            "heading": _("Remove the file"),
            "question": _("Remove “%(title)s” from the report? It cannot be undone.")
            % {"title": self.report_file.title},
            "confirm_label": _("Remove"),
            "back_url": self.report_url(),
            "back_label": self.report.get_kind_display().capitalize(),
        }

    def act(self):
        return remove_report_file(actor=self.request.user, report_file=self.report_file)

    def get_success_url(self, result):
        return self.report_url() + "#files-heading"


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
