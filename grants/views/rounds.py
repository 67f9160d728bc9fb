"""The public round list and round page, and the staff's round forms and moves."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from communities.models import Membership
from communities.roles import community_roles
from portal.downloads import ProtectedDownloadView
from portal.forms import posted_pk
from portal.history import is_conflict
from portal.mixins import PortalPermissionMixin, flash_validation_error
from portal.pagination import CountingPaginator, paged, section_page
from portal.shapes import shape

from .. import services
from ..forms import (
    AnswerForm,
    CriterionFormSet,
    InviteForm,
    ProgrammeForm,
    QuestionForm,
    RoundDocumentForm,
    RoundForm,
)
from ..guidelines import guideline_warnings, round_warnings
from ..models import Application, Criterion, Programme, Question, Round, RoundDocument
from ..ranking import ranking
from ..reports import latest_protocol, request_protocol
from .base import RoundMixin

QUESTIONS_PER_PAGE = 20
MY_QUESTIONS = 10  # the newest; older ones are in the person's emails
RESULTS_PER_PAGE = 50


class RoundListView(ListView):
    """The municipality's published rounds, open ones first; staff also see drafts."""

    template_name = "grants/round_list.html"
    context_object_name = "rounds"
    paginate_by = 20
    # A municipality's rounds are tens: the page's rows and their count in one query.
    paginator_class = CountingPaginator

    @cached_property
    def is_staff(self):
        return self.request.user.has_perm("grants.add_round", self.request.municipality)

    def get_queryset(self):
        rounds = Round.objects.of(self.request.municipality).for_list()
        if not self.is_staff:
            rounds = rounds.public()
        return rounds.order_by("-deadline", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Only the programmes the page names: the participatory budgets' notices, and for
        # staff the annual subsidies' overviews.
        kinds = [Programme.Kind.PARTICIPATORY]
        if self.is_staff:
            kinds.append(Programme.Kind.SUBSIDY)
        context["is_staff"] = self.is_staff
        context["programmes"] = list(
            Programme.objects.of(self.request.municipality)
            .filter(kind__in=kinds)
            .only("kind", "name", "slug", "external_url")
            .order_by("name")
        )
        context["page_title"] = _("Grant rounds")
        return context


@shape
def _criteria_of(round_id):
    return Criterion.objects.filter(round=round_id).order_by("order", "pk")


@shape
def _documents_of(round_id):
    return RoundDocument.objects.filter(round=round_id).order_by("pk")


@paged
def _questions_published(round_id):
    questions = Question.objects.filter(round=round_id).published()
    return questions.only("round", "text", "answer").order_by("asked_at", "pk")


class RoundDetailView(RoundMixin, TemplateView):
    permission_required = "grants.view_round"
    template_name = "grants/round_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        round_ = self.round
        user = self.request.user
        context.update(
            page_title=round_.title,
            page_description=_(
                "%(title)s: the rules, the deadlines, the evaluation criteria and how a "
                "community applies."
            )
            % {"title": round_.title},
            # Loaded here, ordered by key within the round (the models' ordering by round
            # would join the round again); the published answers and the decided
            # applications a page at a time, each turned by its own parameter.
            criteria=_criteria_of(round_.pk),
            documents=_documents_of(round_.pk),
            questions=section_page(
                self.request, _questions_published(round_.pk), QUESTIONS_PER_PAGE, "questions"
            ),
            accepts=round_.accepts_applications(),
            question_form=QuestionForm(),
        )
        if user.has_perm("grants.manage_round", round_):
            context["warnings"] = round_warnings(round_)
            context["protocol"] = latest_protocol(round_)
            context["history"] = list(round_.status_changes.select_related("actor"))
        if round_.results_published:
            context["results"] = section_page(
                self.request,
                round_.applications.filter(status__in=Application.DECIDED_STATUSES)
                .select_related("community")
                .only("round", "title", "status", "awarded_amount", "community__name")
                .order_by("status", "-awarded_amount", "title", "pk"),
                RESULTS_PER_PAGE,
                "results",
            )
        if user.is_authenticated:
            # The person's own questions, answered or not, published or sent to them only.
            context["my_questions"] = list(
                round_.questions.filter(asked_by=user)
                .only("round", "text", "answer", "published", "asked_at")
                .order_by("-asked_at", "-pk")[:MY_QUESTIONS]
            )
        if user.is_authenticated and round_.accepts_applications():
            reminded = set(round_.reminders.values_list("community_id", flat=True))
            context["reminder_choices"] = [
                (community, community.pk in reminded)
                for community in services.admin_communities(user, round_.municipality)
            ]
        if user.is_authenticated and not user.has_perm("grants.manage_round", round_):
            # Only the applications of the person's own communities: the page does not grow
            # with the round's applications.
            mine = [
                pk for pk, role in community_roles(user).items() if role in Membership.ADMIN_ROLES
            ]
            context["my_applications"] = (
                round_.applications.filter(community_id__in=mine).select_related("community")
                if mine
                else []
            )
        return context


class ProgrammeCreateView(PortalPermissionMixin, View):
    permission_required = "grants.add_round"
    permission_denied_message = gettext_lazy("Only municipal staff run grant programmes.")

    def get_permission_object(self):
        return self.request.municipality

    def get(self, request):
        return self._render(ProgrammeForm())

    def post(self, request):
        form = ProgrammeForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        services.create_programme(
            actor=request.user, municipality=request.municipality, **form.cleaned_data
        )
        messages.success(request, _("The programme is added; now add a round to it."))
        return redirect("grants:round-create")

    def _render(self, form):
        return render(self.request, "grants/programme_form.html", {"form": form})


def _criteria(formset):
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and form.cleaned_data.get("name")
    ]


