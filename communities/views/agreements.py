"""The agreements registry: the public list, an agreement's page, staff forms, the document."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_filters.views import FilterView

from portal.downloads import ProtectedDownloadView
from portal.history import is_conflict
from portal.mixins import PortalPermissionMixin
from portal.pagination import KeyFirstPaginator
from portal.views.service_forms import ServiceFormView

from ..filters import AgreementFilter
from ..forms.agreements import AgreementForm, EndForm, SignForm
from ..models import Agreement
from ..services import agreements as services

STAFF_ONLY = gettext_lazy("Only municipal staff keep the agreements registry.")


class AgreementListView(FilterView):
    """Signed agreements of the municipality (and, for its staff, the drafts)."""

    model = Agreement
    filterset_class = AgreementFilter
    template_name = "content_page.html"
    content_template_name = "communities/agreements/_agreement_list_content.html"
    paginate_by = 20
    paginator_class = KeyFirstPaginator
    context_object_name = "agreements"

    def get_queryset(self):
        municipality = self.request.municipality
        return (
            Agreement.objects.of(municipality)
            .visible_to(self.request.user, municipality)
            .select_related("community")
            .order_by("-starts_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "page_title": _("Agreements with communities"),
            "page_description": _(
                "The cooperation memoranda and delegation agreements the municipality has "
                "signed with communities: purpose, duties, term and funding."
            ),
        }


class AgreementMixin(PortalPermissionMixin):
    """Loads the agreement on its municipality's host; one the person may not see is 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("practice.view_agreement", self.agreement):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def agreement(self):
        rows = Agreement.objects.of(self.request.municipality).select_related("community")
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.agreement


class AgreementDetailView(AgreementMixin, View):
    permission_required = "practice.view_agreement"

    def get(self, request, pk):
        agreement = self.agreement
        context = {"agreement": agreement, "community": agreement.community}
        if request.user.has_perm("practice.manage_agreements", agreement):
            context["history"] = agreement.status_changes.select_related("actor")
        return render(request, "communities/agreements/agreement_detail.html", context)


class AgreementCreateView(PortalPermissionMixin, ServiceFormView):
    permission_required = "practice.manage_agreements"
    permission_denied_message = STAFF_ONLY
    form_class = AgreementForm
    template_name = "communities/agreements/agreement_form.html"
    success_message = gettext_lazy("The agreement is recorded as a draft.")

    def get_permission_object(self):
        return self.request.municipality

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def save(self, data):
        community = data.pop("community")
        return services.create_agreement(actor=self.request.user, community=community, **data)


class AgreementUpdateView(AgreementMixin, ServiceFormView):
    permission_required = "practice.change_agreement"
    permission_denied_message = STAFF_ONLY
    form_class = AgreementForm
    template_name = "communities/agreements/agreement_form.html"
    success_message = gettext_lazy("The agreement is saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "municipality": self.request.municipality,
            "instance": self.agreement,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "agreement": self.agreement}

    def save(self, data):
        return services.update_agreement(
            actor=self.request.user,
            agreement=self.agreement,
            expected_version=self.form.expected_version,
            **data,
        )

    def get_success_url(self, result=None):
        return self.agreement.get_absolute_url()


class AgreementStatusView(AgreementMixin, ServiceFormView):
    """Staff record the signature, or end a signed agreement early with a reason."""

    ACTIONS = {
        "sign": ("practice.sign_agreement", SignForm),
        "end": ("practice.end_agreement", EndForm),
    }
    template_name = "confirm.html"

    def get_permission_required(self):
        if self.kwargs["action"] not in self.ACTIONS:
            raise Http404
        return (self.ACTIONS[self.kwargs["action"]][0],)

    def get_form_class(self):
        return self.ACTIONS[self.kwargs["action"]][1]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.kwargs["action"] == "sign":
            kwargs["agreement"] = self.agreement
        return kwargs

    def get_initial(self):
        return {"signed_on": timezone.localdate(), "ended_on": timezone.localdate()}

    def save(self, data):
        if self.kwargs["action"] == "sign":
            return services.sign_agreement(
                actor=self.request.user, agreement=self.agreement, **data
            )
        return services.end_agreement(actor=self.request.user, agreement=self.agreement, **data)

    def get_success_message(self, result):
        if self.kwargs["action"] == "sign":
            return _("The signature is recorded; the agreement is public.")
        return _("The agreement is recorded as ended early.")

    def get_success_url(self, result=None):
        return self.agreement.get_absolute_url()

    def form_refused(self, form, error):
        if is_conflict(error):  # decided meanwhile: show it
            return redirect(self.agreement)
        return super().form_refused(form, error)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, agreement = context["form"], self.agreement
        if self.kwargs["action"] == "sign":
            heading = _("Record the signature")
            question = _(
                "Both parties signed “%(title)s”. Once recorded, it is listed publicly."
            ) % {"title": agreement.title}
            chosen = self.request.FILES.get("document")
            if form.is_bound and form.errors and "document" not in form.errors and chosen:
                # A browser never sends a chosen file again: say so, beside the rest kept.
                form.fields["document"].help_text = _(
                    "Choose the signed document again: a browser does not keep a chosen file "
                    "when the form comes back."
                )
        else:
            heading = _("End the agreement early")
            question = _("Say when and why “%(title)s” ends before its term.") % {
                "title": agreement.title
            }
        return {
            **context,
            "heading": heading,
            "question": question,
            "confirm_label": _("Confirm"),
            "calm": self.kwargs["action"] == "sign",
            "back_url": agreement.get_absolute_url(),
            "back_label": agreement.title,
        }


class AgreementDocumentView(ProtectedDownloadView):
    """The signed document: anyone's when staff made it public, otherwise the
    municipality's staff and the community's leaders and board only."""

    permission_required = "practice.download_agreement"
    permission_denied_message = gettext_lazy(
        "Only the municipality's staff and the community's leaders and board see this document."
    )
    view_permission = "practice.view_agreement"
    model = Agreement
    file_field = "document"

    def get_download_stem(self):
        return f"agreement-{self.object.pk}"
