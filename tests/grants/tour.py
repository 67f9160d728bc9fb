"""The grants' part of the page tour (tests/page_tour.py): rows and pages."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from grants.models import (
    Application,
    ConflictDeclaration,
    Programme,
    Question,
    Report,
    Round,
    SubsidyAward,
)
from grants.services.applications import save_application, start_application
from grants.services.grant_reports import create_reports
from grants.services.spending import (
    add_spending_document,
    save_spending_lines,
    submit_spending_report,
)
from grants.services.subsidies import add_tier, change_tier
from tests.grants.factories import ApplicationFactory, ProgrammeFactory, RoundFactory, assign
from tests.mfa import enable_totp
from tests.portal.factories import UserFactory

LONG_TITLE = "Apkaimes iedzīvotāju kopīgās svētku un talku tradīcijas atjaunošanas projekts"


def build_grants(world, long_word):
    community, leader = world["community"], world["people"]["leader"]
    programme = ProgrammeFactory(name=f"Apkaimju projektu konkurss {long_word}")
    open_round = RoundFactory(
        programme=programme,
        title=LONG_TITLE,
        description=f"Noteikumi. {long_word}.",
        priorities=long_word,
        deadline=timezone.now() + datetime.timedelta(days=20),  # warns: a short period
    )
    draft = start_application(actor=leader, round=open_round, community=community, title=LONG_TITLE)
    save_application(
        actor=leader,
        application=draft,
        description=long_word,
        in_kind=[{"kind": "work", "description": long_word, "value": Decimal("300")}],
        budget_lines=[
            {"category": "materials", "description": long_word, "amount": Decimal("1234.56")},
            {"category": "management", "description": "Vadība", "amount": Decimal("100")},
        ],
    )
    # The cap is lowered after the draft was saved: as it stands, the form is refused.
    type(open_round).objects.filter(pk=open_round.pk).update(admin_cap_percent=Decimal("5"))
    evaluating = RoundFactory(
        programme=programme,
        title=f"Vērtēšanā {long_word}",
        status=Round.Status.EVALUATION,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    scored = ApplicationFactory(
        round=evaluating, title=LONG_TITLE, status=Application.Status.ELIGIBLE
    )
    evaluator = UserFactory(full_name="Kārlis Grīnbergs")
    enable_totp(evaluator)
    assign(evaluating, evaluator)
    ConflictDeclaration.objects.create(application=scored, evaluator=evaluator, has_conflict=False)
    finished = RoundFactory(
        programme=programme,
        title=f"Noslēgusies {long_word}",
        status=Round.Status.RESULTS,
        deadline=timezone.now() - datetime.timedelta(days=100),
    )
    awarded = ApplicationFactory(
        round=finished,
        community=community,
        title=LONG_TITLE,
        status=Application.Status.AWARDED,
        awarded_amount=Decimal("1000"),
    )
    create_reports(finished)
    subsidy = ProgrammeFactory(kind=Programme.Kind.SUBSIDY, name=f"Dotācija {long_word}")
    staff = world["people"]["staff"]
    tier = add_tier(
        actor=staff,
        programme=subsidy,
        name=f"Aktīva kopiena {long_word}",
        amount=Decimal("500"),
        min_events=2,
        event_min_attendance=20,
        min_joint_opinions=1,
        tradition_min_attendance=50,
    )
    change_tier(actor=staff, tier=tier, name=f"Aktīvākā kopiena {long_word}")
    # Two awards of earlier years: one's spending the leader still writes, one's submitted.
    writing = SubsidyAward.objects.create(
        tier=tier, community=community, year=timezone.localdate().year - 1, amount=500
    )
    save_spending_lines(
        actor=leader, award=writing, lines=[(f"Skaņas aparatūra {long_word}", Decimal("320"))]
    )
    document = add_spending_document(
        actor=leader,
        award=writing,
        title=f"Rēķins {long_word}",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="rekins.pdf"),
    )
    submitted = SubsidyAward.objects.create(
        tier=tier, community=community, year=timezone.localdate().year - 2, amount=500
    )
    save_spending_lines(actor=leader, award=submitted, lines=[("Talkas maisi", Decimal("95"))])
    add_spending_document(
        actor=leader,
        award=submitted,
        title="Čeks",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="ceks.pdf"),
    )
    submit_spending_report(actor=leader, award=submitted)
    empty = SubsidyAward.objects.create(
        tier=tier, community=community, year=timezone.localdate().year - 3, amount=500
    )
    retiring = add_tier(
        actor=staff, programme=subsidy, name=f"Vecais līmenis {long_word}", amount=100
    )
    Question.objects.create(round=open_round, text=f"Vai drīkst? {long_word}")
    world["people"]["evaluator"] = evaluator
    world["grants"] = {
        "open": open_round,
        "draft": draft,
        "evaluating": evaluating,
        "scored": scored,
        "awarded": awarded,
        "report": awarded.reports.get(kind=Report.Kind.PROGRESS),
        "subsidy": subsidy,
        "tier": tier,
        "retiring": retiring,
        "writing": writing,
        "empty": empty,
        "submitted": submitted,
        "spending document": document,
    }


def grants_pages(world, page):
    g = world["grants"]
    o, e = g["open"].slug, g["evaluating"].slug
    draft, scored, awarded = g["draft"], g["scored"], g["awarded"]
    base = f"/lv/grants/{o}/applications/{draft.pk}/"
    return [
        page("grant rounds", "anonymous", "/lv/grants/"),
        page("round page", "anonymous", f"/lv/grants/{o}/"),
        page("round page (staff)", "staff", f"/lv/grants/{o}/"),
        # The leader's: the community's draft and the reminder form (issue 25's fuzz test).
        page("round page (leader)", "leader", f"/lv/grants/{o}/"),
        page("new round", "staff", "/lv/grants/new/"),
        page("round form", "staff", f"/lv/grants/{o}/edit/"),
        page("new programme", "staff", "/lv/grants/programmes/new/"),
        page("publishing a round", "staff", f"/lv/grants/{o}/publish/"),
        page("starting an application", "leader", f"/lv/grants/{o}/apply/"),
        page("application form", "leader", base + "edit/"),
        page(
            "application form with a budget error",
            "leader",
            base + "edit/",
            post={"action": "save"},
        ),
        page("application page", "leader", base),
        page("attaching a file", "leader", base + "attachments/add/"),
        page("applications", "staff", f"/lv/grants/{e}/applications/"),
        page(
            "eligibility and decision", "staff", f"/lv/grants/{e}/applications/{scored.pk}/review/"
        ),
        page("evaluators", "staff", f"/lv/grants/{e}/evaluators/"),
        page("ranking", "staff", f"/lv/grants/{e}/ranking/"),
        page("evaluation", "evaluator", f"/lv/grants/{e}/evaluation/"),
        page("scoring form", "evaluator", f"/lv/grants/{e}/applications/{scored.pk}/score/"),
        page(
            "report form",
            "leader",
            f"/lv/grants/{awarded.round.slug}/applications/{awarded.pk}/reports/{g['report'].pk}/",
        ),
        page("awarded application", "leader", awarded.get_absolute_url()),
        page("questions to answer", "staff", f"/lv/grants/{o}/questions/"),
        page("subsidy tiers", "staff", f"/lv/grants/subsidies/{g['subsidy'].slug}/"),
        page(
            "a community's subsidy standing",
            "leader",
            f"/lv/grants/subsidies/{g['subsidy'].slug}/{world['community'].slug}/",
        ),
        *subsidy_pages(g, page),
    ]


def subsidy_pages(g, page):
    """Issue 26, item 1: the tiers staff set up, and the spending of an award."""
    tiers = f"/lv/grants/subsidy-tiers/{g['subsidy'].slug}/"
    writing, submitted = g["writing"].pk, g["submitted"].pk
    return [
        page("subsidy tiers of a programme", "staff", tiers),
        page("setting up a subsidy tier", "staff", tiers + "new/"),
        page(
            "subsidy tier form with errors",
            "staff",
            tiers + "new/",
            post={"action": "save"},
        ),
        page("a subsidy tier with awards", "staff", f"{tiers}{g['tier'].pk}/"),
        page("changing a subsidy tier", "staff", f"{tiers}{g['retiring'].pk}/"),
        page("retiring a subsidy tier", "staff", f"{tiers}{g['retiring'].pk}/retire/"),
        page(
            "spending report (leader)", "leader", f"/lv/grants/subsidy-awards/{writing}/spending/"
        ),
        page(
            "spending report submitted empty",
            "leader",
            f"/lv/grants/subsidy-awards/{g['empty'].pk}/spending/",
            post={"submit": "1"},
        ),
        page(
            "spending report to decide",
            "staff",
            f"/lv/grants/subsidy-awards/{submitted}/spending/",
        ),
        page(
            "removing a spending document",
            "leader",
            f"/lv/grants/subsidy-awards/{writing}/spending/documents/"
            f"{g['spending document'].pk}/remove/",
        ),
    ]
