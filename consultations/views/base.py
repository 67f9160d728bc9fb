from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from portal.mixins import PortalPermissionMixin
from portal.shapes import shape

from ..models import Consultation, Submission


@shape
def _consultation_of(municipality_id, slug):
    rows = Consultation.objects.filter(municipality=municipality_id, slug=slug)
    return rows.select_related("responsible")[:1]


class ConsultationMixin(PortalPermissionMixin):
    """Loads the consultation named in the URL, on its municipality's host only. One the
    person may not see (a draft, for residents) is a 404, like another municipality's."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("consultations.view_consultation", self.consultation):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def consultation(self):
        municipality = self.request.municipality
        rows = _consultation_of(municipality.pk, self.kwargs["slug"])
        if not rows:
            raise Http404
        consultation = rows[0]
        consultation.municipality = municipality  # read with the host: no join
        return consultation

    def get_permission_object(self):
        return self.consultation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consultation"] = self.consultation
        return context


class SubmissionMixin(ConsultationMixin):
    """A submission of the consultation in the URL; the person must be allowed to see it."""

    @cached_property
    def submission(self):
        rows = Submission.objects.select_related("answer", "community", "author", "document")
        submission = get_object_or_404(rows, consultation=self.consultation, pk=self.kwargs["pk"])
        submission.consultation = self.consultation
        return submission

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("consultations.view_consultation", self.consultation):
            raise Http404
        user = request.user  # anonymous people get the login page (the email's link)
        if user.is_authenticated and not user.has_perm(
            "consultations.view_submission", self.submission
        ):
            raise Http404
        return super(ConsultationMixin, self).dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.submission

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submission"] = self.submission
        return context
