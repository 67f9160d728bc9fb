from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from communities.roles import led_communities
from portal.downloads import ProtectedDownloadView
from portal.mixins import PortalPermissionMixin
from portal.pagination import CountingPaginator
from portal.views.service_forms import ServiceFormView
from portal.workdays import add_months

from ..forms import AnswerForm, CorrectionForm, ExtensionForm, SubmissionForm
from ..models import Submission
from ..services.answers import answer_submissions, correct_answer, extend_answer
from ..services.submissions import submit_opinion
from .base import ConsultationMixin, SubmissionMixin
from .consultations import STAFF_ONLY


class SubmissionCreateView(ConsultationMixin, ServiceFormView):
    """A resident's opinion, or a leader's joint opinion for the community. After the close
    date the form is gone and the server refuses a late POST with the reason."""

    permission_required = "consultations.submit_opinion"
    template_name = "consultations/submission_form.html"
    form_class = SubmissionForm

    def get_permission_denied_message(self):
        consultation = self.consultation
        if consultation.has_closed or consultation.is_completed:
            return _(
                "This consultation closed on %(date)s; submissions are no longer accepted."
            ) % {"date": formats.date_format(consultation.closes_on, "SHORT_DATE_FORMAT")}
        return _("This consultation does not accept submissions yet.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "consultation": self.consultation,
            "led_communities": led_communities(self.request.user, self.request.municipality),
        }

    def save(self, data):
        return submit_opinion(actor=self.request.user, consultation=self.consultation, **data)

    def get_success_message(self, submission):
        return _(
            "Your submission is received. The municipality answers it by %(date)s; you "
            "will get an email."
        ) % {"date": formats.date_format(submission.due_on, "SHORT_DATE_FORMAT")}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "page_title": _("Your opinion")}


class SubmissionDetailView(SubmissionMixin, TemplateView):
    """The submitter's own page (and staff's): the submission, its answer, its history."""

    permission_required = "consultations.view_submission"
    template_name = "consultations/submission_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission, user = self.submission, self.request.user
        context["page_title"] = _("Submission to “%(title)s”") % {"title": self.consultation.title}
        context["history"] = submission.changes.select_related("actor")
        if user.has_perm("consultations.answer_submission", submission):
            context["can_answer"] = True
            context["extension_form"] = ExtensionForm()
            context["latest_extension"] = add_months(self.consultation.closes_on, 1)
        return context


class MySubmissionsView(LoginRequiredMixin, ListView):
    template_name = "consultations/submission_mine.html"
    context_object_name = "submissions"
    paginate_by = 20
    paginator_class = CountingPaginator

    def get_queryset(self):
        return (
            Submission.objects.of(self.request.municipality)
            .filter(author=self.request.user)
            .select_related("consultation", "answer", "community")
            .order_by("-submitted_at", "-pk")
        )


class SubmissionAttachmentView(ProtectedDownloadView):
    """A submission's attachment: for its submitter, its community's leaders, and staff."""

    permission_required = "consultations.view_submission"
    model = Submission
    file_field = "attachment"

    def get_object(self):
        rows = Submission.objects.of(self.request.municipality).select_related("consultation")
        return get_object_or_404(rows, consultation__slug=self.kwargs["slug"], pk=self.kwargs["pk"])

    def get_download_stem(self):
        return f"submission-{self.object.pk}"


# Staff: answering ---------------------------------------------------------------------


class SubmissionListView(ConsultationMixin, TemplateView):
    """Every submission of the consultation for staff: tick similar ones and answer them
    together, or answer one at a time."""

    permission_required = "consultations.view_submissions"
    permission_denied_message = STAFF_ONLY
    template_name = "consultations/submission_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submissions = list(self.consultation.submissions.for_feedback())
        user = self.request.user
        for submission in submissions:
            submission.consultation = self.consultation
            submission.can_answer = not submission.is_answered and user.has_perm(
                "consultations.answer_submission", submission
            )
        context.update(
            page_title=_("Submissions and answers"),
            submissions=submissions,
            form=AnswerForm(),
        )
        return context


class AnswerView(ConsultationMixin, ServiceFormView):
    """Answer the submissions chosen (``?s=1&s=2`` or the form's ``submissions``) with one
    answer; each shows it. Boilerplate is refused beside the field."""

    permission_required = "consultations.view_submissions"
    permission_denied_message = STAFF_ONLY
    template_name = "consultations/answer_form.html"
    form_class = AnswerForm
    success_message = gettext_lazy("The answer is published; the submitters are emailed.")

    def chosen(self):
        keys = self.request.POST.getlist("submissions") or self.request.GET.getlist("s")
        keys = [key for key in keys if key.isdigit()]
        rows = list(
            self.consultation.submissions.filter(pk__in=keys).select_related("community", "author")
        )
        if not rows:
            raise Http404
        for row in rows:
            row.consultation = self.consultation
            if not self.request.user.has_perm("consultations.answer_submission", row):
                raise PermissionDenied(
                    _(
                        "You do not answer your own submission or your community's: a colleague "
                        "does."
                    )
                )
        return rows

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "chosen": self.chosen(),
            "page_title": _("Answer submissions"),
        }

    def save(self, data):
        return answer_submissions(actor=self.request.user, submissions=self.chosen(), **data)

    def get_success_url(self, result=None):
        return reverse("consultations:submission-list", kwargs={"slug": self.consultation.slug})


class AnswerCorrectView(SubmissionMixin, ServiceFormView):
    permission_required = "consultations.answer_submission"
    permission_denied_message = gettext_lazy("Only the municipality's staff correct answers.")
    template_name = "consultations/answer_correct.html"
    form_class = CorrectionForm
    success_message = gettext_lazy("The answer is corrected; the correction is shown.")

    def get_initial(self):
        answer = self.submission.answer
        return {"status": answer.status, "explanation": answer.explanation} if answer else {}

    def get(self, request, *args, **kwargs):
        if not self.submission.answer:
            raise Http404
        return super().get(request, *args, **kwargs)

    def save(self, data):
        if not self.submission.answer:
            raise Http404
        return correct_answer(actor=self.request.user, answer=self.submission.answer, **data)

    def get_success_url(self, result=None):
        return self.submission.get_absolute_url()


class ExtensionView(SubmissionMixin, ServiceFormView):
    permission_required = "consultations.answer_submission"
    permission_denied_message = STAFF_ONLY
    template_name = "consultations/extension_form.html"
    form_class = ExtensionForm
    success_message = gettext_lazy("The answer's deadline is extended.")

    def save(self, data):
        return extend_answer(actor=self.request.user, submission=self.submission, **data)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "latest_extension": add_months(self.consultation.closes_on, 1),
        }


class OverdueListView(PortalPermissionMixin, ListView):
    """Staff: every unanswered submission past its due date, oldest due first."""

    permission_required = "consultations.view_overdue"
    permission_denied_message = STAFF_ONLY
    template_name = "consultations/overdue_list.html"
    context_object_name = "submissions"
    paginate_by = 50
    paginator_class = CountingPaginator

    def get_permission_object(self):
        return self.request.municipality

    def get_queryset(self):
        return (
            Submission.objects.of(self.request.municipality)
            .overdue()
            .select_related("consultation__responsible", "community")
            .order_by("consultation__response_due_on", "pk")
        )
