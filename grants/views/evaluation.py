"""Staff's application list, eligibility and decisions; evaluators, conflicts and scores."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from portal.dates import short_date
from portal.forms import posted_pk
from portal.history import is_conflict
from portal.mixins import flash_validation_error
from portal.pagination import CountingPaginator

from .. import services
from ..budget import money
from ..evaluation_services import known_conflicts
from ..forms import ConflictForm, DecisionForm, EligibilityForm, EvaluatorForm, ScoreForm
from ..models import Application, ConflictDeclaration, Score
from .base import ApplicationMixin, RoundMixin


def _form_errors(form, error):
    if hasattr(error, "error_dict"):
        for key, errors in error.message_dict.items():
            form.add_error(key if key in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


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


class ApplicationReviewView(ApplicationMixin, View):
    """Staff check eligibility and record the decision with its reasons."""

    permission_required = "grants.manage_round"

    def get(self, request, slug, pk):
        return self._render()

    def post(self, request, slug, pk):
        application = self.application
        eligibility = decision = None
        try:
            if "eligible" in request.POST:
                eligibility = EligibilityForm(request.POST)
                if not request.user.has_perm("grants.check_eligibility", application):
                    raise PermissionDenied(_("You may not check this application now."))
                if not eligibility.is_valid():
                    return self._render(eligibility=eligibility)
                services.check_eligibility(
                    actor=request.user, application=application, **eligibility.cleaned_data
                )
            else:
                decision = DecisionForm(request.POST, idea_stage=self.round.idea_stage)
                if not request.user.has_perm("grants.decide_application", application):
                    raise PermissionDenied(_("You may not decide this application."))
                if not decision.is_valid():
                    return self._render(decision=decision)
                services.decide_application(
                    actor=request.user, application=application, **decision.cleaned_data
                )
        except ValidationError as error:
            if is_conflict(error) or not (eligibility or decision):
                flash_validation_error(request, error)
                return redirect("grants:application-review", slug=slug, pk=pk)
            _form_errors(eligibility or decision, error)
            return self._render(eligibility=eligibility, decision=decision)
        messages.success(request, _("Recorded."))
        return redirect("grants:application-list", slug=slug)

    def _render(self, eligibility=None, decision=None):
        application = self.application
        return render(
            self.request,
            "grants/application_review.html",
            {
                "round": self.round,
                "application": application,
                "eligibility_form": eligibility or EligibilityForm(),
                "decision_form": decision or DecisionForm(idea_stage=self.round.idea_stage),
                "budget_lines": application.budget_lines.all(),
                "in_kind": application.in_kind.all(),
                "history": application.status_changes.select_related("actor"),
                "declarations": application.conflict_declarations.select_related("evaluator"),
            },
        )


class EvaluatorListView(RoundMixin, View):
    """Staff assign evaluators (any account) to the round."""

    permission_required = "grants.manage_round"

    def get(self, request, slug):
        return self._render(EvaluatorForm())

    def post(self, request, slug):
        if "remove" in request.POST:
            remove = posted_pk(request.POST.get("remove"))
            user = get_user_model().objects.filter(pk=remove).first()
            if user is not None:
                try:
                    services.unassign_evaluator(actor=request.user, round=self.round, user=user)
                except ValidationError as error:
                    flash_validation_error(request, error)
            return redirect("grants:evaluator-list", slug=slug)
        form = EvaluatorForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        user = (
            get_user_model()
            .objects.filter(email__iexact=form.cleaned_data["email"], is_active=True)
            .first()
        )
        if user is None:
            form.add_error("email", _("No account has this email; ask the person to sign up."))
            return self._render(form)
        try:
            services.assign_evaluator(actor=request.user, round=self.round, user=user)
        except ValidationError as error:
            _form_errors(form, error)
            return self._render(form)
        messages.success(
            request,
            _("%(name)s is an evaluator of this round; they must use an authenticator app.")
            % {"name": user},
        )
        return redirect("grants:evaluator-list", slug=slug)

    def _render(self, form):
        return render(
            self.request,
            "grants/evaluator_list.html",
            {
                "round": self.round,
                "form": form,
                "assignments": self.round.assignments.select_related("user"),
            },
        )


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


class ConflictDeclareView(RoundMixin, View):
    """The evaluator's declaration; a conflict the portal knows cannot be cleared."""

    permission_required = "grants.evaluate_round"
    permission_denied_message = gettext_lazy(
        "Only the round's evaluators declare, during evaluation."
    )

    def application(self):
        return get_object_or_404(
            self.round.applications.exclude(status=Application.Status.DRAFT).select_related(
                "community"
            ),
            pk=self.kwargs["pk"],
        )

    def get(self, request, slug, pk):
        return self._render(ConflictForm())

    def post(self, request, slug, pk):
        form = ConflictForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        application = self.application()
        try:
            declaration = services.declare_conflict(
                actor=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self._render(form)
        if declaration.known:
            messages.warning(
                request,
                _(
                    "You belong to the applying community: the conflict of interest stands and "
                    "cannot be cleared. You do not score this application."
                ),
            )
            return redirect("grants:evaluation", slug=slug)
        if declaration.has_conflict:
            messages.success(
                request,
                _("Your conflict of interest is recorded; you do not score this application."),
            )
            return redirect("grants:evaluation", slug=slug)
        messages.success(request, _("Recorded: no conflict of interest. Score the application."))
        return redirect("grants:application-score", slug=slug, pk=pk)

    def _render(self, form):
        application = self.application()
        return render(
            self.request,
            "grants/conflict_form.html",
            {
                "round": self.round,
                "application": application,
                "form": form,
                "known": application.pk in known_conflicts(self.round, self.request.user),
                "declaration": ConflictDeclaration.objects.filter(
                    application=application, evaluator=self.request.user
                ).first(),
            },
        )


class ScoreView(ApplicationMixin, View):
    """Score each criterion with a justification. A conflicted evaluator, or one who has not
    declared, never sees this form — also not by its address."""

    permission_required = "grants.score_application"

    def get_permission_denied_message(self):
        return _(
            "You score an application only after declaring that you have no conflict of "
            "interest with it; with a conflict you do not score it."
        )

    def get(self, request, slug, pk):
        return self._render(self._form())

    def post(self, request, slug, pk):
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(form)
        try:
            services.score_application(
                actor=request.user, application=self.application, scores=form.scores()
            )
        except ValidationError as error:
            _form_errors(form, error)
            return self._render(form)
        messages.success(request, _("Your scores are saved."))
        return redirect("grants:evaluation", slug=slug)

    def _form(self, data=None):
        existing = {
            s.criterion_id: s
            for s in Score.objects.filter(application=self.application, evaluator=self.request.user)
        }
        return ScoreForm(data, criteria=self.round.criteria.all(), scores=existing)

    def _render(self, form):
        application = self.application
        return render(
            self.request,
            "grants/score_form.html",
            {
                "round": self.round,
                "application": application,
                "form": form,
                "budget_lines": application.budget_lines.all(),
                "in_kind": application.in_kind.all(),
            },
        )