class RoundFormMixin:
    def _render(self, form, formset, **extra):
        warnings = []
        if form.is_bound and form.is_valid():
            warnings = guideline_warnings(**form.cleaned_data)
        return render(
            self.request,
            "grants/round_form.html",
            {"form": form, "criteria_formset": formset, "warnings": warnings, **extra},
        )

    def _apply_errors(self, form, error):
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)


class RoundCreateView(RoundFormMixin, PortalPermissionMixin, View):
    permission_required = "grants.add_round"
    permission_denied_message = gettext_lazy("Only municipal staff run grant rounds.")

    def get_permission_object(self):
        return self.request.municipality

    def get(self, request):
        if not Programme.objects.of(request.municipality).exists():
            messages.info(request, _("Add a programme first: every round belongs to one."))
            return redirect("grants:programme-create")
        return self._render(
            RoundForm(municipality=request.municipality), CriterionFormSet(prefix="criteria")
        )

    def post(self, request):
        form = RoundForm(request.POST, municipality=request.municipality)
        formset = CriterionFormSet(request.POST, prefix="criteria")
        if not (form.is_valid() and formset.is_valid()):
            return self._render(form, formset)
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            round_ = services.create_round(actor=request.user, criteria=_criteria(formset), **data)
        except ValidationError as error:
            self._apply_errors(form, error)
            return self._render(form, formset)
        for warning in round_warnings(round_):
            messages.warning(request, warning)
        messages.success(request, _("The round is saved as a draft."))
        return redirect(round_.get_absolute_url())


class RoundEditView(RoundFormMixin, RoundMixin, View):
    permission_required = "grants.change_round"
    permission_denied_message = gettext_lazy("After the results are published a round is final.")

    def _initial_criteria(self):
        return [
            {
                "name": c.name,
                "description": c.description,
                "weight": c.weight,
                "max_score": c.max_score,
            }
            for c in self.round.criteria.all()
        ]

    def get(self, request, slug):
        return self._render(
            RoundForm(instance=self.round, municipality=request.municipality),
            CriterionFormSet(prefix="criteria", initial=self._initial_criteria()),
        )

    def post(self, request, slug):
        form = RoundForm(request.POST, instance=self.round, municipality=request.municipality)
        formset = CriterionFormSet(
            request.POST, prefix="criteria", initial=self._initial_criteria()
        )
        if not (form.is_valid() and formset.is_valid()):
            return self._render(form, formset)
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            round_ = services.update_round(
                actor=request.user,
                round=self.round,
                expected_version=version,
                criteria=_criteria(formset),
                **data,
            )
        except ValidationError as error:
            self._apply_errors(form, error)
            return self._render(form, formset)
        for warning in round_warnings(round_):
            messages.warning(request, warning)
        messages.success(request, _("The round is saved."))
        return redirect(round_.get_absolute_url())


