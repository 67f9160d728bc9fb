"""The kit's two shapes of a changing page: a refusal by the service lands beside its field or on
the whole form with everything typed kept, or as an error message; success is said."""

import pytest
from django import forms
from django.contrib import messages
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.template import engines
from django.test import RequestFactory

from portal.views.service_forms import (
    ServiceActionView,
    ServiceFormView,
    add_service_error,
    add_service_error_on_formsets,
)


class NameForm(forms.Form):
    name = forms.CharField()
    note = forms.CharField(required=False)


def _request(method="post", data=None):
    request = getattr(RequestFactory(), method)("/x/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


class Made:
    def get_absolute_url(self):
        return "/made/"


class NameView(ServiceFormView):
    form_class = NameForm
    success_message = "Saved."
    error_field = "note"

    def __init__(self, refusal=None, **kwargs):
        super().__init__(**kwargs)
        self.refusal = refusal

    def save(self, data):
        self.saved = data
        if self.refusal:
            raise self.refusal
        return Made()

    def get_template_names(self):
        return []

    def render_to_response(self, context, **kwargs):
        self.shown = context["form"]
        template = engines["django"].from_string("{{ form.errors }}")
        from django.http import HttpResponse

        return HttpResponse(template.render(context), status=200)


def _post(refusal=None, data=None):
    view = NameView(refusal=refusal)
    request = _request(data=data or {"name": "Ozols", "note": "typed"})
    view.setup(request)
    response = view.dispatch(request)
    return view, request, response


def test_a_valid_form_goes_to_the_service_and_success_is_said():
    view, request, response = _post()
    assert view.saved == {"name": "Ozols", "note": "typed"}
    assert response.status_code == 302 and response["Location"] == "/made/"
    assert [str(m) for m in get_messages(request)] == ["Saved."]


@pytest.mark.parametrize(
    "refusal, where",
    [
        (ValidationError({"name": "Taken."}), "name"),
        (ValidationError({"other": "Elsewhere."}), "__all__"),
        (ValidationError("Too late."), "note"),  # the view's error_field
        (ValidationError("Someone else decided.", code="conflict"), "__all__"),
    ],
)
def test_a_refusal_lands_beside_its_field_and_keeps_what_was_typed(refusal, where):
    view, request, response = _post(refusal)
    assert response.status_code == 200
    assert list(view.shown.errors) == [where]
    assert view.shown["name"].value() == "Ozols" and view.shown["note"].value() == "typed"
    assert list(get_messages(request)) == []


def test_add_service_error_without_a_field_goes_on_the_whole_form():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    add_service_error(form, ValidationError("No."))
    assert form.non_field_errors() == ["No."]


class Button(ServiceActionView):
    confirm = True
    success_message = "Done."

    def __init__(self, refusal=None, **kwargs):
        super().__init__(**kwargs)
        self.refusal = refusal
        self.calls = 0

    def act(self):
        self.calls += 1
        if self.refusal:
            raise self.refusal
        return "result"

    def get_success_url(self, result):
        return "/back/" if result is None else "/done/"

    def get_confirm_context(self):
        return {"heading": "Remove?", "question": "Remove it?", "confirm_label": "Remove"}


def test_a_button_asks_first_then_acts_once(monkeypatch):
    shown = []
    monkeypatch.setattr(
        "portal.views.service_forms.render",
        lambda request, template, context: shown.append((template, context)) or "page",
    )
    view = Button()
    request = _request("get")
    view.setup(request)
    assert view.dispatch(request) == "page" and view.calls == 0
    assert shown == [("confirm.html", view.get_confirm_context())]

    request = _request()
    view.setup(request)
    response = view.dispatch(request)
    assert (response["Location"], view.calls) == ("/done/", 1)
    assert [str(m) for m in get_messages(request)] == ["Done."]


def test_a_refused_button_says_why_and_goes_back():
    view = Button(refusal=ValidationError(["Not now.", "Ask later."]))
    request = _request()
    view.setup(request)
    response = view.dispatch(request)
    assert response["Location"] == "/back/"
    assert [str(m) for m in get_messages(request)] == ["Not now.", "Ask later."]


def test_a_button_without_confirmation_is_post_only():
    view = Button()
    view.confirm = False
    request = _request("get")
    view.setup(request)
    refused = view.dispatch(request)
    assert refused.status_code == 405 and "GET" not in refused["Allow"]


class ReviewView(NameView):
    refusal_as_message = True

    def get_conflict_url(self):
        return "/decided/"

    def get_refused_url(self, error):
        return "/elsewhere/" if error.code == "elsewhere" else None


def _review(refusal):
    view = ReviewView(refusal=refusal)
    request = _request(data={"name": "Ozols", "note": "typed"})
    view.setup(request)
    return view, request, view.dispatch(request)


def test_a_conflict_goes_to_the_page_that_shows_what_was_decided():
    view, request, response = _review(ValidationError("Decided by someone.", code="conflict"))
    assert response["Location"] == "/decided/"
    assert [str(m) for m in get_messages(request)] == ["Decided by someone."]


def test_a_refusal_as_a_message_shows_the_form_again_or_goes_where_the_view_says():
    view, request, response = _review(ValidationError("Not yet.", code="early"))
    assert response.status_code == 200 and not view.shown.errors
    assert view.shown["note"].value() == "typed"
    assert [str(m) for m in get_messages(request)] == ["Not yet."]
    view, request, response = _review(ValidationError("Go.", code="elsewhere"))
    assert response["Location"] == "/elsewhere/"
    assert [str(m) for m in get_messages(request)] == ["Go."]


def test_a_refusal_about_a_formset_lands_above_its_rows():
    rows = forms.formset_factory(NameForm, extra=0)(
        {"r-TOTAL_FORMS": "0", "r-INITIAL_FORMS": "0"}, prefix="r"
    )
    form = NameForm({"name": "x"})
    assert form.is_valid() and rows.is_valid()
    error = ValidationError({"rows": "Too many.", "name": "Taken.", "other": "Elsewhere."})
    add_service_error_on_formsets(form, error, {"rows": rows})
    assert rows.non_form_errors() == ["Too many."]
    assert form.errors == {"name": ["Taken."], "__all__": ["Elsewhere."]}
    plain = NameForm({"name": "x"})
    assert plain.is_valid()
    add_service_error_on_formsets(plain, ValidationError("No."), {"rows": rows})
    assert plain.non_field_errors() == ["No."]


class StalePage(NameView):
    def form_refused(self, form, error):
        if error.code == "stale":
            return "fresh page"
        return super().form_refused(form, error)


def test_a_page_may_answer_a_refusal_otherwise():
    view = StalePage(refusal=ValidationError("Changed meanwhile.", code="stale"))
    request = _request(data={"name": "Ozols"})
    view.setup(request)
    assert view.dispatch(request) == "fresh page"


class ConflictButton(Button):
    def get_refused_url(self, error):
        return "/elsewhere/" if error.code == "conflict" else super().get_refused_url(error)


@pytest.mark.parametrize("code, back", [("conflict", "/elsewhere/"), (None, "/back/")])
def test_a_refused_button_may_go_back_elsewhere(code, back):
    view = ConflictButton(refusal=ValidationError("Someone else decided.", code=code))
    request = _request()
    view.setup(request)
    assert view.dispatch(request)["Location"] == back


class RowsView(NameView):
    form_class = forms.formset_factory(NameForm, extra=0)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "prefix": "r"}


