"""Pages reflow on a phone, and the controls of the account pages are big enough to hit.

WCAG 1.4.10 (reflow): at 320 CSS pixels wide no page of tests/page_tour.py scrolls
sideways; tables become stacked rows, long words and addresses wrap, the header wraps.
(The same pages are checked at 1280 px too: a long word must not widen a table there.)
WCAG 2.5.8 (target size, minimum): every input, button and checkbox of the sign-in and
sign-up pages is at least 24 × 24 CSS pixels.
"""

import pytest

from tests.browser.test_accessibility import BLOCKING, axe_source, describe, run_axe  # noqa: F401
from tests.page_tour import ROLES, build_world, tour

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 720}
MIN_TARGET = 24

# What sticks out on the right: the elements wider than the window whose own children fit
# (where the problem is), the widest one, and each one's size.
OVERFLOW_JS = """
() => {
  const width = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= width) return null;
  const visibleWidth = (el) => (getComputedStyle(el).overflowX === "visible"
    ? el.scrollWidth : el.getBoundingClientRect().width);
  const describe = (el) => {
    const rect = el.getBoundingClientRect();
    let name = el.tagName.toLowerCase();
    if (el.id) name += `#${el.id}`;
    for (const cls of el.classList) name += `.${cls}`;
    const text = (el.textContent || "").replace(/\\s+/g, " ").trim().slice(0, 60);
    const right = Math.round(Math.max(rect.right, rect.left + visibleWidth(el)));
    return `<${name}> ${Math.round(rect.left)}–${right} px "${text}"`;
  };
  const sticking = [];
  for (const el of document.body.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    // The box itself, or text that overflows it (a long word in a narrow box).
    const right = Math.max(rect.right, rect.left + visibleWidth(el));
    if (rect.width > 0 && right > width + 0.5) sticking.push(el);
  }
  const inside = (el) => sticking.some((other) => other !== el && el.contains(other));
  const culprits = sticking.filter((el) => !inside(el));
  const size = (el) => el.getBoundingClientRect().width;
  const widest = sticking.reduce((best, el) => (!best || size(el) > size(best) ? el : best), null);
  return {
    scrollWidth,
    width,
    widest: widest ? describe(widest) : "(no element: a margin or a pseudo-element)",
    culprits: culprits.slice(0, 5).map(describe),
  };
}
"""

# Every visible input, button, select and textarea, with its size.
TARGETS_JS = """
() => Array.from(document.querySelectorAll("input:not([type=hidden]), button, select, textarea"))
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .filter((el) => !el.closest(".visually-hidden"))
  .map((el) => {
    const rect = el.getBoundingClientRect();
    const name = el.id || el.name || (el.textContent || "").trim().slice(0, 30);
    return {what: `${el.tagName.toLowerCase()}[${el.type || ""}] ${name}`,
            width: rect.width, height: rect.height};
  })
"""


def open_tour_page(page, tour_page):
    """Open a page of the tour; a ``post`` page is reached by submitting its form."""
    page.goto(tour_page.path)
    if tour_page.post is None:
        return
    submit = None
    for name, value in tour_page.post.items():
        button = page.locator(f"main button[name='{name}'][value='{value}']")
        if button.count():
            submit = button
        else:
            page.locator(f"main input[name='{name}'][value='{value}']").check()
    assert submit is not None, f"{tour_page.name}: no button to submit {tour_page.post}"
    submit.click()
    page.wait_for_load_state()


def test_no_page_scrolls_sideways_at_320_css_pixels(new_page, axe_source):  # noqa: F811
    """Every page of the tour at 320 px (a phone, or 1280 px zoomed to 400 %), then at 1280.

    Each page is loaded once at 320 px and then widened to 1280 px in place (a resize lays
    the page out again, as a reload would). At 320 px axe-core checks the pages with
    stacked tables too: they must stay accessible.
    """
    world = build_world()
    pages = {}
    problems = []
    violations = []
    for tour_page in tour(world):
        key = (tour_page.role, tour_page.host)
        if key not in pages:
            assert tour_page.role in ROLES
            pages[key] = new_page(
                session_of=world["people"][tour_page.role],
                host=tour_page.host,
                bypass_csp=True,  # for axe-core
            )
        page = pages[key]
        page.set_viewport_size(PHONE)
        open_tour_page(page, tour_page)
        assert page.locator("main h1").count() == 1, f"{tour_page.name}: no page heading"
        for viewport in (PHONE, DESKTOP):
            if viewport is DESKTOP:
                page.set_viewport_size(DESKTOP)
            found = page.evaluate(OVERFLOW_JS)
            if found:
                problems.append(
                    f"{tour_page.name} ({tour_page.role}, {tour_page.path}) is "
                    f"{found['scrollWidth']} px wide in a {found['width']} px window; "
                    f"widest: {found['widest']}\n      sticking out: "
                    + "\n                    ".join(found["culprits"])
                )
            if viewport is PHONE and page.locator("table.stack-on-narrow").count():
                results = run_axe(page, axe_source)["violations"]
                where = f"{tour_page.name} at 320 px"
                violations.extend(describe(where, [v for v in results if v["impact"] in BLOCKING]))
    assert not problems, "pages scroll sideways:\n" + "\n".join(problems)
    assert not violations, "axe-core found serious or critical violations:\n" + "\n".join(
        violations
    )


def test_controls_of_sign_in_and_sign_up_are_at_least_24_css_pixels(new_page):
    page = new_page(viewport=PHONE)
    problems = []
    checked = 0
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        for path in ("/accounts/login/", "/accounts/signup/"):
            page.goto(path)
            for control in page.evaluate(TARGETS_JS):
                checked += 1
                if control["width"] < MIN_TARGET or control["height"] < MIN_TARGET:
                    problems.append(
                        f"{path} at {viewport['width']} px: {control['what']} is "
                        f"{control['width']:.1f} × {control['height']:.1f} px"
                    )
    assert checked >= 4 * 6, f"too few controls found ({checked})"
    assert not problems, f"controls smaller than {MIN_TARGET} × {MIN_TARGET} CSS px:\n" + (
        "\n".join(problems)
    )
