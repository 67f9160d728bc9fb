"""Two demo municipalities and the national view, in a real browser on their own hosts.

Chromium resolves ``*.localhost`` to the loopback address, so ``kekava.localhost`` and
``riga.localhost`` reach the live server as they reach ``make run``; plain ``localhost`` is
the installation's own host, the national view.
"""

import pytest

from front import demo as builder
from tests.browser.conftest import portal_url
from tests.browser.test_accessibility import BLOCKING, axe_source, describe, run_axe  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    builder.build_all()


def test_each_host_shows_its_municipality_and_the_national_view_searches_both(
    demo,
    new_page,
    live_server,
    axe_source,  # noqa: F811
):
    kekava = portal_url(live_server, "kekava.localhost")
    riga = portal_url(live_server, "riga.localhost")
    national = live_server.url  # http://localhost:<port>
    page = new_page()

    page.goto(f"{kekava}/lv/communities/")
    assert "Ķekavas novads" in page.locator(".brand").inner_text()
    registry = page.locator("main").inner_text()
    assert "Mežinieku kopiena" in registry
    assert "Āgenskalna apkaimes biedrība" not in registry

    page.goto(f"{riga}/lv/communities/")
    assert "Rīga" in page.locator(".brand").inner_text()
    registry = page.locator("main").inner_text()
    assert "Āgenskalna apkaimes biedrība" in registry
    assert "Mežinieku kopiena" not in registry
    # Both have a community at katlakalna-kopiena: each host opens its own.
    page.goto(f"{riga}/lv/communities/katlakalna-kopiena/")
    assert page.locator("h1").inner_text() == "Rīgas Katlakalna kopiena"
    page.goto(f"{kekava}/lv/communities/katlakalna-kopiena/")
    assert page.locator("h1").inner_text() != "Rīgas Katlakalna kopiena"

    page.goto(f"{national}/lv/")
    table = page.get_by_role("table")
    assert "Ķekavas novads" in table.inner_text() and "Rīga" in table.inner_text()
    violations = [v for v in run_axe(page, axe_source)["violations"] if v["impact"] in BLOCKING]
    assert not violations, "\n".join(describe("national view", violations))

    page.get_by_role("searchbox").fill("kopiena")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/lv/communities/?**")
    results = page.locator(".cards").inner_text()
    assert "Mežinieku kopiena" in results  # Ķekava
    assert "Rīgas Katlakalna kopiena" in results  # Riga
    assert "Ķengaraga kopiena" not in results  # submitted, not public yet
    violations = [v for v in run_axe(page, axe_source)["violations"] if v["impact"] in BLOCKING]
    assert not violations, "\n".join(describe("national search", violations))

    page.get_by_role("link", name="Rīgas Katlakalna kopiena").click()
    page.wait_for_url(f"{riga}/lv/communities/katlakalna-kopiena/")
    assert page.locator("h1").inner_text() == "Rīgas Katlakalna kopiena"


def test_a_long_neighbourhood_list_can_be_filtered_as_people_type(demo, new_page):
    from django.contrib.auth import get_user_model

    resident = get_user_model().objects.get(email="resident@demo.lv")
    page = new_page(session_of=resident, host="riga.localhost")
    page.goto("/lv/communities/register/")

    boxes = page.locator("#id_neighbourhoods input[type=checkbox]")
    assert boxes.count() == 58
    page.get_by_label("Atlasīt sarakstā").fill("kengar")  # no diacritics, as people type
    visible = page.locator("#id_neighbourhoods .choice:visible")
    assert visible.count() == 1
    assert visible.inner_text().strip() == "Ķengarags"
