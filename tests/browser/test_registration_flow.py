"""End to end, in a real browser: a resident signs up and registers a community, municipal
staff sign in with their authenticator app and verify it, and anyone then finds it.

Texts on the pages depend on the language and on whether translations are compiled, so
the test finds things by labels read from the page, by name/id attributes and by URLs.
"""

import re

import pytest

from communities.models import Community
from tests.browser.conftest import labelled, portal_url, sign_in
from tests.mfa import enable_totp
from tests.portal.factories import PASSWORD, NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.browser

CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+")

RESIDENT = {"name": "Ilze Bērziņa", "email": "ilze.berzina@example.lv"}
COMMUNITY = {
    "name": "Kalnciema ielas kaimiņi",
    "description": "Kaimiņi, kas kopā kopj pagalmus un rīko ielas svētkus.",
    "bad_number": "4000812345",  # 10 digits: one is missing
    "number": "40008123456",
    "contact_name": "Ilze Bērziņa",
    "contact_email": "kaimini@example.lv",
    "residents": "120",
    "evidence": "Biedru saraksts ar 45 parakstiem un kopsapulces protokols.",
}


def test_resident_registers_staff_verify_public_sees_it(
    new_page, live_server, mailoutbox, tmp_path, verified_email
):
    neighbourhood = NeighbourhoodFactory()
    neighbourhood_label = neighbourhood.name  # under its parish's name, a group of its own
    staff = UserFactory(is_municipal_staff=True, full_name="Pēteris Ozols")
    verified_email(staff)
    staff_secret = enable_totp(staff)
    pdf = tmp_path / "biedru-saraksts.pdf"
    pdf.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )
    csp_errors = []

    def note_csp_error(message):
        if "Content Security Policy" in message.text:
            csp_errors.append(message.text)

    def open_page():
        page = new_page()
        page.on("console", note_csp_error)
        return page

    # 1. The resident signs up --------------------------------------------------------
    page = open_page()
    page.goto("/accounts/signup/")
    labelled(page, "id_full_name").fill(RESIDENT["name"])
    labelled(page, "id_email").fill(RESIDENT["email"])
    labelled(page, "id_password1").fill("Apkaime-2025-drošība")
    password2 = labelled(page, "id_password2")
    password2.fill("Apkaime-2025-drošība")
    password2.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))

    # 2. ... gets the confirmation email, opens the link and confirms ---------------------
    confirmations = [m for m in mailoutbox if RESIDENT["email"] in m.to]
    assert len(confirmations) == 1, [(m.to, m.subject) for m in mailoutbox]
    link = CONFIRM_LINK.search(confirmations[0].body)
    assert link, f"no confirmation link in:\n{confirmations[0].body}"
    assert link.group(0).startswith(portal_url(live_server)), link.group(0)
    page.goto(link.group(0))
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
    # Signed in: the header offers "sign out" and "my communities" instead of "sign in".
    assert page.locator("header form[action='/accounts/logout/'] button").is_visible()
    assert page.locator("header a[href='/lv/communities/mine/']").is_visible()

    # 3. ... registers a community with a register number one digit short ----------------
    page.goto("/lv/communities/register/")
    labelled(page, "id_name").fill(COMMUNITY["name"])
    parish = page.get_by_role("group", name=neighbourhood.parent.name, exact=True)
    parish.get_by_label(neighbourhood_label, exact=True).check()
    labelled(page, "id_description").fill(COMMUNITY["description"])
    labelled(page, "id_founding_motives_0").check()
    assert page.locator("#id_founding_motives_0").get_attribute("value") == "events"
    register_number = page.locator("#id_register_number")
    labelled(page, "id_legal_form_1").check()  # "registered association"
    assert page.locator("input[name=legal_form]:checked").get_attribute("value") == "association"
    assert register_number.is_visible(), "the register number field did not appear"
    labelled(page, "id_register_number").fill(COMMUNITY["bad_number"])
    labelled(page, "id_registered_on").fill("2019-03-12")
    labelled(page, "id_contact_name").fill(COMMUNITY["contact_name"])
    labelled(page, "id_contact_email").fill(COMMUNITY["contact_email"])
    labelled(page, "id_declared_residents").fill(COMMUNITY["residents"])
    labelled(page, "id_residents_evidence").fill(COMMUNITY["evidence"])
    labelled(page, "id_supporting_document").set_input_files(str(pdf))
    submit = page.locator("button[name=action][value=submit]")
    submit.click()
    page.wait_for_load_state()

    # 4. ... sees the error beside the field and in the summary, and what they typed ----
    # The message in the register number's own field group (how it is tied to the field
    # for screen readers is checked in test_accessibility.py).
    field_error = page.locator(".field--error:has(#id_register_number) .error-message")
    field_error.wait_for()
    assert field_error.count() == 1
    assert field_error.is_visible()
    # The text after the visually hidden "Error:" prefix.
    message = field_error.evaluate("el => el.lastChild.textContent.trim()")
    assert "11" in message, message
    assert register_number.get_attribute("aria-invalid") == "true"
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"
    summary_link = summary.locator("a[href='#id_register_number']")
    assert summary_link.count() == 1, summary.inner_text()
    assert message in " ".join(summary_link.inner_text().split())
    assert summary.locator("li").count() == 1, summary.inner_text()  # nothing else wrong
    assert page.evaluate("document.activeElement.classList.contains('error-summary')"), (
        "the error summary should take the focus so screen readers announce it"
    )
    assert labelled(page, "id_name").input_value() == COMMUNITY["name"]
    assert labelled(page, "id_description").input_value() == COMMUNITY["description"]
    assert labelled(page, "id_contact_email").input_value() == COMMUNITY["contact_email"]
    assert page.get_by_label(neighbourhood_label, exact=True).is_checked()
    assert page.locator("#id_legal_form_1").is_checked()
    assert register_number.input_value() == COMMUNITY["bad_number"]

    # The valid part was kept as a draft (the page says so): the form now saves that
    # draft, not a new one.
    assert page.locator(".messages .message--warning").is_visible()
    draft = Community.objects.get(name=COMMUNITY["name"])
    assert draft.status == Community.Status.DRAFT
    assert page.locator("main form").get_attribute("action") == (
        f"/lv/communities/{draft.slug}/edit/"
    )
    document_kept = page.locator("main form > p.meta").count() == 1
    assert document_kept == bool(draft.supporting_document), (
        "the page and the database disagree on whether the document is attached"
    )

    # 5. ... corrects the number and submits again --------------------------------------
    register_number.fill(COMMUNITY["number"])
    if not document_kept:
        labelled(page, "id_supporting_document").set_input_files(str(pdf))
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(f"**/lv/communities/{draft.slug}/")
    assert page.locator(".messages .message--success").is_visible()
    assert page.locator("main h1").inner_text() == COMMUNITY["name"]
    assert page.locator(".error-summary").count() == 0

    community = Community.objects.get(name=COMMUNITY["name"])  # one registration, not two
    assert community.pk == draft.pk
    assert community.status == Community.Status.SUBMITTED
    assert community.register_number == COMMUNITY["number"]
    assert community.legal_form == Community.LegalForm.ASSOCIATION
    assert community.registered_on.isoformat() == "2019-03-12"
    assert list(community.neighbourhoods.all()) == [neighbourhood]
    assert community.founding_motives == ["events"]
    assert community.declared_residents == int(COMMUNITY["residents"])
    assert community.supporting_document, "the supporting document was lost"
    with community.supporting_document.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-1.4")

    # Staff were told of the new registration.
    submitted_mail = [m for m in mailoutbox if staff.email in m.to]
    assert len(submitted_mail) == 1, [(m.to, m.subject) for m in mailoutbox]
    assert COMMUNITY["name"] in submitted_mail[0].subject
    assert f"/communities/{community.slug}/review/" in submitted_mail[0].body
    page.context.close()

    # 6. Municipal staff sign in with their authenticator app and verify it -------------
    page = open_page()
    sign_in(page, staff.email, PASSWORD, totp_secret=staff_secret)
    page.locator("header nav a[href='/lv/communities/verification/']").click()
    page.wait_for_url("**/lv/communities/verification/")
    page.get_by_role("link", name=COMMUNITY["name"], exact=True).click()
    page.wait_for_url(f"**/lv/communities/{community.slug}/review/")
    assert COMMUNITY["number"] in page.locator("main dl").inner_text()
    labelled(page, "id_decision_0").check()  # "Verify the community"
    assert page.locator("input[name=decision]:checked").get_attribute("value") == "verify"
    # An association: staff confirm they checked its number and date in the register.
    labelled(page, "id_register_checked").check()
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/lv/communities/verification/")
    assert page.locator(".messages .message--success").is_visible()
    assert page.get_by_role("link", name=COMMUNITY["name"], exact=True).count() == 0
    community.refresh_from_db()
    assert community.status == Community.Status.VERIFIED
    page.context.close()

    # The leader was told the community is verified.
    result_mail = [m for m in mailoutbox if RESIDENT["email"] in m.to and m is not confirmations[0]]
    assert len(result_mail) == 1, [(m.to, m.subject) for m in mailoutbox]
    assert COMMUNITY["name"] in result_mail[0].subject
    assert f"/communities/{community.slug}/" in result_mail[0].body
    assert f"/communities/{community.slug}/edit/" not in result_mail[0].body

    # 7. Anyone finds it in the public registry ------------------------------------------
    page = open_page()
    page.goto("/lv/communities/")
    search = labelled(page, "id_q")
    search.fill(COMMUNITY["name"])
    search.press("Enter")
    results = page.locator("#results")
    card_link = results.get_by_role("link", name=COMMUNITY["name"], exact=True)
    card_link.wait_for()
    assert results.locator(".card").count() == 1
    card_link.click()
    page.wait_for_url(f"**/lv/communities/{community.slug}/")
    assert page.locator("main h1").inner_text() == COMMUNITY["name"]

    assert not csp_errors, "Content-Security-Policy blocked something:\n" + "\n".join(csp_errors)
