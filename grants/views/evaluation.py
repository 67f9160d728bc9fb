"""Staff's application list, eligibility and decisions; evaluators, conflicts and scores."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from portal.dates import short_date
from portal.forms import posted_pk
from portal.pagination import CountingPaginator
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..budget import money
from ..forms.evaluation import ConflictForm, DecisionForm, EligibilityForm, EvaluatorForm, ScoreForm
from ..models import Application, ConflictDeclaration, Score
from ..services.evaluation import (
    assign_evaluator,
    check_eligibility,
    decide_application,
    declare_conflict,
    known_conflicts,
    score_application,
    unassign_evaluator,
)
from .base import ApplicationMixin, RoundMixin


class ApplicationListView(RoundMixin, ListView):
    """Staff: the round's submitted applications, filtered by status, 25 a page; drafts
    only counted (their communities' until submitted)."""

    permission_required = "grants.manage_round"
    permission_denied_message = gettext_lazy("Only municipal staff see every application.")
    template_name = "content_page.html"
    content_template_name = "grants/_application_list_content.html"

    context_object_name = "applications"
    paginate_by = 25
    # A round's applications are hundreds at most: the page's rows (``values()`` of the shown
    # columns) and their count in one query. The round's programme is not shown.
    paginator_class = CountingPaginator
    round_related = ()

    def get_queryset(self):
        # Drafts are their communities' until submitted: not listed, only counted.
        rows = (
            self.round.applications.submitted()
            .order_by("title", "pk")
            .values("pk", "title", "status", "requested_amount", "submitted_at", "community__name")
        )
        status = self.request.GET.get("status", "")
        if status in Application.Status.values:
            rows = rows.filter(status=status)
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # One address reversed, each row's key put in the place of its last "/0/".
        before, after = reverse("grants:application-review", args=[self.round.slug, 0]).rsplit(
            "/0/", 1
        )
        labels = dict(Application.Status.choices)
        statuses = {}  # each status's label translated once per page
        for row in context["applications"]:  # labelled once here, not per template node
            row["review_url"] = f"{before}/{row['pk']}/{after}"
            amount = row["requested_amount"]
            row["requested_label"] = "—" if amount is None else money(amount)
            row["submitted_label"] = short_date(row["submitted_at"], "—")
            if row["status"] not in statuses:
                statuses[row["status"]] = str(labels.get(row["status"], row["status"]))
            row["status_label"] = statuses[row["status"]]
        context["statuses"] = [
            choice for choice in Application.Status.choices if choice[0] != Application.Status.DRAFT
        ]
        context["drafts"] = self.round.applications.filter(status=Application.Status.DRAFT).count()
        context["status"] = self.request.GET.get("status", "")
        context["page_title"] = f"{_('Applications')} · {self.round.title}"
        return context


class ApplicationReviewView(ApplicationMixin, ServiceFormView):
    """Staff check eligibility and record the decision with its reasons: two forms on one
    page, the posted one (``eligible`` in it: the eligibility) goes to its service. A conflict
    (someone else decided first) goes back to the page with the message."""

    permission_required = "grants.manage_round"
    template_name = "grants/application_review.html"
    success_message = gettext_lazy("Recorded.")

    @property
    def checks_eligibility(self):
        return "eligible" in self.request.POST

    def get_form(self, form_class=None):
        if self.request.method != "POST":
            return None
        user, application = self.request.user, self.application
        if self.checks_eligibility:
            form = EligibilityForm(self.request.POST)
            if not user.has_perm("grants.check_eligibility", application):
                raise PermissionDenied(_("You may not check this application now."))
            return form
        form = DecisionForm(self.request.POST, idea_stage=self.round.idea_stage)
        if not user.has_perm("grants.decide_application", application):
            raise PermissionDenied(_("You may not decide this application."))
        return form

    def save(self, data):
        service = check_eligibility if self.checks_eligibility else decide_application
        return service(actor=self.request.user, application=self.application, **data)

    def get_conflict_url(self):
        return self._review_url()

    def get_success_url(self, result=None):
        return reverse("grants:application-list", args=[self.kwargs["slug"]])

    def _review_url(self):
        return reverse("grants:application-review", args=[self.kwargs["slug"], self.kwargs["pk"]])

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None)
        context = super().get_context_data(form=None, **kwargs)
        del context["form"]
        application = self.application
        context.update(
            eligibility_form=form if isinstance(form, EligibilityForm) else EligibilityForm(),
            decision_form=(
                form
                if isinstance(form, DecisionForm)
                else DecisionForm(idea_stage=self.round.idea_stage)
            ),
            budget_lines=application.budget_lines.all(),
            in_kind=application.in_kind.all(),
            history=application.status_changes.select_related("actor"),
            declarations=application.conflict_declarations.select_related("evaluator"),
        )
        return context


