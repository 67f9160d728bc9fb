"""End to end, in a real browser (issue 19, "How it is checked"): a leader writes a story
with a photo, staff return it once and then publish it, it appears on the home page and
the national view, another resident asks the authors a question and the leaders receive
it. axe-core then checks the story page, the story form and the agreements list.

Texts depend on the language, so the test finds things by labels read from the page, by
ids, names and URLs.
"""

import re

import pytest

from communities.models import Membership, Story
from tests.browser.conftest import labelled
from tests.browser.test_accessibility import BLOCKING, describe, run_axe
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import UserFactory
from tests.practice.factories import PNG, AgreementFactory

pytestmark = pytest.mark.browser

TITLE = "Rotaļu laukums Mežmalā"
QUESTION = "Kā jūs atradāt finansējumu? https://piemers.example/?a=1"


@pytest.fixture
def axe_source():
    from tests.browser.test_accessibility import AXE

    return AXE.read_text(encoding="utf-8")


def test_leader_writes_staff_return_then_publish_everyone_sees_and_asks(
    new_page, live_server, mailoutbox, tmp_path, settings, axe_source
):
    settings.PORTAL_REQUIRE_STAFF_MFA = False  # staff MFA has its own browser test
    leader = UserFactory(full_name="Līga Vanaga")
    community = CommunityFactory(name="Mežmalas kaimiņi")
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    staff = UserFactory(is_municipal_staff=True, full_name="Pēteris Ozols")
    asker = UserFactory(full_name="Jānis Kalniņš")
    AgreementFactory(community=community, title="Sadarbības memorands par parku")
    photo = tmp_path / "laukums.png"
    photo.write_bytes(PNG)

    # 1. The leader writes the story from the community's page, with a photo ------------
    page = new_page(session_of=leader)
    page.goto(community.get_absolute_url())
    page.locator(f"a[href$='/good-practice/write/{community.slug}/']").click()
    page.wait_for_url(re.compile(r"/good-practice/write/"))
    labelled(page, "id_title").fill(TITLE)
    labelled(page, "id_problem").fill("Bērniem nebija kur spēlēties.")
    labelled(page, "id_actions").fill("Savācām parakstus un kopā uzbūvējām laukumu.")
    labelled(page, "id_results").fill("Laukumā katru dienu spēlējas 40 bērni.")
    labelled(page, "id_topic").select_option("children")
    labelled(page, "id_participation_forms_2").check()  # mobilisation
    labelled(page, "id_photo").set_input_files(str(photo))
    labelled(page, "id_photo_alt").fill("Bērni šūpojas jaunajās šūpolēs")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/good-practice/\d+/$"))
    story = Story.objects.get(title=TITLE)
    assert page.locator("img[alt='Bērni šūpojas jaunajās šūpolēs']").is_visible()
    page.locator(f"form[action$='/good-practice/{story.pk}/submit/'] button").click()
    page.wait_for_url(re.compile(rf"/good-practice/{story.pk}/$"))
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED
    assert staff.email in [m.to[0] for m in mailoutbox]

    # 2. Staff return it once, with a reason ---------------------------------------------
    staff_page = new_page(session_of=staff)
    staff_page.goto("/lv/good-practice/review/")
    staff_page.locator(f"a[href$='/good-practice/{story.pk}/review/']").click()
    staff_page.locator("input[name=decision][value=return]").check()
    labelled(staff_page, "id_reason").fill("Lūdzu, pastāstiet, cik tas maksāja.")
    staff_page.locator("main form button[type=submit]").click()
    staff_page.wait_for_url(re.compile(r"/good-practice/review/$"))
    story.refresh_from_db()
    assert story.status == Story.Status.RETURNED
    returned = [m for m in mailoutbox if m.to == [leader.email]]
    assert returned and "cik tas maksāja" in returned[-1].body

    # 3. The leader corrects it and sends it again; staff publish it ----------------------
    page.goto(f"/lv/good-practice/{story.pk}/edit/")
    labelled(page, "id_costs").fill("3000 EUR un kaimiņu darbs")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/good-practice/{story.pk}/$"))
    page.locator(f"form[action$='/good-practice/{story.pk}/submit/'] button").click()
    page.wait_for_url(re.compile(rf"/good-practice/{story.pk}/$"))
    staff_page.goto(f"/lv/good-practice/{story.pk}/review/")
    staff_page.locator("input[name=decision][value=publish]").check()
    staff_page.locator("main form button[type=submit]").click()
    staff_page.wait_for_url(re.compile(r"/good-practice/review/$"))
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert [c.to_status for c in story.status_changes.all()] == [
        "draft",
        "submitted",
        "returned",
        "submitted",
        "published",
    ]

    # 4. Anyone sees it on the home page and on the national view ------------------------
    visitor = new_page()
    visitor.goto("/lv/")
    visitor.locator(f"main a[href$='/good-practice/{story.pk}/']").first.wait_for()
    assert TITLE in visitor.locator("main").inner_text()
    national = new_page(host="localhost")
    national.goto("/lv/")
    link = national.locator(f"main a[href$='/good-practice/{story.pk}/']").first
    href = link.get_attribute("href")  # on the municipality's own host
    assert href.startswith("http") and not href.startswith(live_server.url), href
    national.goto("/lv/good-practice/?form=mobilisation")
    assert TITLE in national.locator("main").inner_text()

    # 5. Another resident asks the authors; the leaders receive the question -------------
    before = len(mailoutbox)
    asking = new_page(session_of=asker)
    asking.goto(story.get_absolute_url())
    asking.locator(f"a[href$='/good-practice/{story.pk}/ask/']").click()
    labelled(asking, "id_message").fill(QUESTION)
    asking.locator("main form button[type=submit]").click()
    asking.wait_for_url(re.compile(rf"/good-practice/{story.pk}/$"))
    to_leader = [m for m in mailoutbox[before:] if m.to == [leader.email]]
    assert len(to_leader) == 1
    assert QUESTION in to_leader[0].body and asker.email not in to_leader[0].body
    assert to_leader[0].alternatives == []  # plain text: nothing made clickable

    # 6. axe-core: the story page, the story form and the agreements list ----------------
    problems = []
    checks = [
        (new_page(bypass_csp=True), story.get_absolute_url()),
        (
            new_page(bypass_csp=True, session_of=leader),
            f"/lv/good-practice/write/{community.slug}/",
        ),
        (new_page(bypass_csp=True), "/lv/agreements/"),
    ]
    for checked, url in checks:
        checked.goto(url)
        violations = [
            v for v in run_axe(checked, axe_source)["violations"] if v["impact"] in BLOCKING
        ]
        problems += describe(url, violations)
    assert problems == [], "\n".join(problems)
