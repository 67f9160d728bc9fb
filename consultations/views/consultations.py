from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_filters.views import FilterView

from portal.downloads import ProtectedDownloadView
from portal.mixins import PortalPermissionMixin
from portal.models import Territory
from portal.pagination import KeyFirstPaginator
from portal.shapes import shape
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..filters import ConsultationFilter
from ..forms import ConsultationForm, DocumentForm
from ..models import Consultation, ConsultationDocument, Submission
from ..models.consultations import minimum_days
from ..services.consultations import (
    add_document,
    complete_consultation,
    create_consultation,
    publish_consultation,
    update_consultation,
)
from ..shown import cards_html, label_rows, state_tag
from .base import ConsultationMixin

STAFF_ONLY = gettext_lazy("Only the municipality's staff run consultations.")


@shape
def _consultations_with_keys(keys):
    """The rows of a page of the list, with their counts and neighbourhoods."""
    return (
        Consultation.objects.for_list()
        .only("slug", "title", "kind", "status", "opens_on", "closes_on")
        .filter(pk__in=keys)
        .order_by()
    )


class ConsultationListView(FilterView):
    """Every published consultation, open ones first; staff also see their drafts."""

    filterset_class = ConsultationFilter
    template_name = "consultations/consultation_list.html"
    paginate_by = 20
    paginator_class = KeyFirstPaginator
    context_object_name = "consultations"

    def get_queryset(self):
        """The visible consultations, filtered and ordered: the paginator walks their keys."""
        return Consultation.objects.visible_to(
            self.request.user, self.request.municipality
        ).order_by("-closes_on", "-pk")

    def get_paginator(self, queryset, per_page, **kwargs):
        """The page's 20 rows are read with their counts and neighbourhoods."""
        return super().get_paginator(queryset, per_page, load=_consultations_with_keys, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        label_rows(context["consultations"])
        return {
            **context,
            "consultation_cards": cards_html(context["consultations"]),
            "page_title": _("Consultations"),
            "can_add": self.request.user.has_perm(
                "consultations.add_consultation", self.request.municipality
            ),
        }


@shape
def _areas_of(consultation_id):
    areas = Territory.objects.filter(consultations=consultation_id)
    return areas.only("name", "slug").order_by("sort_name")


@shape
def _documents_of(consultation_id):
    documents = ConsultationDocument.objects.filter(consultation=consultation_id)
    return documents.only("consultation", "title")


@shape
def _count_groups_of(consultation_id):
    submissions = Submission.objects.filter(consultation=consultation_id)
    groups = submissions.values_list("status").annotate(rows=Count("pk"), joint=Count("community"))
    return groups.order_by()


def _counts_of(consultation_id):
    """``{"total", "joint", "answered"}``, as ``SubmissionQuerySet.aggregate_counts``."""
    return Submission.objects.none().aggregate_counts(_count_groups_of(consultation_id))


@shape
def _submissions_by(consultation_id, user_id):
    submissions = Submission.objects.filter(consultation=consultation_id, author=user_id)
    return submissions.select_related("answer").only(
        "consultation", "submitted_at", "answer__status"
    )


class ConsultationDetailView(ConsultationMixin, TemplateView):
    permission_required = "consultations.view_consultation"
    template_name = "consultations/consultation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation, user = self.consultation, self.request.user
        # Lists, loaded here with the columns the page shows.
        context.update(
            page_title=consultation.title,
            state_tag=state_tag(consultation),
            areas=_areas_of(consultation.pk),
            documents=_documents_of(consultation.pk),
            minimum=minimum_days(consultation.municipality, consultation.kind),
            counts=_counts_of(consultation.pk),
            my_submissions=(
                _submissions_by(consultation.pk, user.pk) if user.is_authenticated else []
            ),
            is_staff=user.has_perm("consultations.view_submissions", consultation),
        )
        if context["is_staff"]:
            context["history"] = list(consultation.status_changes.select_related("actor"))
            context["document_form"] = DocumentForm()
        return context


class ConsultationFormMixin:
    template_name = "consultations/consultation_form.html"
    form_class = ConsultationForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}


class ConsultationCreateView(PortalPermissionMixin, ConsultationFormMixin, ServiceFormView):
    permission_required = "consultations.add_consultation"
    permission_denied_message = STAFF_ONLY
    success_message = gettext_lazy(
        "The consultation is saved as a draft. Add its documents, then publish it."
    )
    heading = gettext_lazy("Open a consultation")

    def get_permission_object(self):
        return self.request.municipality

    def get_initial(self):
        return {"responsible": self.request.user}

    def save(self, data):
        return create_consultation(
            actor=self.request.user, municipality=self.request.municipality, **data
        )


class ConsultationEditView(ConsultationMixin, ConsultationFormMixin, ServiceFormView):
    permission_required = "consultations.change_consultation"
    permission_denied_message = STAFF_ONLY
    success_message = gettext_lazy("The consultation is saved.")
    heading = gettext_lazy("Edit the consultation")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.consultation}

    def save(self, data):
        return update_consultation(actor=self.request.user, consultation=self.consultation, **data)


class ConsultationDocumentAddView(ConsultationMixin, ServiceFormView):
    permission_required = "consultations.change_consultation"
    permission_denied_message = STAFF_ONLY
    form_class = DocumentForm
    template_name = "consultations/document_form.html"
    success_message = gettext_lazy("The document is added.")

    def save(self, data):
        return add_document(actor=self.request.user, consultation=self.consultation, **data)

    def get_success_url(self, result=None):
        return self.consultation.get_absolute_url()


class ConsultationMoveView(ConsultationMixin, ServiceActionView):
    """POST: publish or complete. Refusals come back as a message on the page."""

    ACTIONS = {
        "publish": (
            "consultations.publish_consultation",
            publish_consultation,
            gettext_lazy("The consultation is published and the neighbourhoods are invited."),
        ),
        "complete": (
            "consultations.complete_consultation",
            complete_consultation,
            gettext_lazy(
                "The consultation is completed; its feedback report is being prepared as a PDF."
            ),
        ),
    }
    permission_denied_message = STAFF_ONLY

    def get_permission_required(self):
        return (self.ACTIONS[self.kwargs["action"]][0],)

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("action") not in self.ACTIONS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def act(self):
        _perm, service, _done = self.ACTIONS[self.kwargs["action"]]
        return service(actor=self.request.user, consultation=self.consultation)

    def get_success_message(self, result):
        return self.ACTIONS[self.kwargs["action"]][2]

    def get_success_url(self, result):
        return self.consultation.get_absolute_url()


class ConsultationDocumentView(ProtectedDownloadView):
    """A document of a published consultation (staff: also of a draft)."""

    permission_required = "consultations.view_consultation"
    model = ConsultationDocument
    file_field = "file"

    def get_object(self):
        rows = ConsultationDocument.objects.filter(
            consultation__municipality=self.request.municipality,
            consultation__slug=self.kwargs["slug"],
        ).select_related("consultation")
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.object.consultation

    def get_download_stem(self):
        return self.object.title
