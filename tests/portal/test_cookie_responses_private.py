"""Anonymous answers that set a cookie are ``Cache-Control: private`` (issue 25, item 11): a
shared cache never keeps one person's CSRF token, session or message for the next."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.cache import patch_cache_control

from portal.middleware import CookieResponsesPrivateMiddleware

pytestmark = pytest.mark.django_db


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_a_page_that_sets_the_csrf_cookie_is_private(client):
    """Django sends the CSRF cookie again with every page whose form uses it."""
    for _ in range(2):
        page = client.get("/lv/communities/")
        assert page.status_code == 200
        assert "csrftoken" in page.cookies
        assert "private" in directives(page)


def test_an_answer_that_sets_no_cookie_is_not_made_private(client):
    response = client.get("/lv/profile/")  # to the sign-in page: no form, no cookie
    assert response.status_code == 302
    assert not response.cookies
    assert "private" not in directives(response)


def test_a_redirect_that_sets_a_cookie_is_private(client):
    """Choosing the language: a redirect with the language cookie, no session."""
    client.get("/accounts/login/")  # the CSRF cookie is known from here on
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    assert response.status_code == 302
    assert response.cookies
    assert "private" in directives(response)


def test_a_public_answer_that_sets_a_cookie_becomes_private():
    def view(request):
        response = HttpResponse("ok")
        patch_cache_control(response, public=True, max_age=300)
        response.set_cookie("messages", "hello")
        return response

    response = CookieResponsesPrivateMiddleware(view)(RequestFactory().get("/"))
    assert "private" in directives(response)
    assert "public" not in directives(response)


def test_an_answer_without_cookies_is_left_alone():
    def view(request):
        response = HttpResponse("ok")
        patch_cache_control(response, public=True, max_age=300)
        return response

    response = CookieResponsesPrivateMiddleware(view)(RequestFactory().get("/"))
    assert directives(response) == {"public", "max-age=300"}
