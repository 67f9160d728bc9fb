"""The grants' demo rows, built through the services (called by ``front.demo``).

Ķekava: a project competition with an open round (criteria, a document, published Q&A, the
seminar ahead, a draft of Mežinieku kopiena) and a closed round with scored applications,
one declared conflict of interest, one the portal knows, published results and a progress
report filed line by line with a photo and returned for correction; an annual
subsidy with two tiers from the guidelines, set up by staff, and Mežinieku kopiena's reports
of what its earlier subsidies were spent on (one accepted, one returned with a reason). Riga:
its tiers for neighbourhood associations, set up by its staff, and a competition whose round
asks for a final report only: one filed line by line (a line spent above its approved amount,
with the reason) with a receipt and a photo.
``evaluator@demo.lv`` is assigned to the closed and the open round. Idempotent: rounds and
programmes are keyed on their short names and are not built twice.
"""

import datetime
import io
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from communities.models import Community

from .models import Application, Programme, Round
from .services.applications import save_application, start_application, submit_application
from .services.evaluation import (
    assign_evaluator,
    check_eligibility,
    close_submissions,
    decide_application,
    declare_conflict,
    publish_results,
    score_application,
)
from .services.grant_reports import add_report_file, decide_report, file_report
from .services.rounds import (
    add_round_document,
    answer_question,
    ask_question,
    create_programme,
    create_round,
    publish_round,
)
from .services.spending import (
    add_spending_document,
    decide_spending_report,
    save_spending_lines,
    submit_spending_report,
)
from .services.subsidies import add_tier

DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
CRITERIA = [
    {
        "name": "Nozīme apkaimei",
        "description": "Cik daudz iedzīvotāju ieguvums.",
        "weight": 3,
        "max_score": 5,
    },
    {
        "name": "Iedzīvotāju iesaiste",
        "description": "Brīvprātīgie, talkas, pasākumi.",
        "weight": 2,
        "max_score": 5,
    },
    {
        "name": "Budžeta pamatotība",
        "description": "Izmaksas atbilst darbiem.",
        "weight": 1,
        "max_score": 5,
    },
]


def _programme(municipality, slug, **values):
    found = Programme.objects.of(municipality).filter(slug=slug).first()
    if found:
        return found
    programme = create_programme(actor=None, municipality=municipality, **values)
    Programme.objects.filter(pk=programme.pk).update(slug=slug)
    programme.slug = slug
    return programme


def _round(programme, slug, *, actor, **values):
    found = Round.objects.of(programme.municipality).filter(slug=slug).first()
    if found:
        return found, False
    round_ = create_round(actor=actor, programme=programme, criteria=CRITERIA, **values)
    Round.objects.filter(pk=round_.pk).update(slug=slug)
    round_.slug = slug
    return round_, True


def _apply(round_, community, leader, title, lines, *, submit=True, own=Decimal("0")):
    application = start_application(actor=leader, round=round_, community=community, title=title)
    application = save_application(
        actor=leader,
        application=application,
        description=f"{title}: apkaimes iedzīvotāju kopīgs projekts.",
        activities="Pavasarī sagatavošana un talka, vasarā īstenošana, rudenī svētki.",
        own_contribution=own,
        budget_lines=[{"category": c, "description": d, "amount": Decimal(a)} for c, d, a in lines],
        in_kind=[{"kind": "work", "description": "Talkas darbs", "value": Decimal("400")}],
        neighbourhoods=list(community.neighbourhoods.all()[:2]),
    )
    if submit:
        application = submit_application(actor=leader, application=application)
    return application


