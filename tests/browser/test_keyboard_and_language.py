"""Keyboard use and the language switcher, in a real browser."""

import pytest

from communities.models import Community
from tests.communities.factories import CommunityFactory

pytestmark = pytest.mark.browser


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(new_page):
    page = new_page()
    page.goto("/lv/communities/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.locator(".skip-link").is_visible()  # visible while it has the focus

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_registry_filters_can_be_used_with_the_keyboard_alone(new_page):
    CommunityFactory(name="Ozolu kopiena", status=Community.Status.ACTIVE)
    CommunityFactory(name="Liepu kopiena", status=Community.Status.ACTIVE)
    page = new_page()
    page.goto("/lv/communities/")
    htmx_requests = []
    page.on("request", lambda request: htmx_requests.append(request.headers.get("hx-request")))

    page.locator("#id_q").focus()
    page.keyboard.type("Ozol")
    page.keyboard.press("Enter")

    page.wait_for_url("**/lv/communities/?q=Ozol*")
    cards = page.locator("#results .card h2")
    cards.first.wait_for()
    assert cards.all_inner_texts() == ["Ozolu kopiena"]
    # The results were swapped in by htmx (its data-hx-* attributes), not a new page load.
    assert "true" in htmx_requests, "the filter form did not use htmx"


def test_the_language_switcher_keeps_the_page_and_its_filters(new_page):
    CommunityFactory(name="Ozolu kopiena", status=Community.Status.ACTIVE)
    page = new_page()
    page.goto("/lv/communities/?q=Ozol")
    assert page.locator("html").get_attribute("lang") == "lv"

    page.locator(".language-switcher button[value=en]").click()

    page.wait_for_url("**/en/communities/?q=Ozol")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".language-switcher button[value=en]").get_attribute("aria-current")
    assert page.locator("#results .card h2").all_inner_texts() == ["Ozolu kopiena"]
