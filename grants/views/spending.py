"""An awarded annual subsidy's spending report: the community's leaders and board write it
(lines and documents) and submit it; staff accept it or return it with a reason."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communities.duties import is_involved, own_community_message
from portal.downloads import ProtectedDownloadView
from portal.mixins import PortalPermissionMixin
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..forms.base import filled_rows
from ..forms.spending import SpendingDecisionForm, SpendingDocumentForm, SpendingLineFormSet
from ..models import SpendingDocument, SubsidyAward
from ..rules import _spending_report
from ..services.spending import (
    add_spending_document,
    decide_spending_report,
    remove_spending_document,
    save_spending_lines,
    submit_spending_report,
)

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


class SpendingReportView(AwardMixin, ServiceFormView):
    """The report's page; its lines form (a formset) saves them (and submits, with the submit
    button). A refusal is said above the lines, as typed."""

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("grants.file_spending_report", self.award):
            raise PermissionDenied(LEADERS_ONLY)
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return SpendingLineFormSet(self.request.POST, prefix="lines")

    def form_invalid(self, form):
        return self.render_page(lines=form)

    def save(self, rows):
        lines = [(row["what"], row["amount"]) for row in filled_rows(self.form, ("what", "amount"))]
        save_spending_lines(actor=self.request.user, award=self.award, lines=lines)
        if self.submits:
            submit_spending_report(actor=self.request.user, award=self.award)

    @property
    def submits(self):
        return "submit" in self.request.POST

    def get_success_message(self, result):
        if self.submits:
            return _("The report is submitted; the municipality reviews it.")
        return _("The lines are saved.")

    def get_success_url(self, result=None):
        return reverse("grants:spending-report", args=[self.award.pk])


class SpendingDocumentAddView(AwardMixin, ServiceFormView):
    form_class = SpendingDocumentForm
    success_message = gettext_lazy("The document is added.")

    def get(self, request, *args, **kwargs):
        return redirect("grants:spending-report", pk=self.award.pk)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("grants.file_spending_report", self.award):
            raise PermissionDenied(LEADERS_ONLY)
        return super().post(request, *args, **kwargs)

    def save(self, data):
        return add_spending_document(actor=self.request.user, award=self.award, **data)

    def form_invalid(self, form):
        return self.render_page(document_form=form)

    def get_success_url(self, result=None):
        return reverse("grants:spending-report", args=[self.award.pk])


class SpendingDocumentRemoveView(AwardMixin, ServiceActionView):
    """A confirmation page, then the document leaves the report (and the disk)."""

    success_message = gettext_lazy("The document is removed.")

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

    def get(self, request, *args, **kwargs):
        return render(
            request,
            "grants/spending_document_remove.html",
            {"award": self.award, "document": self.document},
        )

    def act(self):
        return remove_spending_document(actor=self.request.user, document=self.document)

    def get_success_url(self, result):
        return reverse("grants:spending-report", args=[self.award.pk])


class SpendingDecisionView(AwardMixin, ServiceFormView):
    form_class = SpendingDecisionForm
    success_message = gettext_lazy("Recorded.")

    def get(self, request, *args, **kwargs):
        return redirect("grants:spending-report", pk=self.award.pk)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("grants.decide_spending_report", self.award):
            if is_involved(request.user, self.award.community):
                raise PermissionDenied(own_community_message())
            raise PermissionDenied(
                _(
                    "Staff of the municipality who do not belong to the community decide a "
                    "submitted report."
                )
            )
        return super().post(request, *args, **kwargs)

    def save(self, data):
        return decide_spending_report(actor=self.request.user, report=self.report, **data)

    def form_invalid(self, form):
        return self.render_page(decision_form=form)

    def get_success_url(self, result=None):
        return reverse("grants:spending-report", args=[self.award.pk])


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