def test_a_formset_as_the_form_gives_its_rows_and_keeps_them_on_a_refusal():
    rows = {"r-TOTAL_FORMS": "1", "r-INITIAL_FORMS": "0", "r-0-name": "Ozols", "r-0-note": ""}
    view = RowsView()
    request = _request(data=rows)
    view.setup(request)
    assert view.dispatch(request)["Location"] == "/made/"
    assert view.saved == [{"name": "Ozols", "note": ""}]

    view = RowsView(refusal=ValidationError({"name": "Taken.", "other": "Too many."}))
    request = _request(data=rows)
    view.setup(request)
    assert view.dispatch(request).status_code == 200
    assert view.shown.non_form_errors() == ["Taken.", "Too many."]
    assert view.shown.forms[0]["name"].value() == "Ozols"


class KeepingView(NameView):
    """A page whose success is the form again (a draft kept of an incomplete submission)."""

    def form_saved(self, form, result):
        messages.warning(self.request, "Kept.")
        return self.form_invalid(form)


def test_a_view_may_answer_a_successful_save_with_the_form_again():
    view = KeepingView()
    request = _request(data={"name": "Ozols", "note": "typed"})
    view.setup(request)
    response = view.dispatch(request)
    assert response.status_code == 200 and view.saved == {"name": "Ozols", "note": "typed"}
    assert view.shown["note"].value() == "typed"
    assert [str(m) for m in get_messages(request)] == ["Kept."]


class OwnConfirmation(Button):
    confirm = False

    def get(self, request, *args, **kwargs):
        return "its own page"


def test_a_button_with_a_confirmation_page_of_its_own_says_it_answers_get():
    view = OwnConfirmation()
    request = _request("post")
    view.setup(request)
    assert "GET" in view._allowed_methods()
