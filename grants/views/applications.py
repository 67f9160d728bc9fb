"""The community's application: start, edit the draft with its budget, attach, submit."""

from django.contrib import messages
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from communities.roles import led_communities
from portal.downloads import ProtectedDownloadView
from portal.history import is_conflict
from portal.views.service_forms import (
    ServiceActionView,
    ServiceFormView,
    add_service_error_on_formsets,
)

from .. import budget
from ..forms.applications import (
    ApplicationForm,
    ApplicationStartForm,
    AttachmentForm,
    BudgetFormSet,
    InKindFormSet,
)
from ..forms.base import filled_rows
from ..models import Application, Attachment
from ..services.applications import (
    add_attachment,
    save_application,
    start_application,
    submit_application,
)
from .base import ApplicationMixin, RoundMixin

BUDGET_KEYS = ("category", "description", "amount")
IN_KIND_KEYS = ("kind", "description", "value")


class ApplicationStartView(RoundMixin, ServiceFormView):
    """A community leader starts the community's application (a draft)."""

    permission_required = "grants.apply"
    permission_denied_message = gettext_lazy(
        "Community leaders apply while the round is open; the deadline may have passed."
    )
    template_name = "grants/application_start.html"
    form_class = ApplicationStartForm
    success_message = gettext_lazy("The draft is saved; fill in the application.")

    def get_form_kwargs(self):
        communities = led_communities(self.request.user, self.request.municipality)
        return {**super().get_form_kwargs(), "communities": communities}

    def save(self, data):
        return start_application(actor=self.request.user, round=self.round, **data)

    def get_success_url(self, result=None):
        return reverse("grants:application-edit", args=[self.round.slug, result.pk])


def _has_rows(relation):
    """Whether the application has rows of ``relation`` (a reverse foreign key or a
    many-to-many field of ``Application``), as an ``EXISTS`` in the application's own query:
    a written fragment, nothing for Django to compile (the same SQL on SQLite and
    PostgreSQL)."""
    quote = connection.ops.quote_name
    field = Application._meta.get_field(relation)
    if field.many_to_many:
        table, column = field.m2m_db_table(), field.m2m_column_name()
    else:
        table, column = field.related_model._meta.db_table, field.field.column
    application = f"{quote(Application._meta.db_table)}.{quote(Application._meta.pk.column)}"
    return RawSQL(
        f"EXISTS (SELECT 1 FROM {quote(table)} WHERE {quote(column)} = {application})",
        (),
        output_field=BooleanField(),
    )


# The page's lists, each read only when the application has any of it.
LISTS = ("budget_lines", "in_kind", "attachments", "neighbourhoods", "status_changes")


class ApplicationDetailView(ApplicationMixin, TemplateView):
    """An application for its community's leaders and board, and for staff."""

    permission_required = "grants.view_application"
    template_name = "grants/application_detail.html"
    application_related = ("community",)

    @property
    def application_annotations(self):
        return {f"has_{relation}": _has_rows(relation) for relation in LISTS}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        # Lists, loaded here, and only those the application has; ordered by key alone (the
        # models' ordering by application would join the application again).
        has = {relation: getattr(application, f"has_{relation}") for relation in LISTS}
        context.update(
            page_title=application.title,
            budget_lines=(
                list(application.budget_lines.order_by("pk")) if has["budget_lines"] else []
            ),
            in_kind=list(application.in_kind.order_by("pk")) if has["in_kind"] else [],
            attachments=(
                list(application.attachments.order_by("pk").only("application", "title"))
                if has["attachments"]
                else []
            ),
            neighbourhoods=(
                list(application.neighbourhoods.only("name")) if has["neighbourhoods"] else []
            ),
            history=(
                list(application.status_changes.select_related("actor"))
                if has["status_changes"]
                else []
            ),
            # Reports are due only of awarded projects (``create_reports``; "awarded" is final).
            reports=(
                list(application.reports.order_by("due_on", "pk")) if application.is_awarded else []
            ),
        )
        return context


