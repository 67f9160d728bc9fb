"""The community's application: start, edit the draft with its budget, attach, submit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from communities.roles import led_communities
from portal.downloads import ProtectedDownloadView
from portal.history import is_conflict
from portal.mixins import flash_validation_error

from .. import budget, services
from ..forms import (
    ApplicationForm,
    ApplicationStartForm,
    AttachmentForm,
    BudgetFormSet,
    InKindFormSet,
    filled_rows,
)
from ..models import Application, Attachment
from .base import ApplicationMixin, RoundMixin

BUDGET_KEYS = ("category", "description", "amount")
IN_KIND_KEYS = ("kind", "description", "value")


class ApplicationStartView(RoundMixin, View):
    """A community leader starts the community's application (a draft)."""

    permission_required = "grants.apply"
    permission_denied_message = gettext_lazy(
        "Community leaders apply while the round is open; the deadline may have passed."
    )

    def get(self, request, slug):
        return self._render(self._form())

    def post(self, request, slug):
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(form)
        try:
            application = services.start_application(
                actor=request.user, round=self.round, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self._render(form)
        messages.success(request, _("The draft is saved; fill in the application."))
        return redirect("grants:application-edit", slug=slug, pk=application.pk)

    def _form(self, data=None):
        return ApplicationStartForm(
            data, communities=led_communities(self.request.user, self.request.municipality)
        )

    def _render(self, form):
        return render(
            self.request, "grants/application_start.html", {"round": self.round, "form": form}
        )


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


class ApplicationEditView(ApplicationMixin, View):
    """Leaders and board edit the draft; the leader submits it. After the deadline nothing
    changes, and the page says so."""

    permission_required = "grants.change_application"

    def get_permission_denied_message(self):
        if self.round.deadline_passed:
            return _("The submission deadline has passed; the application no longer changes.")
        return _("Only the community's leaders and board edit a draft application.")

    def get(self, request, slug, pk):
        application = self.application
        rows = list(application.budget_lines.values(*BUDGET_KEYS))
        items = list(application.in_kind.values(*IN_KIND_KEYS))
        return self._render(
            ApplicationForm(
                instance=application,
                municipality=request.municipality,
                initial={"neighbourhoods": application.neighbourhoods.all()},
            ),
            BudgetFormSet(prefix="budget", initial=rows),
            InKindFormSet(prefix="in_kind", initial=items),
            saved=(rows, items),
        )

    def post(self, request, slug, pk):
        application = self.application
        form = ApplicationForm(
            request.POST, instance=application, municipality=request.municipality
        )
        lines = BudgetFormSet(request.POST, prefix="budget")
        in_kind = InKindFormSet(request.POST, prefix="in_kind")
        if not (form.is_valid() and lines.is_valid() and in_kind.is_valid()):
            return self._render(form, lines, in_kind)
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            saved = services.save_application(
                actor=request.user,
                application=application,
                expected_version=version,
                budget_lines=filled_rows(lines, BUDGET_KEYS),
                in_kind=filled_rows(in_kind, IN_KIND_KEYS),
                **data,
            )
            if request.POST.get("action") == "submit":
                services.submit_application(actor=request.user, application=saved)
                messages.success(request, _("The application is submitted."))
                return redirect(saved.get_absolute_url())
        except ValidationError as error:
            if getattr(error, "code", None) == "stale":
                messages.error(request, error.messages[0])
                return redirect("grants:application-edit", slug=slug, pk=pk)
            self._errors(error, form, lines, in_kind)
            return self._render(form, lines, in_kind)
        messages.success(request, _("The draft is saved."))
        return redirect("grants:application-edit", slug=slug, pk=pk)

    def _errors(self, error, form, lines, in_kind):
        if not hasattr(error, "error_dict"):
            form.add_error(None, error.messages)
            return
        for key, messages_ in error.message_dict.items():
            if key == "budget":
                lines._non_form_errors = lines.error_class(messages_)
            elif key == "in_kind":
                in_kind._non_form_errors = in_kind.error_class(messages_)
            else:
                form.add_error(key if key in form.fields else None, messages_)

    def _render(self, form, lines, in_kind, saved=None):
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
        return render(
            self.request,
            "grants/application_form.html",
            {
                "round": self.round,
                "application": self.application,
                "form": form,
                "budget_formset": lines,
                "in_kind_formset": in_kind,
                "totals": totals,
                "attachments": self.application.attachments.all(),
                "can_submit": self.request.user.has_perm(
                    "grants.submit_application", self.application
                ),
            },
        )


class ApplicationSubmitView(ApplicationMixin, View):
    permission_required = "grants.submit_application"
    permission_denied_message = gettext_lazy(
        "The community's leader submits the application, before the deadline."
    )

    def post(self, request, slug, pk):
        try:
            services.submit_application(actor=request.user, application=self.application)
        except ValidationError as error:
            flash_validation_error(request, error)
            if not is_conflict(error):
                return redirect("grants:application-edit", slug=slug, pk=pk)
        else:
            messages.success(request, _("The application is submitted."))
        return redirect(self.application.get_absolute_url())


class AttachmentAddView(ApplicationMixin, View):
    permission_required = "grants.change_application"

    def get(self, request, slug, pk):
        return self._render(AttachmentForm())

    def post(self, request, slug, pk):
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(form)
        try:
            services.add_attachment(
                actor=request.user, application=self.application, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self._render(form)
        messages.success(request, _("The file is attached."))
        return redirect("grants:application-edit", slug=slug, pk=pk)

    def _render(self, form):
        return render(
            self.request,
            "grants/attachment_form.html",
            {"round": self.round, "application": self.application, "form": form},
        )


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
