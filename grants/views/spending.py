"""An awarded annual subsidy's spending report: the community's leaders and board write it
(lines and documents) and submit it; staff accept it or return it with a reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from communities.duties import is_involved, own_community_message
from portal.downloads import ProtectedDownloadView
from portal.mixins import PortalPermissionMixin

from .. import spending_services
from ..forms import (
    SpendingDecisionForm,
    SpendingDocumentForm,
    SpendingLineFormSet,
    filled_rows,
)
from ..models import SpendingDocument, SubsidyAward
from ..rules import _spending_report

LEADERS_ONLY = gettext_lazy(
    "The community's leaders and board report what its subsidy was spent on, while the "
    "report is not with the municipality."
)


class AwardMixin(PortalPermissionMixin):
    """Loads the award on the host's municipality only; those who may not see its spending
    report (residents, other communities, evaluators) get a 404, as for another host's."""

    permission_required = "grants.view_spending_report"

    @cached_property
    def award(self):
        rows = SubsidyAward.objects.of(self.request.municipality).select_related(
            "tier__programme", "community", "spending_report"
        )
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not user.has_perm("grants.view_spending_report", self.award):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.award

    @property
    def report(self):
        return _spending_report(self.award)

    def render_page(self, *, lines=None, document_form=None, decision_form=None, status=200):
        report = self.report
        award = self.award
        saved = list(report.lines.all()) if report else []
        if lines is None:
            initial = [{"what": line.what, "amount": line.amount} for line in saved]
            lines = SpendingLineFormSet(initial=initial, prefix="lines")
        documents = list(report.documents.all()) if report else []
        history = list(report.changes.select_related("actor")) if report else []
        return render(
            self.request,
            "grants/spending_report.html",
            {
                "award": award,
                "tier": award.tier,
                "programme": award.tier.programme,
                "community": award.community,
                "report": report,
                "saved_lines": saved,
                "total": sum((line.amount for line in saved), start=0),
                "documents": documents,
                "lines": lines,
                "document_form": document_form or SpendingDocumentForm(),
                "form": decision_form or SpendingDecisionForm(),
                "history": history,
            },
            status=status,
        )


class SpendingReportView(AwardMixin, View):
    """The report's page; its lines form saves them (and submits, with the submit button)."""

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        if not request.user.has_perm("grants.file_spending_report", self.award):
            raise PermissionDenied(LEADERS_ONLY)
        lines = SpendingLineFormSet(request.POST, prefix="lines")
        if not lines.is_valid():
            return self.render_page(lines=lines)
        rows = [(row["what"], row["amount"]) for row in filled_rows(lines, ("what", "amount"))]
        try:
            spending_services.save_spending_lines(actor=request.user, award=self.award, lines=rows)
            if "submit" in request.POST:
                spending_services.submit_spending_report(actor=request.user, award=self.award)
        except ValidationError as error:
            for message in error.messages:
                lines._non_form_errors.append(message)
            return self.render_page(lines=lines)
        if "submit" in request.POST:
            messages.success(request, _("The report is submitted; the municipality reviews it."))
        else:
            messages.success(request, _("The lines are saved."))
        return redirect("grants:spending-report", pk=pk)


class SpendingDocumentAddView(AwardMixin, View):
    def post(self, request, pk):
        if not request.user.has_perm("grants.file_spending_report", self.award):
            raise PermissionDenied(LEADERS_ONLY)
        form = SpendingDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                spending_services.add_spending_document(
                    actor=request.user, award=self.award, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The document is added."))
                return redirect("grants:spending-report", pk=pk)
        return self.render_page(document_form=form)

    def get(self, request, pk):
        return redirect("grants:spending-report", pk=pk)


class SpendingDocumentRemoveView(AwardMixin, View):
    """A confirmation page, then the document leaves the report (and the disk)."""

    @cached_property
    def document(self):
        report = self.report
        if report is None:
            raise Http404
        return get_object_or_404(report.documents, pk=self.kwargs["document"])

    def get_permission_required(self):
        return ("grants.file_spending_report",)

    def get_permission_denied_message(self):
        return LEADERS_ONLY

    def get(self, request, pk, document):
        return render(
            request,
            "grants/spending_document_remove.html",
            {"award": self.award, "document": self.document},
        )

    def post(self, request, pk, document):
        try:
            spending_services.remove_spending_document(actor=request.user, document=self.document)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The document is removed."))
        return redirect("grants:spending-report", pk=pk)


class SpendingDecisionView(AwardMixin, View):
    def post(self, request, pk):
        if not request.user.has_perm("grants.decide_spending_report", self.award):
            if is_involved(request.user, self.award.community):
                raise PermissionDenied(own_community_message())
            raise PermissionDenied(
                _(
                    "Staff of the municipality who do not belong to the community decide a "
                    "submitted report."
                )
            )
        form = SpendingDecisionForm(request.POST)
        if form.is_valid():
            try:
                spending_services.decide_spending_report(
                    actor=request.user, report=self.report, **form.cleaned_data
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field, errors)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("Recorded."))
                return redirect("grants:spending-report", pk=pk)
        return self.render_page(decision_form=form)

    def get(self, request, pk):
        return redirect("grants:spending-report", pk=pk)


class SpendingDocumentDownloadView(ProtectedDownloadView):
    """A spending report's document: the community's leaders and board, and staff."""

    permission_required = "grants.view_spending_report"
    model = SpendingDocument
    file_field = "file"

    def dispatch(self, request, *args, **kwargs):
        # Those who may not see the report do not learn that the file exists.
        if request.user.is_authenticated and not request.user.has_perm(
            "grants.view_spending_report", self.object.report.award
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        rows = SpendingDocument.objects.of(self.request.municipality).select_related(
            "report__award__community"
        )
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.object.report.award

    def get_download_stem(self):
        return self.object.title
