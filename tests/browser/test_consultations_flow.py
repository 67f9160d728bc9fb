"""End to end, in a real browser: staff open a consultation; a resident and a community
leader submit; staff try a boilerplate answer and are refused, then answer properly; the
consultation is completed; the feedback page shows both answers and the figures.

Fields are found through their labels read from the page, buttons by the forms they submit.
"""

import datetime

import pytest
from django.utils import timezone

from consultations.models import Consultation, Submission
from tests.browser.conftest import labelled
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.browser

EXPLANATION = (
    "Gājēju pāreja pie skolas tiks iekļauta projekta otrajā redakcijā, jo tur ielu šķērso "
    "vairāk nekā divsimt bērnu dienā."
)
JOINT_EXPLANATION = (
    "Apgaismojumu Upes ielā izbūvēs nākamgad; šogad tam nav finansējuma budžeta pielikumā."
)


def test_staff_open_residents_submit_staff_answer_and_complete(new_page, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    today = timezone.localdate()
    neighbourhood = NeighbourhoodFactory(name="Upmalas apkaime")
    staff = UserFactory(is_municipal_staff=True, full_name="Pēteris Ozols")
    resident = UserFactory(full_name="Ilze Bērziņa")
    leader = UserFactory(full_name="Andris Kalns")
    community = CommunityFactory(name="Upmalas kaimiņi", neighbourhoods=[neighbourhood])
    MembershipFactory(community=community, user=leader, role="leader")

    # 1. Staff open the consultation and publish it -------------------------------------
    page = new_page(session_of=staff)
    page.goto("/lv/consultations/new/")
    labelled(page, "id_title").fill("Upes ielas pārbūve")
    labelled(page, "id_kind").select_option("decision")
    labelled(page, "id_description").fill("Pašvaldība plāno pārbūvēt Upes ielu.")
    page.locator(f"input[name=neighbourhoods][value='{neighbourhood.pk}']").check()
    labelled(page, "id_opens_on").fill(today.isoformat())
    labelled(page, "id_closes_on").fill((today + datetime.timedelta(days=20)).isoformat())
    labelled(page, "id_venue").fill("Kultūras nams")
    page.locator("main form button[type=submit]").click()
    consultation = Consultation.objects.get()
    page.wait_for_url(f"**{consultation.get_absolute_url()}")
    page.locator("form[action$='/status/publish/'] button").click()
    page.wait_for_url(f"**{consultation.get_absolute_url()}")
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PUBLISHED

    # 2. A resident and the community's leader submit -----------------------------------
    page = new_page(session_of=resident)
    page.goto(consultation.get_absolute_url())
    page.locator(f"a[href$='/consultations/{consultation.slug}/submit/']").click()
    labelled(page, "id_text").fill("Lūdzu gājēju pāreju pie skolas.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/submissions/*/")

    page = new_page(session_of=leader)
    page.goto(f"/lv/consultations/{consultation.slug}/submit/")
    labelled(page, "id_community").select_option(str(community.pk))
    labelled(page, "id_text").fill("Kopiena lūdz apgaismojumu Upes ielā.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/submissions/*/")
    individual = Submission.objects.get(community__isnull=True)
    joint = Submission.objects.get(community=community)

    # Time passes: the consultation closed yesterday.
    consultation.opens_on = today - datetime.timedelta(days=21)
    consultation.closes_on = today - datetime.timedelta(days=1)
    consultation.short_period_reason = ""
    consultation.save()

    # 3. Staff try a boilerplate answer, are refused, then answer properly ----------------
    page = new_page(session_of=staff)
    page.goto(f"/lv/consultations/{consultation.slug}/submissions/")
    page.locator(f"#s-{individual.pk}").check()
    page.locator("main form[method=get] button[type=submit]").click()
    page.locator("input[name=status][value=accepted]").check()
    labelled(page, "id_explanation").fill("Pieņemts zināšanai. Paldies par viedokli!")
    page.locator("main form[method=post] button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_explanation_error").is_visible()
    individual.refresh_from_db()
    assert not individual.is_answered
    labelled(page, "id_explanation").fill(EXPLANATION)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(f"**/consultations/{consultation.slug}/submissions/")

    page.locator(f"#s-{joint.pk}").check()
    page.locator("main form[method=get] button[type=submit]").click()
    page.locator("input[name=status][value=partly]").check()
    labelled(page, "id_explanation").fill(JOINT_EXPLANATION)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(f"**/consultations/{consultation.slug}/submissions/")

    # 4. The consultation is completed --------------------------------------------------
    page.goto(consultation.get_absolute_url())
    page.locator("form[action$='/status/complete/'] button").click()
    page.wait_for_url(f"**{consultation.get_absolute_url()}")
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.COMPLETED

    # 5. Anyone reads the feedback page with both answers and the figures ---------------
    page = new_page()
    page.goto(f"/lv/consultations/{consultation.slug}/feedback/")
    text = page.locator("main").inner_text()
    assert EXPLANATION in text
    assert JOINT_EXPLANATION in text
    assert "Upmalas kaimiņi" in text
    assert "Ilze Bērziņa" not in text  # she did not agree to show her name
    figures = page.locator("table.figures").inner_text()
    assert "2" in figures
    rows = {
        row.locator("th").inner_text().strip(): row.locator("td").inner_text().strip()
        for row in page.locator("table.figures tbody tr").all()
    }
    assert list(rows.values())[:3] == ["2", "1", "2"]  # submissions, joint, answered


def test_the_consultation_pages_have_no_serious_axe_violations_at_320_px(new_page, settings):
    """axe-core on the consultation page, the submission form, the answer form (with its
    refusal), the problem-report form (with the map box) and the participation index, at
    320 CSS pixels, where nothing may scroll sideways either."""
    from consultations.services.problems import report_problem
    from portal.models import Municipality
    from tests.browser.test_accessibility import AXE, BLOCKING, describe, run_axe
    from tests.consultations.factories import ConsultationFactory, SubmissionFactory, closed

    settings.PORTAL_REQUIRE_STAFF_MFA = False
    settings.PORTAL_MAP_TILE_URL = ""  # no network in tests: the map says it is unavailable
    axe_source = AXE.read_text(encoding="utf-8")
    area = NeighbourhoodFactory(name="Upmalas apkaime")
    staff = UserFactory(is_municipal_staff=True)
    resident = UserFactory()
    open_one = ConsultationFactory(neighbourhoods=[area], venue="Kultūras nams")
    waiting = SubmissionFactory(consultation=closed())
    report_problem(
        actor=resident,
        municipality=Municipality.objects.get(hosts__name="portal.localhost"),
        neighbourhood=area,
        category="road",
        title="Bedre",
        description="Bedre pie pieturas.",
        latitude=56.9,
        longitude=24.1,
    )
    pages = [
        (resident, open_one.get_absolute_url(), None),
        (resident, f"/lv/consultations/{open_one.slug}/submit/", "main form button[name=send]"),
        (
            staff,
            f"/lv/consultations/{waiting.consultation.slug}/answer/?s={waiting.pk}",
            "main form button[name=publish]",
        ),
        (resident, "/lv/reports/new/", "main form button[name=send]"),
        (None, "/lv/participation/", None),
        (None, area.get_absolute_url(), None),
    ]
    violations, wide = [], []
    for person, path, submit in pages:
        page = new_page(session_of=person, bypass_csp=True, viewport={"width": 320, "height": 640})
        page.goto(path)
        if submit:
            page.locator(submit).click()
            page.wait_for_load_state()
            assert page.locator(".error-summary").count() == 1, path
        results = run_axe(page, axe_source)["violations"]
        violations += describe(path, [v for v in results if v["impact"] in BLOCKING])
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            wide.append(path)
    assert not violations, "\n".join(violations)
    assert not wide, wide
