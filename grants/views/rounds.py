"""The public round list and round page, and the staff's round forms and moves."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from communities.models import Membership
from communities.roles import community_roles
from portal.downloads import ProtectedDownloadView
from portal.forms import posted_pk
from portal.mixins import PortalPermissionMixin
from portal.pagination import CountingPaginator, paged, section_page
from portal.shapes import shape
from portal.views.service_forms import ServiceActionView, ServiceFormView

from ..forms.rounds import (
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
from ..services.applications import admin_communities, ask_for_reminders
from ..services.evaluation import close_submissions, invite_shortlisted, publish_results
from ..services.rounds import (
    add_round_document,
    answer_question,
    ask_question,
    close_round,
    create_programme,
    create_round,
    publish_round,
    update_round,
)
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
                for community in admin_communities(user, round_.municipality)
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


class ProgrammeCreateView(PortalPermissionMixin, ServiceFormView):
    permission_required = "grants.add_round"
    permission_denied_message = gettext_lazy("Only municipal staff run grant programmes.")
    template_name = "grants/programme_form.html"
    form_class = ProgrammeForm
    success_message = gettext_lazy("The programme is added; now add a round to it.")

    def get_permission_object(self):
        return self.request.municipality

    def save(self, data):
        return create_programme(
            actor=self.request.user, municipality=self.request.municipality, **data
        )

    def get_success_url(self, result=None):
        return reverse("grants:round-create")


def _criteria(formset):
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and form.cleaned_data.get("name")
    ]


class RoundFormMixin:
    """The round's form with its criteria (a formset): both valid, the service gets the
    round's values and the criteria; the guidelines' warnings are said with the success."""

    template_name = "grants/round_form.html"
    form_class = RoundForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.request.municipality}

    def criteria_formset(self, data=None):
        return CriterionFormSet(data, prefix="criteria")

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        self.formset = self.criteria_formset(request.POST)
        if form.is_valid() and self.formset.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def get_success_message(self, round_):
        for warning in round_warnings(round_):
            messages.warning(self.request, warning)
        return self.success_message

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        warnings = []
        if form.is_bound and form.is_valid():
            warnings = guideline_warnings(**form.cleaned_data)
        formset = self.formset if self.request.method == "POST" else self.criteria_formset()
        context.update(criteria_formset=formset, warnings=warnings)
        return context


class RoundCreateView(RoundFormMixin, PortalPermissionMixin, ServiceFormView):
    permission_required = "grants.add_round"
    permission_denied_message = gettext_lazy("Only municipal staff run grant rounds.")
    success_message = gettext_lazy("The round is saved as a draft.")

    def get_permission_object(self):
        return self.request.municipality

    def get(self, request, *args, **kwargs):
        if not Programme.objects.of(request.municipality).exists():
            messages.info(request, _("Add a programme first: every round belongs to one."))
            return redirect("grants:programme-create")
        return super().get(request, *args, **kwargs)

    def save(self, data):
        data.pop("version", None)
        return create_round(actor=self.request.user, criteria=_criteria(self.formset), **data)


class RoundEditView(RoundFormMixin, RoundMixin, ServiceFormView):
    permission_required = "grants.change_round"
    permission_denied_message = gettext_lazy("After the results are published a round is final.")
    success_message = gettext_lazy("The round is saved.")

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

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.round}

    def criteria_formset(self, data=None):
        return CriterionFormSet(data, prefix="criteria", initial=self._initial_criteria())

    def save(self, data):
        version = data.pop("version", None)
        return update_round(
            actor=self.request.user,
            round=self.round,
            expected_version=version,
            criteria=_criteria(self.formset),
            **data,
        )


class RoundMoveView(RoundMixin, ServiceActionView):
    """Staff move a round on: publish, close submissions, invite ideas, publish results."""

    permission_required = "grants.manage_round"
    permission_denied_message = gettext_lazy("Only municipal staff run grant rounds.")
    ACTIONS = {
        "publish": (
            publish_round,
            gettext_lazy("Publish the round"),
            gettext_lazy("The round is published."),
        ),
        "close": (
            close_submissions,
            gettext_lazy("Close the submissions"),
            gettext_lazy("Submissions are closed; check eligibility and evaluate."),
        ),
        "finish": (
            close_round,
            gettext_lazy("Close the round"),
            gettext_lazy("The round is closed; its evaluators' assignments have ended."),
        ),
        "results": (
            publish_results,
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

    def act(self):
        service, _title, _done = self.ACTIONS[self.kwargs["action"]]
        return service(actor=self.request.user, round=self.round)

    def get_success_message(self, result):
        return self.ACTIONS[self.kwargs["action"]][2]

    def get_success_url(self, result):
        return self.round.get_absolute_url()


class RoundInviteView(RoundMixin, ServiceFormView):
    """Two-stage rounds: invite the shortlisted ideas to the full stage, with its deadline. A
    refusal is said on the round's page."""

    permission_required = "grants.manage_round"
    template_name = "grants/round_invite.html"
    form_class = InviteForm
    success_message = gettext_lazy("The shortlisted ideas are invited to the full stage.")

    def save(self, data):
        return invite_shortlisted(
            actor=self.request.user, round=self.round, full_deadline=data["full_deadline"]
        )

    refusal_as_message = True

    def get_refused_url(self, error):
        return self.get_success_url()

    def get_success_url(self, result=None):
        return self.round.get_absolute_url()


