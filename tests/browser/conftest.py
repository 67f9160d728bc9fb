"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

Playwright is never allowed to download a browser: it launches /usr/bin/chromium, and a
missing chromium fails the tests (the CI installs it) rather than skipping them.

Playwright's sync API keeps an asyncio loop running in the test's thread, so Django's
ORM would refuse to work there (SynchronousOnlyOperation). For the tests of this folder
only, DJANGO_ALLOW_ASYNC_UNSAFE is set; the live server answers from its own thread.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.mfa import enable_totp, totp_code  # noqa: F401 - enable_totp is re-exported

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


def portal_url(live_server, host="portal.localhost"):
    """The live server by a municipality's host name (chromium resolves *.localhost).

    ``portal.localhost`` serves the default test municipality; plain ``localhost`` would be
    the national view.
    """
    return live_server.url.replace("://localhost", f"://{host}", 1)


@pytest.fixture(autouse=True)
def _allow_orm_beside_playwright(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def _links_to_the_live_server(request, settings):
    """Links to another host (the national view's) carry the live server's port, as those
    of ``make run`` carry 8000: PORTAL_SITE_PORT, never the request's port (portal.hosts)."""
    if "live_server" in request.fixturenames:
        port = request.getfixturevalue("live_server").url.rsplit(":", 1)[1]
        settings.PORTAL_SITE_PORT = port
        # Emails link to the municipality's primary host: the one chromium reaches here.
        from portal.models import MunicipalityHost

        MunicipalityHost.objects.filter(name="testserver").update(is_primary=False)
        MunicipalityHost.objects.filter(name="portal.localhost").update(is_primary=True)


@pytest.fixture
def browser(live_server, _allow_orm_beside_playwright):
    """Debian's chromium, headless, for one test (started after the live server)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install "
            "chromium). The browser tests never download a browser of their own.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(browser, live_server, request, tmp_path):
    """``new_page(bypass_csp=False, session_of=None, host=..., viewport=None)``: a page in a
    fresh context.

    ``session_of``: a user whose signed-in session the context starts with (no login form).
    ``host``: the municipality's host the relative addresses go to (``portal.localhost``
    serves the default test municipality).
    ``viewport``: ``{"width": ..., "height": ...}`` in CSS pixels (Playwright's 1280 × 720
    unless told).
    When the test fails, every page opened is saved as a screenshot in ``tmp_path``.
    """
    pages = []

    def make(*, bypass_csp=False, session_of=None, host="portal.localhost", viewport=None):
        options = {"viewport": viewport} if viewport else {}
        context = browser.new_context(
            base_url=portal_url(live_server, host),
            locale="lv-LV",
            bypass_csp=bypass_csp,
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        if session_of is not None:
            client = Client()
            client.force_login(session_of)
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": portal_url(live_server, host),
                    }
                ]
            )
        page = context.new_page()
        pages.append(page)
        return page

    yield make

    report = getattr(request.node, "report_call", None)
    for number, page in enumerate(pages, start=1):
        if report is not None and report.failed and not page.is_closed():
            path = tmp_path / f"failure-{number}.png"
            try:
                page.screenshot(path=str(path), full_page=True)
                print(f"Screenshot of {page.url}: {path}")
            except Exception as error:  # a screenshot is best effort
                print(f"No screenshot of page {number}: {error}")
        page.context.close()


# Helpers ------------------------------------------------------------------------------


def labelled(page, field_id):
    """The form control ``#field_id``, found through its ``<label>`` as a person would.

    The label's text is read from the page (so the test works in either language), then
    Playwright's ``get_by_label`` must resolve it to exactly that control.
    """
    label = page.locator(f"label[for='{field_id}']")
    assert label.count() == 1, f"#{field_id} has {label.count()} <label for> elements"
    text = " ".join(label.inner_text().split())
    assert text, f"the label of #{field_id} is empty"
    control = page.get_by_label(text, exact=True)
    assert control.count() >= 1, f"no control is named by the label {text!r}"
    ids = control.evaluate_all("els => els.map(el => el.id)")
    assert field_id in ids, f"the label {text!r} names {ids}, not #{field_id}"
    return page.locator(f"#{field_id}")


def sign_in(page, email, password, *, totp_secret=None):
    """Sign in through allauth's forms, entering the authenticator code when asked."""
    page.goto("/accounts/login/")
    labelled(page, "id_login").fill(email)
    password_field = labelled(page, "id_password")
    password_field.fill(password)
    password_field.press("Enter")
    if totp_secret is not None:
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        code = page.locator("#id_code")
        code.fill(totp_code(totp_secret))
        code.press("Enter")
    page.wait_for_url(lambda url: "/accounts/" not in url)