class RoundMoveView(RoundMixin, View):
    """Staff move a round on: publish, close submissions, invite ideas, publish results."""

    permission_required = "grants.manage_round"
    permission_denied_message = gettext_lazy("Only municipal staff run grant rounds.")
    ACTIONS = {
        "publish": (
            services.publish_round,
            gettext_lazy("Publish the round"),
            gettext_lazy("The round is published."),
        ),
        "close": (
            services.close_submissions,
            gettext_lazy("Close the submissions"),
            gettext_lazy("Submissions are closed; check eligibility and evaluate."),
        ),
        "finish": (
            services.close_round,
            gettext_lazy("Close the round"),
            gettext_lazy("The round is closed; its evaluators' assignments have ended."),
        ),
        "results": (
            services.publish_results,
            gettext_lazy("Publish the results"),
            gettext_lazy("The results are published and the applicants told."),
        ),
    }

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in self.ACTIONS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, slug, action):
        _service, title, _done = self.ACTIONS[action]
        warnings = round_warnings(self.round) if action == "publish" else []
        return render(
            request,
            "grants/round_move.html",
            {"round": self.round, "title": title, "warnings": warnings},
        )

    def post(self, request, slug, action):
        service, _title, done = self.ACTIONS[action]
        try:
            service(actor=request.user, round=self.round)
        except ValidationError as error:
            flash_validation_error(request, error)
            if not is_conflict(error):
                return redirect(self.round.get_absolute_url())
        else:
            messages.success(request, done)
        return redirect(self.round.get_absolute_url())


class RoundInviteView(RoundMixin, View):
    """Two-stage rounds: invite the shortlisted ideas to the full stage, with its deadline."""

    permission_required = "grants.manage_round"

    def get(self, request, slug):
        return self._render(InviteForm())

    def post(self, request, slug):
        form = InviteForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        try:
            services.invite_shortlisted(
                actor=request.user,
                round=self.round,
                full_deadline=form.cleaned_data["full_deadline"],
            )
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            messages.success(request, _("The shortlisted ideas are invited to the full stage."))
        return redirect(self.round.get_absolute_url())

    def _render(self, form):
        return render(self.request, "grants/round_invite.html", {"round": self.round, "form": form})


class RoundDocumentAddView(RoundMixin, View):
    permission_required = "grants.change_round"

    def get(self, request, slug):
        return render(
            request,
            "grants/round_document_form.html",
            {"round": self.round, "form": RoundDocumentForm()},
        )

    def post(self, request, slug):
        form = RoundDocumentForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(
                request, "grants/round_document_form.html", {"round": self.round, "form": form}
            )
        services.add_round_document(actor=request.user, round=self.round, **form.cleaned_data)
        messages.success(request, _("The document is added to the round's page."))
        return redirect(self.round.get_absolute_url())


class RoundDocumentView(ProtectedDownloadView):
    """A round's public documents: anyone who may see the round."""

    permission_required = "grants.view_round"
    view_permission = "grants.view_round"
    model = RoundDocument
    file_field = "file"

    def get_object(self):
        rows = RoundDocument.objects.filter(
            round__municipality=self.request.municipality, round__slug=self.kwargs["slug"]
        ).select_related("round")
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get_download_stem(self):
        return self.object.title


class RankingView(RoundMixin, TemplateView):
    """Weighted totals and the ranking, ties shown; staff decide from here."""

    permission_required = "grants.manage_round"
    template_name = "grants/round_ranking.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = ranking(self.round)
        context["criteria"] = self.round.criteria.all()
        return context


