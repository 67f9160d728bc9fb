"""Annual subsidies run by staff (issue 26, item 1): tiers set up, changed and retired on the
staff's pages; the spending of an award reported by the community's leaders, returned and
accepted; "registered for N years" counted from the date of registration in the register.
Each step is taken the way a person takes it: the pages' forms over HTTP."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from communities.models import Community, Membership
from grants.models import (
    Programme,
    SpendingReport,
    SubsidyAward,
    SubsidyTier,
)
from grants.outbox.spending import SPENDING_REVIEWED
from grants.services.spending import (
    add_spending_document,
    decide_spending_report,
    save_spending_lines,
    submit_spending_report,
)
from grants.services.subsidies import add_tier, award_subsidies, retire_tier
from grants.tiers import evaluate, facts_for
from portal.models import Notification
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.communities.view_helpers import registration_data
from tests.grants.factories import ProgrammeFactory
from tests.portal.factories import MunicipalityFactory, NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False


@pytest.fixture
def subsidy():
    return ProgrammeFactory(kind=Programme.Kind.SUBSIDY, name="Atbalsts apkaimju biedrībām")


def tier_data(**overrides):
    data = {
        "name": "Līdz 1000 EUR gadā",
        "amount": "1000",
        "order": "0",
        "min_members": "10",
        "members_more_each_award": "0",
        "event_min_attendance": "0",
    }
    data.update(overrides)
    return data


def tiers_url(programme):
    return reverse("grants:subsidy-tier-list", args=[programme.slug])


def new_tier_url(programme):
    return reverse("grants:subsidy-tier-create", args=[programme.slug])


def edit_url(tier):
    return reverse("grants:subsidy-tier-edit", args=[tier.programme.slug, tier.pk])


def retire_url(tier):
    return reverse("grants:subsidy-tier-retire", args=[tier.programme.slug, tier.pk])


def spending_url(award):
    return reverse("grants:spending-report", args=[award.pk])


def pdf(name="rekins.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


# Tiers ------------------------------------------------------------------------------------


def test_staff_set_up_change_and_retire_a_tier(client, staff, subsidy):
    client.force_login(staff)
    overview = client.get(reverse("grants:subsidy-overview", args=[subsidy.slug]))
    assert tiers_url(subsidy) in overview.content.decode()
    assert client.get(new_tier_url(subsidy)).status_code == 200

    response = client.post(new_tier_url(subsidy), tier_data())
    assert response.status_code == 302
    tier = SubsidyTier.objects.get(programme=subsidy)
    assert (tier.name, tier.amount, tier.min_members) == ("Līdz 1000 EUR gadā", 1000, 10)
    [start] = tier.changes.all()
    assert (start.actor, start.to_status) == (staff, SubsidyTier.Status.OFFERED)

    response = client.post(edit_url(tier), tier_data(amount="1200", min_members="12"))
    assert response.status_code == 302
    tier.refresh_from_db()
    assert (tier.amount, tier.min_members) == (Decimal("1200"), 12)
    change = tier.changes.get(event="fields_changed")
    assert change.actor == staff
    assert ["amount", "1000.00", "1200"] in change.data["fields"]
    page = client.get(edit_url(tier)).content.decode()
    assert "Mainīti galvenie dati." in page  # the history shows the change

    assert client.get(retire_url(tier)).status_code == 200  # asked first
    response = client.post(retire_url(tier), {"reason": "Programma mainīta."})
    assert response.status_code == 302
    tier.refresh_from_db()
    assert tier.status == SubsidyTier.Status.RETIRED
    assert tier.changes.filter(to_status="retired", actor=staff).exists()
    overview = client.get(reverse("grants:subsidy-overview", args=[subsidy.slug]))
    assert overview.context["tiers"] == []  # no longer offered nor awarded
    assert SubsidyTier.objects.filter(pk=tier.pk).exists()  # kept for history


def test_the_tier_form_puts_each_message_beside_its_field(client, staff, subsidy):
    client.force_login(staff)
    response = client.post(new_tier_url(subsidy), tier_data(min_spent_percent="90"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "min_spent_percent" in form.errors
    assert response.context["form"].data["name"] == "Līdz 1000 EUR gadā"  # nothing typed lost
    base = add_tier(actor=staff, programme=subsidy, name="Bāze", amount=1000)
    response = client.post(
        new_tier_url(subsidy), tier_data(previous_tier=str(base.pk), min_spent_percent="120")
    )
    assert "min_spent_percent" in response.context["form"].errors
    assert not SubsidyTier.objects.exclude(pk=base.pk).exists()


def test_a_tier_with_awards_is_not_changed_but_may_be_retired(client, staff, subsidy):
    tier = add_tier(actor=staff, programme=subsidy, name="Līdz 1000 EUR", amount=1000)
    SubsidyAward.objects.create(tier=tier, community=CommunityFactory(), year=YEAR, amount=1000)
    client.force_login(staff)
    page = client.get(edit_url(tier))
    assert page.context["form"] is None and page.context["refusal"]
    response = client.post(edit_url(tier), tier_data(amount="5000"), follow=True)
    tier.refresh_from_db()
    assert tier.amount == 1000
    assert (
        "Retire it and set up a new tier" in response.content.decode()
        or response.context["messages"]
    )
    client.post(retire_url(tier), {})
    tier.refresh_from_db()
    assert tier.is_retired and tier.awards.count() == 1  # the award stays


def test_a_retired_tier_is_not_awarded(staff, subsidy):
    tier = add_tier(actor=staff, programme=subsidy, name="Vecā", amount=100)
    retire_tier(actor=staff, tier=tier)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        award_subsidies(actor=staff, tier=tier, communities=[CommunityFactory()], year=YEAR)


@pytest.mark.parametrize("who", ["resident", "leader", "evaluator"])
def test_only_staff_reach_the_tier_pages(client, subsidy, who, request):
    tier = add_tier(actor=None, programme=subsidy, name="T", amount=100)
    client.force_login(request.getfixturevalue(who))
    for url in (tiers_url(subsidy), new_tier_url(subsidy), edit_url(tier), retire_url(tier)):
        assert client.get(url).status_code == 403, url
    assert client.post(new_tier_url(subsidy), tier_data()).status_code == 403
    assert client.post(retire_url(tier), {}).status_code == 403
    tier.refresh_from_db()
    assert not tier.is_retired


def test_staff_of_another_municipality_do_not_reach_the_tiers_on_their_host(client, subsidy):
    elsewhere = MunicipalityFactory()
    their_staff = UserFactory(staff_of=elsewhere)
    tier = add_tier(actor=None, programme=subsidy, name="T", amount=100)
    client.force_login(their_staff)
    host = f"{elsewhere.slug}.test"
    assert client.get(tiers_url(subsidy), HTTP_HOST=host).status_code == 404
    assert client.post(retire_url(tier), {}, HTTP_HOST=host).status_code == 404
    assert client.get(tiers_url(subsidy)).status_code == 403  # on this host: not its staff


# Spending reports ---------------------------------------------------------------------------


@pytest.fixture
def riga(subsidy, staff):
    """Riga's two tiers, set up by staff: the 3,000 EUR one asks for the 1,000 EUR subsidy
    before, 90 % of it spent."""
    base = add_tier(
        actor=staff, programme=subsidy, name="Līdz 1000 EUR gadā", amount=1000, min_members=2
    )
    top = add_tier(
        actor=staff,
        programme=subsidy,
        name="3000 EUR",
        amount=3000,
        order=1,
        min_members=2,
        previous_tier=base,
        min_spent_percent=90,
    )
    return base, top


@pytest.fixture
def awarded(riga, community, leader):
    base, _top = riga
    MembershipFactory.create_batch(2, community=community)
    return SubsidyAward.objects.create(tier=base, community=community, year=YEAR - 1, amount=1000)


def lines_data(*lines, submit=False):
    data = {
        "lines-TOTAL_FORMS": str(len(lines) + 1),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for number, (what, amount) in enumerate(lines):
        data[f"lines-{number}-what"] = what
        data[f"lines-{number}-amount"] = amount
    data[f"lines-{len(lines)}-what"] = ""
    data[f"lines-{len(lines)}-amount"] = ""
    data["submit" if submit else "save"] = "1"
    return data


def test_leaders_report_spending_staff_return_then_accept(
    client, staff, leader, awarded, riga, mailoutbox, django_capture_on_commit_callbacks
):
    url = spending_url(awarded)
    client.force_login(leader)
    # The leader reaches the report from the community's subsidy page.
    community_page = reverse(
        "grants:subsidy-community", args=[awarded.tier.programme.slug, awarded.community.slug]
    )
    assert url in client.get(community_page).content.decode()
    assert client.get(url).status_code == 200
    # Submitting with nothing is refused with what is missing.
    response = client.post(url, lines_data(submit=True))
    assert response.status_code == 200
    assert response.context["lines"].non_form_errors()
    # A line without an amount: the message beside the field, the text kept.
    response = client.post(url, lines_data(("Skaņas tehnika", "")))
    assert response.context["lines"].forms[0].errors["amount"]
    assert "Skaņas tehnika" in response.content.decode()
    # Two lines, then a document.
    response = client.post(url, lines_data(("Skaņas tehnika", "500"), ("Stādi talkai", "200")))
    assert response.status_code == 302
    response = client.post(
        reverse("grants:spending-document-add", args=[awarded.pk]),
        {"title": "Rēķins par skaņu", "file": pdf()},
    )
    assert response.status_code == 302
    report = SpendingReport.objects.get(award=awarded)
    [document] = report.documents.all()
    assert client.get(reverse("grants:spending-document", args=[document.pk])).status_code == 200
    response = client.post(
        url, lines_data(("Skaņas tehnika", "500"), ("Stādi talkai", "200"), submit=True)
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == SpendingReport.Status.SUBMITTED and report.lines.count() == 2
    # Submitted: the leader changes nothing.
    assert client.post(url, lines_data(("Cits", "1"))).status_code == 403

    client.force_login(staff)
    decision = reverse("grants:spending-decision", args=[awarded.pk])
    response = client.post(decision, {"accept": "no", "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decision, {"accept": "no", "reason": "Trūkst stādu rēķina."})
    report.refresh_from_db()
    assert report.status == SpendingReport.Status.RETURNED
    assert Notification.objects.filter(kind=SPENDING_REVIEWED, user=leader).count() == 1
    [message] = [m for m in mailoutbox if m.to == [leader.email]]
    assert "Trūkst stādu rēķina." in message.body

    client.force_login(leader)
    assert "Trūkst stādu rēķina." in client.get(url).content.decode()
    client.post(
        reverse("grants:spending-document-add", args=[awarded.pk]),
        {"title": "Stādu rēķins", "file": pdf("stadi.pdf")},
    )
    response = client.post(
        url, lines_data(("Skaņas tehnika", "500"), ("Stādi talkai", "420"), submit=True)
    )
    assert response.status_code == 302

    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decision, {"accept": "yes", "reason": ""})
    report.refresh_from_db()
    awarded.refresh_from_db()
    assert report.status == SpendingReport.Status.ACCEPTED
    assert awarded.spent_amount == Decimal("920.00")
    assert Notification.objects.filter(kind=SPENDING_REVIEWED, user=leader).count() == 2
    assert [c.actor for c in report.changes.all()] == [None, leader, staff, leader, staff]

    # 920 of 1000 spent (≥ 90 %): the 3,000 EUR tier is met this year.
    _base, top = riga
    facts = facts_for([awarded.community], YEAR)
    assert evaluate(top, facts[awarded.community.pk], YEAR).met


def test_less_than_the_share_spent_does_not_meet_the_3000_tier(staff, awarded, riga, leader):

    save_spending_lines(actor=leader, award=awarded, lines=[("Skaņa", Decimal("500"))])
    add_spending_document(actor=leader, award=awarded, title="R", file=pdf())
    report = submit_spending_report(actor=leader, award=awarded)
    decide_spending_report(actor=staff, report=report, accept=True)
    _base, top = riga
    facts = facts_for([awarded.community], YEAR)
    result = evaluate(top, facts[awarded.community.pk], YEAR)
    assert not result.met


def test_a_board_member_files_too(client, board_member, awarded):
    client.force_login(board_member)
    response = client.post(spending_url(awarded), lines_data(("Talka", "100")))
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["resident", "member", "evaluator", "other_leader"])
def test_others_do_not_see_or_file_a_spending_report(client, awarded, who, request, leader):

    document = add_spending_document(actor=leader, award=awarded, title="Rēķins", file=pdf())
    if who == "other_leader":
        person = UserFactory()
        MembershipFactory(community=CommunityFactory(), user=person, role=Membership.Role.LEADER)
    else:
        person = request.getfixturevalue(who)
    client.force_login(person)
    assert client.get(spending_url(awarded)).status_code == 404
    assert client.post(spending_url(awarded), lines_data(("X", "1"))).status_code == 404
    download = reverse("grants:spending-document", args=[document.pk])
    assert client.get(download).status_code == 404
    decision = reverse("grants:spending-decision", args=[awarded.pk])
    assert client.post(decision, {"accept": "yes"}).status_code == 404


def test_staff_of_another_municipality_do_not_see_the_report_on_their_host(client, awarded, leader):

    document = add_spending_document(actor=leader, award=awarded, title="Rēķins", file=pdf())
    elsewhere = MunicipalityFactory()
    client.force_login(UserFactory(staff_of=elsewhere))
    host = f"{elsewhere.slug}.test"
    assert client.get(spending_url(awarded), HTTP_HOST=host).status_code == 404
    download = reverse("grants:spending-document", args=[document.pk])
    assert client.get(download, HTTP_HOST=host).status_code == 404


def test_staff_do_not_file_and_leaders_do_not_decide(client, staff, leader, awarded):

    client.force_login(staff)
    assert client.post(spending_url(awarded), lines_data(("X", "1"))).status_code == 403
    save_spending_lines(actor=leader, award=awarded, lines=[("X", 1)])
    add_spending_document(actor=leader, award=awarded, title="R", file=pdf())
    submit_spending_report(actor=leader, award=awarded)
    client.force_login(leader)
    decision = reverse("grants:spending-decision", args=[awarded.pk])
    assert client.post(decision, {"accept": "yes"}).status_code == 403


# Registered for N years ---------------------------------------------------------------------


def test_registered_years_count_from_the_date_in_the_register(client, staff, subsidy):
    person = UserFactory()
    client.force_login(person)
    neighbourhood = NeighbourhoodFactory()
    registered = datetime.date(YEAR - 2, 3, 12)
    data = registration_data(neighbourhood, registered_on=registered.isoformat())
    response = client.post(reverse("communities:community-register"), data)
    assert response.status_code == 302
    community = Community.objects.get(name=data["name"])
    assert community.registered_on == registered

    client.force_login(staff)
    review = reverse("communities:community-review", args=[community.slug])
    page = client.get(review).content.decode()
    assert "40008123456" in page and "Uzņēmumu reģistr" in page
    response = client.post(review, {"decision": "verify", "reason": ""})
    assert response.status_code == 200 and "register_checked" in response.context["form"].errors
    response = client.post(review, {"decision": "verify", "reason": "", "register_checked": "on"})
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.status == Community.Status.VERIFIED
    verified = community.status_changes.get(to_status="verified")
    assert verified.data["registered_on"] == registered.isoformat()

    # Verified this year, registered two years ago: two years, not none.
    tier = add_tier(
        actor=staff, programme=subsidy, name="Divi gadi", amount=100, min_registered_years=2
    )
    facts = facts_for([community], YEAR)
    assert evaluate(tier, facts[community.pk], YEAR).met
    longer = add_tier(
        actor=staff, programme=subsidy, name="Trīs gadi", amount=100, min_registered_years=3
    )
    assert not evaluate(longer, facts[community.pk], YEAR).met


def test_an_informal_group_is_told_what_is_missing(client, subsidy, community, leader):
    add_tier(actor=None, programme=subsidy, name="Gads", amount=100, min_registered_years=1)
    assert community.registered_on is None
    client.force_login(leader)
    page = client.get(
        reverse("grants:subsidy-standing", args=[community.slug]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Uzņēmumu reģistrs" in page


# Query caps -----------------------------------------------------------------------------------


def test_the_new_pages_keep_their_queries(
    client, staff, leader, awarded, riga, django_assert_max_num_queries
):
    for number in range(5):
        add_spending_document(actor=leader, award=awarded, title=f"Rēķins {number}", file=pdf())
    save_spending_lines(actor=leader, award=awarded, lines=[(f"Rinda {n}", 10) for n in range(8)])
    for number in range(6):
        add_tier(actor=staff, programme=awarded.tier.programme, name=f"Līmenis {number}", amount=10)
    client.force_login(leader)
    with django_assert_max_num_queries(15):
        assert client.get(spending_url(awarded)).status_code == 200
    client.force_login(staff)
    with django_assert_max_num_queries(15):
        assert client.get(spending_url(awarded)).status_code == 200
    programme = awarded.tier.programme
    with django_assert_max_num_queries(15):
        assert client.get(tiers_url(programme)).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(edit_url(awarded.tier)).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(new_tier_url(programme)).status_code == 200