def build_kekava(municipality, users):
    today = timezone.localdate()
    now = timezone.now()
    staff, evaluator = users["staff@demo.lv"], users["evaluator@demo.lv"]
    competition = _programme(
        municipality,
        "apkaimju-iniciativas",
        kind=Programme.Kind.COMPETITION,
        name="Apkaimju iniciatīvu projektu konkurss",
        description="Pašvaldības atbalsts kopienu projektiem apkaimēs.",
    )
    communities = {
        c.slug: c
        for c in Community.objects.of(municipality).filter(status__in=Community.WORKING_STATUSES)
    }
    # The closed round: applied, scored, decided, results published ------------------------
    closed, new = _round(
        competition,
        "apkaimju-iniciativas-pagajusais-gads",
        actor=staff,
        title="Apkaimju iniciatīvas — pagājušā gada kārta",
        description="Atbalsts apkaimju labiekārtošanai un kopienu pasākumiem.",
        budget=Decimal("15000"),
        announced_on=today - datetime.timedelta(days=200),
        deadline=now + datetime.timedelta(days=1),
        seminar_on=today - datetime.timedelta(days=120),
        evaluation_deadline=today - datetime.timedelta(days=80),
        decision_on=today - datetime.timedelta(days=70),
        implementation_starts=today - datetime.timedelta(days=60),
        implementation_ends=today + datetime.timedelta(days=305),
        progress_report_due_on=today + datetime.timedelta(days=45),
        final_report_due_on=today + datetime.timedelta(days=335),
        eligible_applicants="Pašvaldībā apstiprinātas kopienas.",
        priorities="Apkaimes ārpus blīvi apdzīvotām vietām.",
        max_request=Decimal("3000"),
        admin_cap_percent=Decimal("15"),
        in_kind_accepted=True,
    )
    if new:
        publish_round(actor=staff, round=closed)
        plans = [
            (
                "mezinieku-kopiena",
                "leader@demo.lv",
                "Mežinieku apkaimes norādes un soliņi",
                [("equipment", "Soliņi", "1800"), ("management", "Projekta vadība", "200")],
            ),
            (
                "daugmales-kopiena",
                "martins.kalns@demo.lv",
                "Daugmales krasta talka",
                [("materials", "Stādi un mulča", "1200"), ("events", "Talkas ēdināšana", "300")],
            ),
            (
                "kazoku-kaimini",
                "inese.berza@demo.lv",
                "Kažoku pagalma svētki",
                [("events", "Svētku programma", "900"), ("accounting", "Grāmatvedība", "100")],
            ),
        ]
        applications = []
        for slug, email, title, lines in plans:
            if slug in communities and email in users:
                applications.append(_apply(closed, communities[slug], users[email], title, lines))
        Round.objects.filter(pk=closed.pk).update(deadline=now - datetime.timedelta(days=100))
        closed.refresh_from_db()
        close_submissions(actor=staff, round=closed)
        for application in applications:
            application.round = closed
        second = users.get("anna.liepa@demo.lv")  # board of Mežinieku: a conflict it knows
        for person in filter(None, (evaluator, second)):
            assign_evaluator(actor=staff, round=closed, user=person)
        for application in applications:
            check_eligibility(actor=staff, application=application, eligible=True)
        criteria = list(closed.criteria.all())
        marks = {0: (5, 4, 4), 1: (4, 5, 3), 2: (3, 3, 5)}
        for number, application in enumerate(applications):
            for person in filter(None, (evaluator, second)):
                conflicted = person == evaluator and number == 1
                declaration = declare_conflict(
                    actor=person,
                    application=application,
                    has_conflict=conflicted,
                    note="Esmu šīs kopienas kaimiņš un palīdzēju rakstīt pieteikumu."
                    if conflicted
                    else "",
                )
                if declaration.has_conflict:
                    continue
                scores = {
                    c.pk: (marks[number][i], "Pamatots ar pieteikuma aprakstu un budžetu.")
                    for i, c in enumerate(criteria)
                }
                score_application(actor=person, application=application, scores=scores)
        for number, application in enumerate(applications):
            if number == 0:
                decide_application(
                    actor=staff,
                    application=application,
                    award=True,
                    amount=application.requested_amount - 200,
                    reason="Soliņu skaits samazināts atbilstoši budžetam.",
                )
            else:
                decide_application(
                    actor=staff,
                    application=application,
                    award=False,
                    reason="Zemāks vērtējums; aicinām pieteikties nākamajā kārtā.",
                )
        publish_results(actor=staff, round=closed)
        _returned_report(applications[0], staff=staff)
    # The open round: criteria, a document, Q&A, the seminar ahead ---------------------------
    open_round, new = _round(
        competition,
        "apkaimju-iniciativas",
        actor=staff,
        title="Apkaimju iniciatīvas — šī gada kārta",
        description=(
            "Atbalsts kopienu projektiem: labiekārtošana, tradīcijas, kaimiņu pasākumi. "
            "Attiecināmas arī projekta vadības, organizēšanas un grāmatvedības izmaksas."
        ),
        budget=Decimal("20000"),
        announced_on=today - datetime.timedelta(days=20),
        deadline=now + datetime.timedelta(days=70),
        seminar_on=today + datetime.timedelta(days=53),
        evaluation_deadline=today + datetime.timedelta(days=100),
        decision_on=today + datetime.timedelta(days=110),
        implementation_starts=today + datetime.timedelta(days=120),
        implementation_ends=today + datetime.timedelta(days=500),
        progress_report_due_on=today + datetime.timedelta(days=310),
        final_report_due_on=today + datetime.timedelta(days=530),
        eligible_applicants="Pašvaldībā apstiprinātas kopienas un biedrības.",
        priorities="Vismaz trešdaļa budžeta — apkaimēm ārpus blīvi apdzīvotām vietām.",
        max_request=Decimal("3000"),
        admin_cap_percent=Decimal("15"),
        in_kind_accepted=True,
    )
    if new:
        add_round_document(
            actor=staff,
            round=open_round,
            title="Konkursa nolikums",
            file=ContentFile(DEMO_PDF, name="nolikums.pdf"),
        )
        publish_round(actor=staff, round=open_round)
        assign_evaluator(actor=staff, round=open_round, user=evaluator)
        asker = users.get("resident@demo.lv")
        for text, answer in (
            (
                "Vai var pieteikties neformāla iedzīvotāju grupa?",
                "Jā, ja pašvaldība to ir apstiprinājusi kā kopienu portālā.",
            ),
            (
                "Vai brīvprātīgo darbu var ieskaitīt līdzfinansējumā?",
                "Jā, kā ieguldījumu natūrā tirgus cenās, bez čekiem.",
            ),
        ):
            question = ask_question(actor=asker, round=open_round, text=text)
            answer_question(actor=staff, question=question, answer=answer, published=True)
        if "mezinieku-kopiena" in communities:
            _apply(
                open_round,
                communities["mezinieku-kopiena"],
                users["leader@demo.lv"],
                "Mežinieku Jāņu ielīgošana",
                [("events", "Mūziķi", "800")],
                submit=False,
            )
    # The annual subsidy with two tiers from the guidelines ---------------------------------
    subsidy = _programme(
        municipality,
        "kopienu-dotacija",
        kind=Programme.Kind.SUBSIDY,
        name="Ikgadējā dotācija kopienām",
        description="Atbalsts aktīvām kopienām pēc to darbības gada laikā.",
    )
    if not subsidy.tiers.exists():
        # Set up by staff through the service their tiers page uses (history: who and when).
        active = add_tier(
            actor=staff,
            programme=subsidy,
            name="Aktīva kopiena",
            amount=Decimal("500"),
            min_declared_residents=20,
            min_events=2,
            event_min_attendance=20,
            min_joint_opinions=1,
        )
        add_tier(
            actor=staff,
            programme=subsidy,
            name="Apkaimes balss",
            amount=Decimal("1500"),
            order=1,
            min_declared_residents=50,
            min_events=4,
            event_min_attendance=20,
            min_joint_opinions=2,
            tradition_min_attendance=50,
        )
        if "mezinieku-kopiena" in communities:
            # Mežinieku kopiena's subsidy of two years ago, its spending accepted (the total
            # is the award's spent amount), and last year's, its report returned with what
            # to correct (the leaders are told and correct it on its page).
            mezinieki, leader = communities["mezinieku-kopiena"], users["leader@demo.lv"]
            _spending(
                active,
                mezinieki,
                years_ago=2,
                leader=leader,
                staff=staff,
                lines=[("Apkaimes foruma telpu noma", "180"), ("Māju norādes", "300")],
            )
            _spending(
                active,
                mezinieki,
                years_ago=1,
                leader=leader,
                staff=staff,
                lines=[("Skaņas aparatūras noma Jāņu ielīgošanai", "320"), ("Talkas maisi", "95")],
                reason="Pievienojiet talkas maisu pirkuma čeku; skaņas nomas rēķins ir kārtībā.",
            )