class ProtocolRequestView(RoundMixin, View):
    """Staff ask for the results protocol: the kit's page of the report, which shows its
    progress and then its download (the same data finds the same report)."""

    permission_required = "grants.manage_round"

    def post(self, request, slug):
        try:
            report = request_protocol(actor=request.user, round=self.round)
        except ValidationError as error:
            flash_validation_error(request, error)
            return redirect(self.round.get_absolute_url())
        return redirect(report.get_absolute_url())


class QuestionAskView(RoundMixin, View):
    """Anyone signed in asks a question about a published round."""

    permission_required = "grants.ask_question"

    def post(self, request, slug):
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                services.ask_question(actor=request.user, round=self.round, **form.cleaned_data)
            except ValidationError as error:
                flash_validation_error(request, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your question is sent; the municipality answers it, and publishes "
                        "answers of general interest here."
                    ),
                )
        else:
            messages.error(request, _("Write your question."))
        return redirect(self.round.get_absolute_url())


class QuestionListView(RoundMixin, View):
    """Staff answer the round's questions and choose which answers to publish."""

    permission_required = "grants.manage_round"

    def get(self, request, slug):
        return self._render()

    def post(self, request, slug):
        question = get_object_or_404(
            self.round.questions, pk=posted_pk(request.POST.get("question"))
        )
        form = AnswerForm(request.POST, prefix=f"q{question.pk}")
        if form.is_valid():
            try:
                services.answer_question(actor=request.user, question=question, **form.cleaned_data)
            except ValidationError as error:
                flash_validation_error(request, error)
            else:
                messages.success(request, _("The answer is saved."))
                return redirect("grants:question-list", slug=slug)
        return self._render({question.pk: form})

    def _render(self, bound=None):
        bound = bound or {}
        # Those waiting for an answer first, 20 a page (``?page=``).
        paginator = CountingPaginator(
            self.round.questions.select_related("asked_by").order_by(
                F("answered_at").asc(nulls_first=True), "asked_at", "pk"
            ),
            QUESTIONS_PER_PAGE,
        )
        page = paginator.get_page(self.request.GET.get("page"))
        questions = list(page.object_list)
        for question in questions:
            question.form = bound.get(question.pk) or AnswerForm(
                prefix=f"q{question.pk}",
                initial={"answer": question.answer, "published": question.published},
            )
        return render(
            self.request,
            "grants/question_list.html",
            {
                "round": self.round,
                "questions": questions,
                "page_obj": page,
                "paginator": paginator,
                "is_paginated": page.has_other_pages(),
            },
        )


class RoundReminderView(RoundDetailView):
    """A community's leader or board member asks to be reminded of the deadline and the
    seminar, or stops it (POST only; the round's page shows the buttons). A community that is
    not one of theirs (a tampered id) is a message beside the buttons on the round's page;
    someone with no community to choose is refused with the reason."""

    http_method_names = ["post"]
    permission_required = "grants.view_round"

    def post(self, request, slug):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        choices = services.admin_communities(request.user, self.round.municipality)
        community = choices.filter(pk=posted_pk(request.POST.get("community"))).first()
        if community is None and not choices.exists():
            raise PermissionDenied(_("Only the community's leaders and board ask for reminders."))
        if community is None:
            error = _("Choose one of the communities you lead or are on the board of.")
            if not self.round.accepts_applications():  # the page shows no buttons now
                messages.error(request, error)
                return redirect("grants:round-detail", slug=slug)
            return self.render_to_response(self.get_context_data(reminder_error=error))
        remind = request.POST.get("remind") == "1"
        try:
            services.ask_for_reminders(
                actor=request.user, round=self.round, community=community, remind=remind
            )
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            if remind:
                messages.success(
                    request,
                    _(
                        "%(community)s will be reminded by email 14 and 3 days before the "
                        "deadline and 3 days before the seminar."
                    )
                    % {"community": community.name},
                )
            else:
                messages.success(
                    request,
                    _("%(community)s will no longer be reminded of this round.")
                    % {"community": community.name},
                )
        return redirect("grants:round-detail", slug=slug)
