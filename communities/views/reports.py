"""Leaders and staff ask for the community's annual activity report (made by the worker)."""

from django import forms
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View

from ..reports import report_years, request_annual_report
from .base import CommunityMixin


class AnnualReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        # Years are written as they are (localising each number cost a tenth of the page).
        self.fields["year"].choices = [(year, str(year)) for year in years]


class AnnualReportRequestView(CommunityMixin, View):
    """POST a year: the report's page, where it shows its progress and then its download."""

    permission_required = "communities.request_activity_report"
    permission_denied_message = _("Only the community's leaders and municipal staff ask for it.")
    http_method_names = ["post"]

    def post(self, request, slug):
        form = AnnualReportForm(request.POST, years=report_years(self.community))
        if not form.is_valid():
            return redirect(self.community.get_absolute_url())
        report = request_annual_report(
            actor=request.user, community=self.community, year=form.cleaned_data["year"]
        )
        return redirect(report.get_absolute_url())