class EvaluatorRemoveView(RoundMixin, ServiceActionView):
    """The button beside an evaluator (posted to the list's address, ``remove``)."""

    permission_required = "grants.manage_round"

    def act(self):
        remove = posted_pk(self.request.POST.get("remove"))
        user = get_user_model().objects.filter(pk=remove).first()
        if user is not None:
            unassign_evaluator(actor=self.request.user, round=self.round, user=user)

    def get_success_url(self, result):
        return reverse("grants:evaluator-list", args=[self.kwargs["slug"]])


class EvaluatorListView(RoundMixin, ServiceFormView):
    """Staff assign evaluators (any account) to the round."""

    permission_required = "grants.manage_round"
    template_name = "grants/evaluator_list.html"
    form_class = EvaluatorForm

    def post(self, request, *args, **kwargs):
        if "remove" in request.POST:
            return EvaluatorRemoveView.as_view()(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def save(self, data):
        user = get_user_model().objects.filter(email__iexact=data["email"], is_active=True).first()
        if user is None:
            raise ValidationError(
                {"email": _("No account has this email; ask the person to sign up.")}
            )
        assign_evaluator(actor=self.request.user, round=self.round, user=user)
        return user

    def get_success_message(self, result):
        return _("%(name)s is an evaluator of this round; they must use an authenticator app.") % {
            "name": result
        }

    def get_success_url(self, result=None):
        return reverse("grants:evaluator-list", args=[self.kwargs["slug"]])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["assignments"] = self.round.assignments.select_related("user")
        return context


class EvaluationView(RoundMixin, ListView):
    """An evaluator's applications: declare a conflict of interest first, then score."""

    permission_required = "grants.view_evaluation"
    permission_denied_message = gettext_lazy("Only the round's evaluators see this page.")
    template_name = "grants/evaluation_list.html"
    context_object_name = "applications"
    paginate_by = 25
    paginator_class = CountingPaginator

    def get_queryset(self):
        user = self.request.user
        declarations = ConflictDeclaration.objects.filter(
            application=OuterRef("pk"), evaluator=user
        )
        return (
            self.round.applications.exclude(status=Application.Status.DRAFT)
            .select_related("community")
            .annotate(
                declared=Exists(declarations),
                conflicted=Exists(declarations.filter(has_conflict=True)),
                scored=Exists(Score.objects.filter(application=OuterRef("pk"), evaluator=user)),
            )
            .order_by("title", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["known"] = known_conflicts(self.round, self.request.user)
        return context


class ConflictDeclareView(RoundMixin, ServiceFormView):
    """The evaluator's declaration; a conflict the portal knows cannot be cleared."""

    permission_required = "grants.evaluate_round"
    permission_denied_message = gettext_lazy(
        "Only the round's evaluators declare, during evaluation."
    )
    template_name = "grants/conflict_form.html"
    form_class = ConflictForm

    def application(self):
        return get_object_or_404(
            self.round.applications.exclude(status=Application.Status.DRAFT).select_related(
                "community"
            ),
            pk=self.kwargs["pk"],
        )

    def save(self, data):
        return declare_conflict(actor=self.request.user, application=self.application(), **data)

    def get_success_message(self, declaration):
        if declaration.known:  # not a success: a warning
            messages.warning(
                self.request,
                _(
                    "You belong to the applying community: the conflict of interest stands and "
                    "cannot be cleared. You do not score this application."
                ),
            )
            return ""
        if declaration.has_conflict:
            return _("Your conflict of interest is recorded; you do not score this application.")
        return _("Recorded: no conflict of interest. Score the application.")

    def get_success_url(self, declaration=None):
        slug = self.kwargs["slug"]
        if declaration.known or declaration.has_conflict:
            return reverse("grants:evaluation", args=[slug])
        return reverse("grants:application-score", args=[slug, self.kwargs["pk"]])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application()
        context.update(
            application=application,
            known=application.pk in known_conflicts(self.round, self.request.user),
            declaration=ConflictDeclaration.objects.filter(
                application=application, evaluator=self.request.user
            ).first(),
        )
        return context


class ScoreView(ApplicationMixin, ServiceFormView):
    """Score each criterion with a justification. A conflicted evaluator, or one who has not
    declared, never sees this form — also not by its address."""

    permission_required = "grants.score_application"
    template_name = "grants/score_form.html"
    success_message = gettext_lazy("Your scores are saved.")

    def get_permission_denied_message(self):
        return _(
            "You score an application only after declaring that you have no conflict of "
            "interest with it; with a conflict you do not score it."
        )

    def get_form(self, form_class=None):
        existing = {
            s.criterion_id: s
            for s in Score.objects.filter(application=self.application, evaluator=self.request.user)
        }
        data = self.request.POST if self.request.method == "POST" else None
        return ScoreForm(data, criteria=self.round.criteria.all(), scores=existing)

    def save(self, data):
        return score_application(
            actor=self.request.user, application=self.application, scores=self.form.scores()
        )

    def get_success_url(self, result=None):
        return reverse("grants:evaluation", args=[self.kwargs["slug"]])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["budget_lines"] = self.application.budget_lines.all()
        context["in_kind"] = self.application.in_kind.all()
        return context
