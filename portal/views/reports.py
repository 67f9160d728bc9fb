"""The kit's pages of a report the worker makes: its progress, then its download."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from ..downloads import ProtectedDownloadView
from ..models import Report
from ..reports import get_report_kind

POLL_SECONDS = 2


class ReportMixin:
    """The report on the host's municipality (else 404), if the person may see its subject:
    else 404 for people signed in (a refusal would tell it exists), the login page for
    anonymous people. A kind whose permission lets anonymous people see the subject (the
    public feedback report) is public here too."""

    def dispatch(self, request, *args, **kwargs):
        self.report  # noqa: B018 - loads the report, its kind and its subject
        if not request.user.has_perm(self.kind.permission, self.subject):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def report(self):
        report = get_object_or_404(
            Report.objects.of(self.request.municipality).select_related("municipality"),
            pk=self.kwargs["pk"],
        )
        try:
            self.kind = get_report_kind(report.kind)
            self.subject = self.kind.subject(report)
        except (KeyError, ObjectDoesNotExist):  # an unknown kind, or its subject is gone
            raise Http404 from None
        return report


class ReportView(ReportMixin, TemplateView):
    """Where the report stands; htmx asks again every few seconds until it is ready."""

    template_name = "portal/reports/report.html"

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return ["portal/reports/_status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        report = self.report
        return super().get_context_data(
            report=report,
            kind=self.kind,
            subject=self.subject,
            poll_seconds=POLL_SECONDS,
            **kwargs,
        )


class ReportDownloadView(ReportMixin, ProtectedDownloadView):
    """The ready PDF, through the kit's protected download (the kind's permission)."""

    model = Report
    file_field = "file"

    def get_object(self):
        return self.report

    def get_permission_required(self):
        self.report  # noqa: B018 - loads the kind
        return [self.kind.permission]

    def get_permission_object(self):
        self.report  # noqa: B018 - loads the subject
        return self.subject

    def get_file(self):
        if self.report.status != Report.Status.READY:
            raise Http404
        return self.report.file

    def get_download_stem(self):
        return self.kind.filename(self.report.data)
