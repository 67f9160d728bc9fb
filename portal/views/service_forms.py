"""The two shapes of a page that changes something: a form whose data goes to one service, and
a button that calls one. Every app's changing pages are one of them, so a refusal by a service
(a ``ValidationError``) is handled in one place: beside the field it is about, or on the whole
form, with everything typed kept (``ServiceFormView``); or as an error message on the page the
button returns to (``ServiceActionView``).

A service decides; a view only asks it. See docs/architecture.md, "A request".
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.formsets import BaseFormSet
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import FormView

from ..history import is_conflict
from ..mixins import flash_validation_error


def add_service_error(form, error: ValidationError, *, field=None):
    """Put a service's refusal on ``form``: each message of an error dict on its field when the
    form has it (else on the whole form); a plain error on ``field`` (the whole form when
    ``None``). A conflict (someone else decided first) always goes on the whole form. On a
    formset, every message goes on its own errors (above its rows)."""
    if isinstance(form, BaseFormSet):
        form._non_form_errors.extend(error.messages)
        return
    if hasattr(error, "error_dict"):
        for key, field_messages in error.message_dict.items():
            known = key != NON_FIELD_ERRORS and key in form.fields
            form.add_error(key if known else None, field_messages)
        return
    form.add_error(None if is_conflict(error) or field not in form.fields else field, error)


def add_service_error_on_formsets(form, error: ValidationError, formsets, *, field=None):
    """As ``add_service_error``, on a page whose form has formsets beside it: each key of an
    error dict that names one of ``formsets`` (``{key: formset}``) goes on that formset's own
    errors (above its rows); the rest as ``add_service_error`` puts it."""
    if not hasattr(error, "error_dict"):
        add_service_error(form, error, field=field)
        return
    rest = {}
    for key, field_messages in error.message_dict.items():
        if key in formsets:
            formsets[key]._non_form_errors = formsets[key].error_class(field_messages)
        else:
            rest[key] = field_messages
    if rest:
        add_service_error(form, ValidationError(rest), field=field)


class ServiceFormView(FormView):
    """GET shows the form; POST validates it and hands a copy of ``cleaned_data`` to ``save``
    (a list of rows when the form is a formset), which calls the service and returns what it
    made or changed. A refusal comes back beside its field (``error_field`` for a plain one)
    with the form as typed (``form_refused``, ``place_error``); success says
    ``get_success_message(result)`` and goes to ``get_success_url(result)`` (the result's own
    page by default; ``form_saved``)."""

    success_message = ""
    heading = ""
    error_field = None  # where a service's plain refusal goes (None: the whole form)
    # A decision taken from a page that shows much more than the form (a review page): its
    # refusal is said as an error message above the page rather than beside a field.
    refusal_as_message = False

    def save(self, data):
        raise NotImplementedError(f"{type(self).__name__}.save(data) calls the service")

    def form_valid(self, form):
        self.form = form  # for a ``save`` that needs the files or formsets of the form
        try:
            data = form.cleaned_data
            result = self.save(list(data) if isinstance(form, BaseFormSet) else dict(data))
        except ValidationError as error:
            return self.form_refused(form, error)
        return self.form_saved(form, result)

    def form_saved(self, form, result):
        """The answer to a successful ``save``: ``get_success_message(result)``, then
        ``get_success_url(result)``. A page that keeps part of a form it cannot accept whole
        (a draft of an incomplete submission) answers with the form again instead."""
        message = self.get_success_message(result)
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url(result))

    def form_refused(self, form, error):
        """The answer to a service's refusal. Someone else decided first (a conflict) and
        ``get_conflict_url()`` names a page: the message, then that page, which shows what
        they decided. ``refusal_as_message``: the message, then ``get_refused_url(error)`` or
        the form again. Otherwise the refusal beside its field, the form as typed."""
        conflict_url = self.get_conflict_url() if is_conflict(error) else None
        if conflict_url:
            flash_validation_error(self.request, error)
            return redirect(conflict_url)
        if self.refusal_as_message:
            flash_validation_error(self.request, error)
            url = self.get_refused_url(error)
            return redirect(url) if url else self.form_invalid(form)
        self.place_error(form, error)
        return self.form_invalid(form)

    def get_conflict_url(self):
        """Where a conflict goes (``None``: beside the form like any refusal)."""
        return None

    def get_refused_url(self, error):
        """With ``refusal_as_message``: where a refusal goes (``None``: the form again)."""
        return None

    def place_error(self, form, error):
        """Where a refusal goes: on ``form`` by default; a page with formsets beside the form
        puts their keys of an error dict on them (``add_service_error_on_formsets``)."""
        add_service_error(form, error, field=self.error_field)

    def get_success_message(self, result):
        return self.success_message

    def get_success_url(self, result=None):
        return result.get_absolute_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": self.heading}


class ServiceActionView(View):
    """A button that calls one service. POST calls ``act()``; a refusal is flashed as an error
    and nothing changes; success says ``get_success_message(result)``. Both go to
    ``get_success_url(result)`` (``result`` is ``None`` after a refusal).

    With ``confirm = True``, GET shows ``confirm.html`` with ``get_confirm_context()`` (heading,
    question, confirm_label, back_url, back_label, calm): a destructive action is asked
    first. Without it the button is POST only."""

    confirm = False
    success_message = ""

    def _allowed_methods(self):
        allowed = super()._allowed_methods()
        answers_get = self.confirm or type(self).get is not ServiceActionView.get
        return allowed if answers_get else [m for m in allowed if m not in ("GET", "HEAD")]

    def get(self, request, *args, **kwargs):
        if not self.confirm:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return render(request, "confirm.html", self.get_confirm_context())

    def post(self, request, *args, **kwargs):
        try:
            result = self.act()
        except ValidationError as error:
            flash_validation_error(request, error)
            return redirect(self.get_refused_url(error))
        message = self.get_success_message(result)
        if message:
            messages.success(request, message)
        return redirect(self.get_success_url(result))

    def act(self):
        raise NotImplementedError(f"{type(self).__name__}.act() calls the service")

    def get_success_message(self, result):
        return self.success_message

    def get_success_url(self, result):
        raise NotImplementedError(f"{type(self).__name__}.get_success_url(result)")

    def get_refused_url(self, error):
        """Where a refusal goes back to: ``get_success_url(None)`` unless the error tells
        otherwise (a conflict: someone else decided first)."""
        return self.get_success_url(None)

    def get_confirm_context(self):
        raise NotImplementedError(f"{type(self).__name__}.get_confirm_context()")
