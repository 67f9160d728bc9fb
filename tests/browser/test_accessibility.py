"""axe-core on the main pages: no "serious" or "critical" WCAG 2.1 A/AA violations.

axe comes from npm (node_modules/axe-core); it is evaluated in the page, so the browser
context bypasses the site's Content-Security-Policy for it.
"""

from pathlib import Path

import pytest
from django.conf import settings

from communities.models import Community
from portal.outbox.tokens import make_token
from tests.communities.factories import CommunityFactory
from tests.mfa import enable_totp
from tests.portal.factories import NeighbourhoodFactory, UserFactory, failed_message

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    }
}
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (package.json installs axe-core).")
    return AXE.read_text(encoding="utf-8")


def run_axe(page, axe_source):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)


def describe(where, violations):
    lines = []
    for violation in violations:
        lines.append(f"{where}: [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = " ".join(node.get("failureSummary", "").split())
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return lines


def test_main_pages_have_no_serious_axe_violations(new_page, axe_source):
    neighbourhood = NeighbourhoodFactory()
    NeighbourhoodFactory()  # one without a community: listed on the home page
    CommunityFactory(name="Dārzciema kaimiņi", neighbourhoods=[neighbourhood])
    CommunityFactory(
        name="Mežaparka biedrība",
        status=Community.Status.SUBMITTED,
        legal_form=Community.LegalForm.ASSOCIATION,
        register_number="40008123456",
        neighbourhoods=[neighbourhood],
    )
    resident = UserFactory()
    staff = UserFactory(is_municipal_staff=True)
    enable_totp(staff)  # staff without an authenticator are sent to set one up

    found = []
    checked = []

    def check(page, where):
        assert page.locator("main h1").count() == 1, f"{where}: no page heading ({page.url})"
        results = run_axe(page, axe_source)
        checked.append(f"{where}: {len(results['passes'])} rules passed")
        found.extend(describe(where, [v for v in results["violations"] if v["impact"] in BLOCKING]))

    anonymous = new_page(bypass_csp=True)
    anonymous.goto("/lv/")
    check(anonymous, "home /lv/")
    anonymous.goto("/lv/communities/")
    assert anonymous.locator("#results .card").count() == 1
    check(anonymous, "registry /lv/communities/")

    resident_page = new_page(bypass_csp=True, session_of=resident)
    resident_page.goto("/lv/communities/register/")
    assert resident_page.url.endswith("/lv/communities/register/"), resident_page.url
    check(resident_page, "registration form")
    resident_page.locator("#id_legal_form_1").check()
    resident_page.locator("button[name=action][value=submit]").click()
    resident_page.locator(".error-summary").wait_for()
    check(resident_page, "registration form with errors")

    staff_page = new_page(bypass_csp=True, session_of=staff)
    staff_page.goto("/lv/communities/verification/")
    assert staff_page.url.endswith("/lv/communities/verification/"), staff_page.url
    assert staff_page.locator("main table tbody tr").count() == 1
    check(staff_page, "verification queue")
    staff_page.goto("/lv/dashboard/")
    assert staff_page.locator("main svg.chart__svg").count() >= 1
    check(staff_page, "staff dashboard")

    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(found)
    assert len(checked) == 6, checked


def test_community_territory_and_account_pages_have_no_serious_axe_violations(new_page, axe_source):
    from communities.models import Membership
    from tests.communities.factories import EventFactory, MembershipFactory

    neighbourhood = NeighbourhoodFactory()
    community = CommunityFactory(name="Upes kaimiņi", neighbourhoods=[neighbourhood])
    submitted = CommunityFactory(name="Jaunā kopiena", status=Community.Status.SUBMITTED)
    EventFactory(community=community)
    leader = UserFactory()
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    MembershipFactory(community=community, status=Membership.Status.PENDING)
    staff = UserFactory(is_municipal_staff=True)
    enable_totp(staff)

    found = []

    def check(page, url):
        page.goto(url)
        assert page.locator("main h1").count() == 1, f"{url}: no single page heading"
        results = run_axe(page, axe_source)
        found.extend(describe(url, [v for v in results["violations"] if v["impact"] in BLOCKING]))

    anonymous = new_page(bypass_csp=True)
    for url in [
        "/lv/territories/",
        neighbourhood.get_absolute_url(),
        community.get_absolute_url(),
        "/lv/accessibility/",
        "/accounts/login/",
        "/accounts/signup/",
        "/en/communities/",
    ]:
        check(anonymous, url)
    leader_page = new_page(bypass_csp=True, session_of=leader)
    for path in ["", "members/", "edit/", "events/add/"]:
        check(leader_page, f"/lv/communities/{community.slug}/{path}")
    check(leader_page, "/lv/communities/mine/")
    check(leader_page, "/lv/profile/")
    check(leader_page, "/lv/profile/notifications/")
    staff_page = new_page(bypass_csp=True, session_of=staff)
    check(staff_page, f"/lv/communities/{submitted.slug}/review/")
    failed_message(user=leader)
    check(staff_page, "/lv/notifications/log/")
    token = make_token(leader.pk, "membership-decided")
    check(anonymous, f"/lv/notifications/unsubscribe/{token}/")

    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(found)


# What axe only lists as "incomplete": is each message tied to its field? -------------

FIELD_ERRORS_JS = """
() => {
  const problems = [];
  const text = (el) => el.textContent.replace(/\\s+/g, " ").trim();
  for (const group of document.querySelectorAll(".field--error")) {
    const fieldset = group.querySelector("fieldset");
    const control = fieldset
      || document.getElementById(group.querySelector("label[for]").htmlFor);
    const name = fieldset ? fieldset.querySelector("[name]").name : control.name;
    const refs = (control.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
    const missing = refs.filter((id) => !document.getElementById(id));
    if (missing.length) {
      problems.push(`${name}: aria-describedby refers to missing id(s) ${missing.join(", ")}`);
    }
    const described = refs.map((id) => document.getElementById(id)).filter(Boolean)
      .map(text).join(" ");
    for (const error of group.querySelectorAll(".error-message")) {
      const message = text(error.lastChild);
      if (!described.includes(message)) {
        problems.push(`${name}: the message "${message}" is not in the description`
          + ` screen readers announce with the ${fieldset ? "fieldset" : "field"}`
          + ` (aria-describedby="${refs.join(" ")}")`);
      }
    }
  }
  return problems;
}
"""


def test_field_errors_are_announced_with_their_fields(new_page, resident):
    """A screen reader on a field in error must hear the message: aria-describedby."""
    NeighbourhoodFactory()
    page = new_page(session_of=resident)
    page.goto("/lv/communities/register/")
    page.locator("#id_legal_form_1").check()
    page.locator("button[name=action][value=submit]").click()
    page.locator(".error-summary").wait_for()
    groups = page.locator(".field--error")
    assert groups.count() >= 8, "expected errors for every field a submission needs"
    # Django marks the controls in error (aria-invalid) ...
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    # ... and every message must be part of its field's accessible description.
    problems = page.evaluate(FIELD_ERRORS_JS)
    assert not problems, (
        "error messages are not tied to their fields (templates/forms/field.html):\n"
        + "\n".join(problems)
    )