class ApplicationEditView(ApplicationMixin, ServiceFormView):
    """Leaders and board edit the draft; the leader submits it. After the deadline nothing
    changes, and the page says so. Someone else's save since the form was opened sends the
    person back to the fresh version, with the message."""

    permission_required = "grants.change_application"
    template_name = "grants/application_form.html"
    form_class = ApplicationForm

    def get_permission_denied_message(self):
        if self.round.deadline_passed:
            return _("The submission deadline has passed; the application no longer changes.")
        return _("Only the community's leaders and board edit a draft application.")

    def get_form_kwargs(self):
        kwargs = {
            **super().get_form_kwargs(),
            "instance": self.application,
            "municipality": self.request.municipality,
        }
        if self.request.method != "POST":
            kwargs["initial"] = {"neighbourhoods": self.application.neighbourhoods.all()}
        return kwargs

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        self.lines = BudgetFormSet(request.POST, prefix="budget")
        self.in_kind = InKindFormSet(request.POST, prefix="in_kind")
        if form.is_valid() and self.lines.is_valid() and self.in_kind.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def save(self, data):
        version = data.pop("version", None)
        saved = save_application(
            actor=self.request.user,
            application=self.application,
            expected_version=version,
            budget_lines=filled_rows(self.lines, BUDGET_KEYS),
            in_kind=filled_rows(self.in_kind, IN_KIND_KEYS),
            **data,
        )
        self.submitted = self.request.POST.get("action") == "submit"
        if self.submitted:
            submit_application(actor=self.request.user, application=saved)
        return saved

    def form_refused(self, form, error):
        if getattr(error, "code", None) == "stale":
            messages.error(self.request, error.messages[0])
            return redirect(self._edit_url())
        return super().form_refused(form, error)

    def place_error(self, form, error):
        formsets = {"budget": self.lines, "in_kind": self.in_kind}
        add_service_error_on_formsets(form, error, formsets, field=self.error_field)

    def get_success_message(self, result):
        if self.submitted:
            return _("The application is submitted.")
        return _("The draft is saved.")

    def get_success_url(self, result=None):
        return result.get_absolute_url() if self.submitted else self._edit_url()

    def _edit_url(self):
        return reverse("grants:application-edit", args=[self.kwargs["slug"], self.kwargs["pk"]])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.method == "POST":
            lines, in_kind, saved = self.lines, self.in_kind, None
        else:
            rows = list(self.application.budget_lines.values(*BUDGET_KEYS))
            items = list(self.application.in_kind.values(*IN_KIND_KEYS))
            lines = BudgetFormSet(prefix="budget", initial=rows)
            in_kind = InKindFormSet(prefix="in_kind", initial=items)
            saved = (rows, items)
        context.update(self._page(context["form"], lines, in_kind, saved))
        return context

    def _page(self, form, lines, in_kind, saved=None):
        """``saved``: the budget lines and in-kind rows as stored, when already read."""
        if lines.is_bound and lines.is_valid():
            rows = filled_rows(lines, BUDGET_KEYS)
        else:
            rows = saved[0] if saved else list(self.application.budget_lines.values(*BUDGET_KEYS))
        if in_kind.is_bound and in_kind.is_valid():
            items = filled_rows(in_kind, IN_KIND_KEYS)
        else:
            items = saved[1] if saved else list(self.application.in_kind.values(*IN_KIND_KEYS))
        own = (
            form.cleaned_data.get("own_contribution")
            if form.is_bound and form.is_valid()
            else self.application.own_contribution
        ) or 0
        totals = budget.compute(rows, items, own)
        return {
            "round": self.round,
            "application": self.application,
            "form": form,
            "budget_formset": lines,
            "in_kind_formset": in_kind,
            "totals": totals,
            "attachments": self.application.attachments.all(),
            "can_submit": self.request.user.has_perm("grants.submit_application", self.application),
        }


class ApplicationSubmitView(ApplicationMixin, ServiceActionView):
    """The leader submits the application; a refusal goes back to the form (a conflict, to
    the application's page)."""

    permission_required = "grants.submit_application"
    permission_denied_message = gettext_lazy(
        "The community's leader submits the application, before the deadline."
    )
    success_message = gettext_lazy("The application is submitted.")

    def act(self):
        return submit_application(actor=self.request.user, application=self.application)

    def get_success_url(self, result):
        return self.application.get_absolute_url()

    def get_refused_url(self, error):
        if is_conflict(error):
            return self.application.get_absolute_url()
        return reverse("grants:application-edit", args=[self.kwargs["slug"], self.kwargs["pk"]])


class AttachmentAddView(ApplicationMixin, ServiceFormView):
    permission_required = "grants.change_application"
    template_name = "grants/attachment_form.html"
    form_class = AttachmentForm
    success_message = gettext_lazy("The file is attached.")

    def save(self, data):
        return add_attachment(actor=self.request.user, application=self.application, **data)

    def get_success_url(self, result=None):
        return reverse("grants:application-edit", args=[self.kwargs["slug"], self.kwargs["pk"]])


class AttachmentDownloadView(ProtectedDownloadView):
    """An application's attachment: the community's leaders and board, staff, evaluators."""

    permission_required = "grants.view_application"
    model = Attachment
    file_field = "file"

    def dispatch(self, request, *args, **kwargs):
        # Those who may not see the application do not learn that the file exists.
        if not request.user.has_perm("grants.view_application", self.object.application):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.object.application

    def get_object(self):
        rows = Attachment.objects.of(self.request.municipality).select_related(
            "application__round", "application__community"
        )
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get_download_stem(self):
        return self.object.title