def _spending(tier, community, *, years_ago, leader, staff, lines, reason=""):
    """An earlier year's award of ``tier`` (recorded before the portal kept the activity record
    it would be checked against), and the leaders' report of its spending, with one
    document, decided by staff: returned with ``reason``, or accepted without one."""
    from .models import SubsidyAward

    award, new = SubsidyAward.objects.get_or_create(
        tier=tier,
        community=community,
        year=timezone.localdate().year - years_ago,
        defaults={"amount": tier.amount, "awarded_by": staff},
    )
    if not new:
        return
    rows = [(what, Decimal(amount)) for what, amount in lines]
    save_spending_lines(actor=leader, award=award, lines=rows)
    add_spending_document(
        actor=leader,
        award=award,
        title="Rēķini un čeki",
        file=ContentFile(DEMO_PDF, name="rekini.pdf"),
    )
    report = submit_spending_report(actor=leader, award=award)
    decide_spending_report(actor=staff, report=report, accept=not reason, reason=reason)


def build_riga(municipality, users):
    _riga_competition(municipality, users)
    subsidy = _programme(
        municipality,
        "apkaimju-biedribu-atbalsts",
        kind=Programme.Kind.SUBSIDY,
        name="Atbalsts apkaimju biedrībām",
        description="Rīgas prakse: atbalsts apkaimju biedrībām pēc biedru skaita un darbības.",
    )
    if subsidy.tiers.exists():
        return
    staff = users["riga.staff@demo.lv"]
    base = add_tier(
        actor=staff,
        programme=subsidy,
        name="Līdz 1000 EUR gadā",
        amount=Decimal("1000"),
        min_members=10,
        members_more_each_award=5,
        members_cap=35,
        min_registered_years=1,
    )
    add_tier(
        actor=staff,
        programme=subsidy,
        name="3000 EUR",
        amount=Decimal("3000"),
        order=1,
        min_members=35,
        previous_tier=base,
        min_spent_percent=90,
    )
    _programme(
        municipality,
        "lidzdalibas-budzets",
        kind=Programme.Kind.PARTICIPATORY,
        name="Rīgas līdzdalības budžets",
        description="Iedzīvotāji balso par projektiem valsts platformā GeoLatvija.",
    )


