"""In a real browser: a leader asks for the annual activity report, sees it being made, and
the page turns into the download without a reload once the worker made it (htmx)."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from communities.models import Community, Membership
from portal import reports
from portal.models import Report
from tests.communities.factories import CommunityFactory, EventFactory, MembershipFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.browser


def test_a_leader_asks_for_the_report_watches_it_and_downloads_it(new_page, monkeypatch):
    community = CommunityFactory(status=Community.Status.ACTIVE, name="Liepu kopiena")
    leader = UserFactory()
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    year = timezone.localdate().year - 1
    EventFactory(community=community, title="Talka", date=datetime.date(year, 5, 1), attendance=9)
    monkeypatch.setattr(reports, "_queue", lambda report_id: None)  # the worker is slow today

    page = new_page(session_of=leader)
    page.goto(community.get_absolute_url())
    page.locator("select[name=year]").select_option(str(year))
    page.locator(f"form[action$='/communities/{community.slug}/report/'] button").click()
    page.wait_for_url("**/documents/*/")
    status = page.locator("#report-status")
    assert status.get_attribute("data-hx-trigger")  # it asks again by itself
    assert page.locator("a[href$='/download/']").count() == 0

    reports.render(Report.objects.get().pk)  # the worker
    link = page.locator("#report-status a[href$='/download/']")
    link.wait_for(timeout=10_000)  # swapped in by htmx, no reload
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(f"-{year}-activity-report.pdf")
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"