class RoundDocumentAddView(RoundMixin, ServiceFormView):
    permission_required = "grants.change_round"
    template_name = "grants/round_document_form.html"
    form_class = RoundDocumentForm
    success_message = gettext_lazy("The document is added to the round's page.")

    def save(self, data):
        return add_round_document(actor=self.request.user, round=self.round, **data)

    def get_success_url(self, result=None):
        return self.round.get_absolute_url()


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


class ProtocolRequestView(RoundMixin, ServiceActionView):
    """Staff ask for the results protocol: the kit's page of the report, which shows its
    progress and then its download (the same data finds the same report)."""

    permission_required = "grants.manage_round"

    def act(self):
        return request_protocol(actor=self.request.user, round=self.round)

    def get_success_url(self, report):
        return self.round.get_absolute_url() if report is None else report.get_absolute_url()


class QuestionAskView(RoundMixin, ServiceActionView):
    """Anyone signed in asks a question about a published round."""

    permission_required = "grants.ask_question"
    success_message = gettext_lazy(
        "Your question is sent; the municipality answers it, and publishes answers of general "
        "interest here."
    )

    def act(self):
        form = QuestionForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Write your question."))
        return ask_question(actor=self.request.user, round=self.round, **form.cleaned_data)

    def get_success_url(self, result):
        return self.round.get_absolute_url()


class QuestionListView(RoundMixin, ServiceFormView):
    """Staff answer the round's questions and choose which answers to publish; a refusal is
    said as a message above the list, with the answer as typed."""

    permission_required = "grants.manage_round"

    def get(self, request, *args, **kwargs):
        return self._render()

    def get_form(self, form_class=None):
        self.question = get_object_or_404(
            self.round.questions, pk=posted_pk(self.request.POST.get("question"))
        )
        return AnswerForm(self.request.POST, prefix=f"q{self.question.pk}")

    def save(self, data):
        return answer_question(actor=self.request.user, question=self.question, **data)

    refusal_as_message = True  # said above the questions; the form again, as typed

    def form_invalid(self, form):
        return self._render({self.question.pk: form})

    def get_success_message(self, result):
        return _("The answer is saved.")

    def get_success_url(self, result=None):
        return reverse("grants:question-list", args=[self.kwargs["slug"]])

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


class RoundReminderView(RoundDetailView, ServiceActionView):
    """A community's leader or board member asks to be reminded of the deadline and the
    seminar, or stops it (POST only; the round's page shows the buttons). A community that is
    not one of theirs (a tampered id) is a message beside the buttons on the round's page;
    someone with no community to choose is refused with the reason."""

    http_method_names = ["post"]
    permission_required = "grants.view_round"

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        choices = admin_communities(request.user, self.round.municipality)
        self.community = choices.filter(pk=posted_pk(request.POST.get("community"))).first()
        if self.community is None and not choices.exists():
            raise PermissionDenied(_("Only the community's leaders and board ask for reminders."))
        if self.community is None and self.round.accepts_applications():
            return self.render_to_response(self.get_context_data(reminder_error=self.not_theirs))
        return super().post(request, *args, **kwargs)

    @property
    def not_theirs(self):
        return _("Choose one of the communities you lead or are on the board of.")

    @property
    def remind(self):
        return self.request.POST.get("remind") == "1"

    def act(self):
        if self.community is None:  # and the page shows no buttons now
            raise ValidationError(self.not_theirs)
        ask_for_reminders(
            actor=self.request.user, round=self.round, community=self.community, remind=self.remind
        )
        return self.community

    def get_success_message(self, community):
        if self.remind:
            return _(
                "%(community)s will be reminded by email 14 and 3 days before the "
                "deadline and 3 days before the seminar."
            ) % {"community": community.name}
        return _("%(community)s will no longer be reminded of this round.") % {
            "community": community.name
        }

    def get_success_url(self, result):
        return reverse("grants:round-detail", args=[self.kwargs["slug"]])
