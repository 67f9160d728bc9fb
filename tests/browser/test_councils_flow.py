"""End to end, in a real browser: staff set up an NGO advisory council and open nominations;
a community's leader nominates a member, who consents; staff appoint her; staff schedule a
meeting with a consultation on the agenda and announce it; the member reviews submissions
beside the answers and comments; staff record the recommendation with its vote, publish the
minutes and answer the recommendation; the public council page shows it all.

Fields are found through their labels read from the page, buttons by the forms they submit.
"""

import datetime

import pytest
from django.utils import timezone

from councils.models import Council, Meeting, Nomination, ReviewComment
from tests.browser.conftest import labelled
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.consultations.factories import SubmissionFactory, answered, closed
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.browser

ANSWER = (
    "Gājēju pāreju pie skolas iekļausim projekta otrajā redakcijā, jo tur ielu šķērso "
    "vairāk nekā divsimt bērnu dienā."
)


def test_council_from_nomination_to_answered_recommendation(new_page, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    today = timezone.localdate()
    staff = UserFactory(is_municipal_staff=True, full_name="Pēteris Ozols")
    leader = UserFactory(full_name="Andris Kalns")
    nominee = UserFactory(full_name="Dace Vītola")
    community = CommunityFactory(name="Upmalas kaimiņi", status="active")
    MembershipFactory(community=community, user=leader, role="leader")
    MembershipFactory(community=community, user=nominee)
    consultation = closed(title="Upes ielas pārbūve")
    answered(SubmissionFactory(consultation=consultation, community=community, author=leader))
    SubmissionFactory(consultation=consultation, text="Vajag soliņus pie upes.")

    # 1. Staff set up the council and open nominations ---------------------------------
    page = new_page(session_of=staff)
    page.goto("/lv/councils/new/")
    page.locator("input[name=kind][value=advisory]").check()
    labelled(page, "id_name").fill("NVO konsultatīvā padome")
    labelled(page, "id_remit").fill("Konsultē pašvaldību par kopienu jautājumiem.")
    labelled(page, "id_seats").fill("3")
    labelled(page, "id_community_seats").fill("2")
    page.locator("main form button[type=submit]").click()
    council = Council.objects.get()
    page.wait_for_url(f"**{council.get_absolute_url()}")
    page.locator(f"a[href$='/councils/{council.slug}/nominations/open/']").click()
    labelled(page, "id_opens_on").fill(today.isoformat())
    labelled(page, "id_closes_on").fill((today + datetime.timedelta(days=14)).isoformat())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{council.get_absolute_url()}")

    # 2. The leader nominates a member; she consents ---------------------------------
    page = new_page(session_of=leader)
    page.goto(council.get_absolute_url())
    page.locator(f"a[href$='/councils/{council.slug}/nominate/']").click()
    labelled(page, "id_community").select_option(str(community.pk))
    labelled(page, "id_nominee").select_option(str(nominee.pk))
    labelled(page, "id_motivation").fill("Aktīva kaimiņiene, vada talkas.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{council.get_absolute_url()}")
    nomination = Nomination.objects.get()

    page = new_page(session_of=nominee)
    page.goto(council.get_absolute_url())
    page.locator("form[action$='/consent/'] button").click()
    page.wait_for_url(f"**{council.get_absolute_url()}")
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.CONSENTED

    # 3. Staff appoint her and schedule a meeting with the consultation -------------------
    page = new_page(session_of=staff)
    page.goto(council.get_absolute_url())
    page.locator("form[action$='/appoint/'] button").click()
    page.wait_for_url(f"**{council.get_absolute_url()}")
    assert "Dace Vītola" in page.locator("#members-title + ul").inner_text()
    page.locator(f"a[href$='/councils/{council.slug}/meetings/new/']").click()
    starts = timezone.localtime() + datetime.timedelta(days=14)
    labelled(page, "id_starts_at").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    labelled(page, "id_place").fill("Domes zāle")
    labelled(page, "id_title").fill("Upes ielas apspriešanas rezultāti")
    labelled(page, "id_consultation").select_option(str(consultation.pk))
    page.locator("main form button[type=submit]").click()
    meeting = Meeting.objects.get()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    page.locator("form[action$='/publish/'] button").click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED

    # 4. The member reviews the submissions beside the answers and comments ---------------
    page = new_page(session_of=nominee)
    page.goto(meeting.get_absolute_url())
    page.locator("form[action$='/attendance/'] button[value=yes]").click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    page.locator("a[href$='/review/']").click()
    page.wait_for_url("**/review/")
    assert page.locator(".submission-list > li").count() == 2
    labelled(page, "id_joint").select_option("yes")
    page.locator("form.filters button").click()
    page.wait_for_url("**joint=yes**")
    assert page.locator(".submission-list > li").count() == 1
    labelled(page, "id_text").fill("Kopienas viedoklis jāņem vērā.")
    page.locator("main section form[method=post] button").first.click()
    page.wait_for_url("**/review/**")
    assert ReviewComment.objects.get().author == nominee

    # 5. On the meeting's day staff record who is present, then the recommendation with its
    # vote (counted from the members present), publish the minutes and answer -------------
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now())
    page = new_page(session_of=staff)
    page.goto(meeting.get_absolute_url())
    page.locator(f"form[action$='/presence/'] input[value='{nominee.pk}']").check()
    page.locator("form[action$='/presence/'] button").click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    page.locator("a[href$='/recommendation/']").click()
    labelled(page, "id_text").fill("Iekļaut gājēju pāreju pie skolas.")
    labelled(page, "id_voted").check()
    labelled(page, "id_votes_for").fill("1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    labelled(page, "id_minutes").fill("Sēdē piedalījās divi locekļi.")
    page.locator("form[action$='/minutes/'] button").click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}")
    page.goto(council.get_absolute_url())
    page.locator("a[href$='/answer/']").click()
    page.locator("input[name=status][value=accepted]").check()
    labelled(page, "id_explanation").fill(ANSWER)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{council.get_absolute_url()}")

    page = new_page()
    page.goto(council.get_absolute_url())
    text = page.locator("main").inner_text()
    assert "Iekļaut gājēju pāreju pie skolas." in text
    assert "divsimt bērnu" in text
    assert "Upmalas kaimiņi" in text