def _riga_competition(municipality, users):
    """A round of last year, decided and published: the staff dashboard's grants chart."""
    today, now = timezone.localdate(), timezone.now()
    staff = users["riga.staff@demo.lv"]
    competition = _programme(
        municipality,
        "apkaimju-projekti",
        kind=Programme.Kind.COMPETITION,
        name="Apkaimju iniciatīvu konkurss Rīgā",
        description="Atbalsts apkaimju biedrību projektiem.",
    )
    decided, new = _round(
        competition,
        "apkaimju-projekti-pagajusais-gads",
        actor=staff,
        title="Apkaimju iniciatīvas Rīgā — pagājušā gada kārta",
        description="Atbalsts pagalmu labiekārtošanai un kaimiņu dienām.",
        budget=Decimal("10000"),
        announced_on=today - datetime.timedelta(days=220),
        deadline=now + datetime.timedelta(days=1),
        seminar_on=today - datetime.timedelta(days=150),
        evaluation_deadline=today - datetime.timedelta(days=90),
        decision_on=today - datetime.timedelta(days=80),
        implementation_starts=today - datetime.timedelta(days=70),
        implementation_ends=today + datetime.timedelta(days=290),
        # Riga asks for the final report only.
        final_report_due_on=today + datetime.timedelta(days=320),
        eligible_applicants="Rīgas apkaimju biedrības.",
        max_request=Decimal("3000"),
        admin_cap_percent=Decimal("15"),
        in_kind_accepted=True,
    )
    if not new:
        return
    publish_round(actor=staff, round=decided)
    communities = {c.slug: c for c in Community.objects.of(municipality).working()}
    plans = [
        (
            "agenskalna-apkaimes-biedriba",
            "liga.vanaga@demo.lv",
            "Āgenskalna pagalmu soliņi",
            [("equipment", "Soliņi un puķu kastes", "2200"), ("management", "Vadība", "200")],
        ),
        (
            "katlakalna-kopiena",
            "roberts.krumins@demo.lv",
            "Katlakalna kaimiņu diena",
            [("events", "Svētku programma", "700")],
        ),
    ]
    applications = [
        _apply(decided, communities[slug], users[email], title, lines)
        for slug, email, title, lines in plans
        if slug in communities and email in users
    ]
    Round.objects.filter(pk=decided.pk).update(deadline=now - datetime.timedelta(days=120))
    decided.refresh_from_db()
    close_submissions(actor=staff, round=decided)
    for application in applications:
        application.round = decided
        check_eligibility(actor=staff, application=application, eligible=True)
        decide_application(
            actor=staff,
            application=application,
            award=True,
            amount=application.requested_amount,
            reason="Atbilst konkursa mērķiem.",
        )
    publish_results(actor=staff, round=decided)
    if len(applications) > 1:
        _filed_report(applications[1])


