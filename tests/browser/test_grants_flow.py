"""End to end, in a real browser: staff create and publish a round; a leader applies and
corrects a budget error on the way; an evaluator declares a conflict on one application and
scores another; staff decide and publish the results; the leader sees the result and files
a report with a receipt, line by line against the approved budget (issue 14, "How it is
checked"; issue 26, item 5).

Pages are found by ids, names and URLs, so the test works whatever the language.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from communities.models import Membership
from grants.models import Application, ConflictDeclaration, Report, Round, Score
from grants.services.applications import save_application, start_application, submit_application
from tests.browser.conftest import labelled
from tests.communities.factories import CommunityFactory
from tests.grants.factories import ProgrammeFactory
from tests.mfa import enable_totp
from tests.portal.factories import UserFactory
from tests.practice.factories import PDF

pytestmark = pytest.mark.browser


def test_a_grant_round_from_announcement_to_the_report(new_page):
    today = timezone.localdate()
    programme = ProgrammeFactory(name="Apkaimju projektu konkurss")
    staff = UserFactory(is_municipal_staff=True, full_name="Pēteris Ozols")
    enable_totp(staff)
    leader = UserFactory(full_name="Līga Vanaga")
    community = CommunityFactory(name="Dārzciema kaimiņi", leader=leader)
    evaluator = UserFactory(full_name="Kārlis Grīnbergs", email="karlis@example.lv")
    enable_totp(evaluator)
    other_leader = UserFactory()
    other = CommunityFactory(name="Mežmalas kopiena", leader=other_leader)

    # 1. Staff create the round and publish it -------------------------------------------
    page = new_page(session_of=staff)
    page.goto("/lv/grants/new/")
    page.select_option("#id_programme", str(programme.pk))
    labelled(page, "id_title").fill("Apkaimju iniciatīvas 2027")
    labelled(page, "id_budget").fill("10000")
    labelled(page, "id_announced_on").fill(today.isoformat())
    deadline = today + datetime.timedelta(days=90)
    labelled(page, "id_deadline").fill(f"{deadline.isoformat()}T17:00")
    labelled(page, "id_seminar_on").fill((deadline - datetime.timedelta(days=16)).isoformat())
    labelled(page, "id_implementation_starts").fill(
        (deadline + datetime.timedelta(days=30)).isoformat()
    )
    labelled(page, "id_implementation_ends").fill(
        (deadline + datetime.timedelta(days=400)).isoformat()
    )
    labelled(page, "id_progress_report_due_on").fill(
        (deadline + datetime.timedelta(days=200)).isoformat()
    )
    labelled(page, "id_final_report_due_on").fill(
        (deadline + datetime.timedelta(days=430)).isoformat()
    )
    labelled(page, "id_max_request").fill("3000")
    labelled(page, "id_admin_cap_percent").fill("15")
    labelled(page, "id_criteria-0-name").fill("Nozīme apkaimei")
    labelled(page, "id_criteria-0-weight").fill("2")
    labelled(page, "id_criteria-0-max_score").fill("5")
    labelled(page, "id_criteria-1-name").fill("Iedzīvotāju iesaiste")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/lv/grants/apkaimju-iniciativas-2027/$"))
    round_ = Round.objects.get()
    assert round_.status == Round.Status.DRAFT
    page.locator(f"a[href='/lv/grants/{round_.slug}/publish/']").click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/lv/grants/{round_.slug}/$"))
    round_.refresh_from_db()
    assert round_.status == Round.Status.OPEN

    # 2. The leader applies; the administrative costs are over the cap, then corrected ----
    page = new_page(session_of=leader)
    page.goto(f"/lv/grants/{round_.slug}/")
    page.locator(f"a[href='/lv/grants/{round_.slug}/apply/']").click()
    page.select_option("#id_community", str(community.pk))
    labelled(page, "id_title").fill("Parka svētki")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/applications/\d+/edit/$"))
    labelled(page, "id_description").fill("Sakopsim parku un rīkosim apkaimes svētkus.")
    page.select_option("#id_budget-0-category", "materials")
    labelled(page, "id_budget-0-description").fill("Stādi un krāsa")
    labelled(page, "id_budget-0-amount").fill("800")
    page.select_option("#id_budget-1-category", "management")
    labelled(page, "id_budget-1-description").fill("Projekta vadība")
    labelled(page, "id_budget-1-amount").fill("400")
    page.locator("button[name=action][value=submit]").click()
    error = page.locator("#budget .error-message")
    assert error.is_visible()
    assert "15,00" in error.inner_text()
    assert page.locator(".error-summary a[href='#budget']").count() >= 1
    labelled(page, "id_budget-1-amount").fill("100")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    mine = Application.objects.get(community=community)
    assert mine.status == Application.Status.SUBMITTED
    assert mine.requested_amount == Decimal("900.00")

    # Another community applies too (through the services, as the form is shown above).
    theirs = start_application(
        actor=other_leader, round=round_, community=other, title="Soliņi pie upes"
    )
    save_application(
        actor=other_leader,
        application=theirs,
        description="Soliņi",
        in_kind=[],
        budget_lines=[{"category": "equipment", "description": "Soli", "amount": Decimal(700)}],
    )
    submit_application(actor=other_leader, application=theirs)

    # The deadline passes; staff close submissions, check eligibility, assign the evaluator.
    Round.objects.filter(pk=round_.pk).update(deadline=timezone.now() - datetime.timedelta(hours=1))
    page = new_page(session_of=staff)
    page.goto(f"/lv/grants/{round_.slug}/close/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/lv/grants/{round_.slug}/$"))
    for application in (mine, theirs):
        page.goto(f"/lv/grants/{round_.slug}/applications/{application.pk}/review/")
        page.check("#id_eligible_0")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/applications/$"))
    page.goto(f"/lv/grants/{round_.slug}/evaluators/")
    labelled(page, "id_email").fill(evaluator.email)
    page.locator("main form:not(.inline-form) button[type=submit]").click()
    page.wait_for_url(re.compile(r"/evaluators/$"))
    assert round_.assignments.filter(user=evaluator).exists()

    # 3. The evaluator declares a conflict on one application and scores the other --------
    page = new_page(session_of=evaluator)
    page.goto(f"/lv/grants/{round_.slug}/evaluation/")
    page.locator(f"a[href$='/applications/{mine.pk}/conflict/']").click()
    page.check("#id_has_conflict_1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/evaluation/$"))
    response = page.goto(f"/lv/grants/{round_.slug}/applications/{mine.pk}/score/")
    # No scoring form, also by its address: after a conflict the application is not theirs
    # to see at all (a 404, issue 25).
    assert response.status == 404
    page.goto(f"/lv/grants/{round_.slug}/evaluation/")
    page.locator(f"a[href$='/applications/{theirs.pk}/conflict/']").click()
    page.check("#id_has_conflict_0")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/score/$"))
    for number, criterion in enumerate(round_.criteria.all()):
        labelled(page, f"id_score_{criterion.pk}").fill(str(4 - number))
        labelled(page, f"id_justification_{criterion.pk}").fill("Labi pamatots.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/evaluation/$"))
    assert ConflictDeclaration.objects.get(application=mine).has_conflict
    assert Score.objects.filter(application=theirs, evaluator=evaluator).count() == 2

    # 4. Staff decide and publish the results ---------------------------------------------
    page = new_page(session_of=staff)
    page.goto(f"/lv/grants/{round_.slug}/ranking/")
    assert page.locator("main table").inner_text().count("Soliņi pie upes") == 1
    page.goto(f"/lv/grants/{round_.slug}/applications/{mine.pk}/review/")
    page.check("#id_award_0")
    labelled(page, "id_amount").fill("850")
    labelled(page, "id_reason").fill("Budžeta robežās")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/applications/$"))
    page.goto(f"/lv/grants/{round_.slug}/applications/{theirs.pk}/review/")
    page.check("#id_award_1")
    labelled(page, "id_reason").fill("Pietrūka punktu")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/applications/$"))
    page.goto(f"/lv/grants/{round_.slug}/results/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/lv/grants/{round_.slug}/$"))
    round_.refresh_from_db()
    assert round_.status == Round.Status.RESULTS

    # 5. The leader sees the result and files the progress report -------------------------
    page = new_page(session_of=leader)
    page.goto(f"/lv/grants/{round_.slug}/applications/{mine.pk}/")
    assert "850,00" in page.locator("#decision-heading + p").inner_text()
    report = mine.reports.get(kind=Report.Kind.PROGRESS)
    page.locator(f"a[href$='/reports/{report.pk}/']").click()
    assert report.due_on == round_.progress_report_due_on  # the date staff set
    page.check("#id_kind_0")
    labelled(page, "id_title").fill("Krāsas čeks")
    page.set_input_files(
        "#id_file", files=[{"name": "ceks.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("form[action$='/files/add/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"#files-heading$"))
    assert page.locator("a[href^='/lv/grants/report-files/']").inner_text() == "Krāsas čeks"
    labelled(page, "id_narrative").fill("Parks sakopts, svētki notika.")
    labelled(page, "id_lines-0-spent").fill("400")
    labelled(page, "id_lines-1-spent").fill("100")
    page.locator("#report-form button[type=submit]").click()
    # (the browser keeps the fragment of the file's redirect across the next one)
    page.wait_for_url(re.compile(rf"/applications/{mine.pk}/(#files-heading)?$"))
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert report.spent_amount == Decimal("500.00") and report.files.count() == 1
    assert Membership.objects.filter(user=leader).exists()