def test_council_meeting_and_review_pages_have_no_serious_axe_violations(new_page):
    """axe-core on the council page, the meeting page and the review view."""
    from tests.browser.test_accessibility import AXE, BLOCKING, describe, run_axe

    axe_source = AXE.read_text(encoding="utf-8")
    from tests.councils.factories import CouncilFactory, MeetingFactory, seat_for

    community = CommunityFactory(name="Upmalas kaimiņi", status="active")
    member = UserFactory(full_name="Dace Vītola")
    council = CouncilFactory(name="NVO konsultatīvā padome")
    seat_for(member, council, community=community)
    meeting = MeetingFactory(council=council)
    consultation = closed(title="Upes ielas pārbūve")
    answered(SubmissionFactory(consultation=consultation, community=community))
    SubmissionFactory(consultation=consultation)
    item = meeting.items.create(number=1, title="Upes iela", consultation=consultation)

    found = []
    page = new_page(bypass_csp=True, session_of=member)
    for url in [
        council.get_absolute_url(),
        meeting.get_absolute_url(),
        f"/lv/councils/{council.slug}/meetings/{meeting.pk}/items/{item.pk}/review/",
    ]:
        page.goto(url)
        assert page.locator("main h1").count() == 1, f"{url}: no single page heading"
        results = run_axe(page, axe_source)
        found.extend(describe(url, [v for v in results["violations"] if v["impact"] in BLOCKING]))
    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(found)


def test_staff_add_papers_a_resident_reads_the_public_one_staff_remove_one(new_page, settings):
    """Staff choose two files on the meeting page, one batch public and one for the council;
    a resident sees and downloads only the public paper; staff remove one after confirming."""
    from councils.models import MeetingPaper
    from tests.councils.factories import CouncilFactory, MeetingFactory, seat_for

    settings.PORTAL_REQUIRE_STAFF_MFA = False
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    staff = UserFactory(is_municipal_staff=True, full_name="Pēteris Ozols")
    member = UserFactory(full_name="Dace Vītola")
    council = CouncilFactory(name="NVO konsultatīvā padome")
    seat_for(member, council)
    meeting = MeetingFactory(council=council)
    meeting.items.create(number=1, title="Budžets")

    page = new_page(session_of=staff)
    page.goto(meeting.get_absolute_url())
    for files, public in (
        ([("Darba kartiba.pdf", pdf)], True),
        ([("tame.pdf", pdf), ("karte.pdf", pdf)], False),
    ):
        form = page.locator("form[action$='/papers/add/']")
        form.locator("input[type=file]").set_input_files(
            [{"name": n, "mimeType": "application/pdf", "buffer": b} for n, b in files]
        )
        if public:
            labelled(page, "id_papers-public").check()
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"**{meeting.get_absolute_url()}#papers")
    assert MeetingPaper.objects.count() == 3
    assert MeetingPaper.objects.filter(public=True).get().title == "Darba kartiba"

    page = new_page(session_of=UserFactory())
    page.goto(meeting.get_absolute_url())
    links = page.locator("#papers a[href*='/papers/']")
    assert links.count() == 1 and "Darba kartiba" in links.inner_text()
    assert "tame" not in page.locator("main").inner_text()
    with page.expect_download() as download:
        links.click()
    assert download.value.suggested_filename.endswith(".pdf")

    page = new_page(session_of=staff)
    page.goto(meeting.get_absolute_url())
    page.locator("a[href$='/remove/']").first.click()
    page.wait_for_url("**/remove/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{meeting.get_absolute_url()}#papers")
    assert MeetingPaper.objects.count() == 2
    assert meeting.changes.filter(event="paper_removed", actor=staff).exists()