def _picture(seed):
    """A small generated photo for a report (a lawn, a bench and the sky)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 320), (150, 200, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 210, 480, 320], fill=(80 + seed * 40 % 80, 150, 70))
    draw.rectangle([150 + seed * 20, 180, 330 + seed * 20, 200], fill=(120, 80, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="foto.png")


def _report_lines(application, spent, notes=()):
    """The report's lines against the approved budget: ``spent`` in the order of the lines."""
    notes = dict(notes)
    return [
        {"budget_line": line.pk, "spent": Decimal(amount), "note": notes.get(number, "")}
        for number, (line, amount) in enumerate(
            zip(application.budget_lines.order_by("pk"), spent, strict=False)
        )
    ]


def _add_files(report, leader, files):
    for kind, title, content in files:
        add_report_file(actor=leader, report=report, kind=kind, title=title, file=content)


def _returned_report(application, *, staff):
    """The awarded project's progress report, filed by its leader line by line with a photo
    and returned by staff with what to correct (the leaders are told; issue 26)."""
    from .models import Report, ReportFile

    report = application.reports.filter(kind=Report.Kind.PROGRESS).first()
    if report is None or application.created_by is None:
        return
    leader = application.created_by
    _add_files(
        report,
        leader,
        [(ReportFile.Kind.PHOTO, "Soliņi pie rotaļu laukuma", _picture(2))],
    )
    file_report(
        actor=leader,
        report=report,
        narrative="Uzstādīti četri soliņi pie rotaļu laukuma; divi vēl jāuzstāda.",
        lines=_report_lines(application, ["600.00", "80.00"]),
        spending_note="Soliņi 4 × 150 €",
    )
    decide_report(
        actor=staff,
        report=report,
        accept=False,
        reason="Pievienojiet soliņu pirkuma čeku un foto no uzstādīšanas vietas.",
    )


def _filed_report(application):
    """A final report filed line by line with a receipt and a photo, for staff to review."""
    from .models import Report, ReportFile

    report = application.reports.filter(kind=Report.Kind.FINAL).first()
    if report is None or application.created_by is None:
        return
    leader = application.created_by
    _add_files(
        report,
        leader,
        [
            (ReportFile.Kind.RECEIPT, "Ēdināšanas rēķins", ContentFile(DEMO_PDF, "rekins.pdf")),
            (ReportFile.Kind.PHOTO, "Kaimiņu diena pagalmā", _picture(1)),
        ],
    )
    file_report(
        actor=leader,
        report=report,
        narrative="Kaimiņu diena notika; piedalījās ap 120 iedzīvotāju.",
        lines=_report_lines(
            application,
            ["760.00"],
            notes={
                0: "Vairāk dalībnieku, nekā plānots: ēdināšana dārgāka; starpību sedza biedrība."
            },
        ),
    )


def build(municipality, *, users):
    if municipality.slug == "riga":
        build_riga(municipality, users)
    else:
        build_kekava(municipality, users)


def counts():
    return {
        "grant rounds": Round.objects.count(),
        "grant applications": Application.objects.count(),
    }
