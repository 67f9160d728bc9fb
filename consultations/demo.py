"""The consultations' demo rows: for each demo municipality an open consultation with
submissions from residents and a community, a completed one whose every submission is
answered (several statuses), and a resident forum and an NGO day in its events calendar.

Called by ``front.demo.build_all`` once the communities exist. Rows are written through
the services; their past is then dated back, and moves of that past go through
``portal.history.move_to`` without the invitations the services would send. Idempotent:
keyed on slugs and titles. Dates are relative to today.
"""

from datetime import timedelta

from django.utils import timezone

from communities.models import Community, Membership
from portal.history import move_to
from portal.workdays import add_working_days, working_days_between

from .models import Consultation, MunicipalEvent, ProblemReport, Submission
from .models.submissions import AnswerStatus
from .services.answers import answer_submissions
from .services.calendar import create_event, update_event
from .services.consultations import complete_consultation, create_consultation
from .services.problems import report_problem
from .services.submissions import submit_opinion

DAY = timedelta(days=1)

# Per municipality slug: who speaks and which staff member is responsible.
PEOPLE = {
    "kekavas-novads": {
        "staff": "staff@demo.lv",
        "residents": ["resident@demo.lv", "anna.liepa@demo.lv", "martins.kalns@demo.lv"],
        "leader": "leader@demo.lv",
    },
    "riga": {
        "staff": "riga.staff@demo.lv",
        "residents": ["resident@demo.lv", "roberts.krumins@demo.lv"],
        "leader": "liga.vanaga@demo.lv",
    },
}

OPEN = {
    "slug": "ielu-apgaismojuma-plans",
    "title": "Ielu apgaismojuma plāns 2027–2029",
    "kind": Consultation.Kind.INVESTMENT,
    "description": (
        "Pašvaldība plāno trīs gados izbūvēt vai atjaunot ielu apgaismojumu. Projektā ir "
        "ielu saraksts un kārtība, kādā tās tiks apgaismotas. Sakiet, kuras ielas jums "
        "vakaros šķiet bīstamākās un kas būtu jāmaina."
    ),
    "easy_summary": (
        "Pašvaldība grib ierīkot jaunas ielu lampas. Pasakiet, kur vakaros ir pārāk tumšs."
    ),
    "remote_participation": "Viedokli var iesniegt portālā vai nosūtīt e-pastā pašvaldībai.",
    "venue": "Kultūras nama mazā zāle",
    "venue_step_free": True,
}
OPEN_SUBMISSIONS = [
    "Skolas ielā starp veikalu un autobusa pieturu vakaros ir pilnīgi tumšs; bērni tur iet "
    "no pulciņiem. Lūdzu to iekļaut pirmajā gadā.",
    "Atbalstu plānu, bet lūdzu izvēlēties siltas gaismas lampas, kas nespīd logos.",
]
OPEN_JOINT = (
    "Kopienas kopsapulce vienojās: prioritāte ir gājēju celiņš gar upi, kur vakaros staigā "
    "daudz iedzīvotāju ar bērniem un suņiem. Lūdzam to pārcelt uz 2027. gadu."
)

DONE = {
    "slug": "budzeta-projekts",
    "title": "Pašvaldības budžeta projekts nākamajam gadam",
    "kind": Consultation.Kind.BUDGET,
    "description": "Budžeta projekts ar investīciju sarakstu un atbalstu kopienām.",
    "easy_summary": "Kā pašvaldība nākamgad tērēs naudu.",
    "remote_participation": "Viedokli var iesniegt portālā.",
}
DONE_ANSWERS = [
    (
        "Lūdzu palielināt finansējumu kopienu projektu konkursam.",
        AnswerStatus.ACCEPTED,
        "Konkursa finansējums palielināts no 20 000 līdz 30 000 eiro; tas redzams budžeta "
        "projekta 4. pielikuma 12. rindā.",
    ),
    (
        "Vajag jaunu sporta laukumu pie skolas.",
        AnswerStatus.PARTLY,
        "Laukuma projektēšana iekļauta nākamā gada budžetā, būvniecība — pēc tam, kad būs "
        "zināmas izmaksas; līdz tam skolas stadions ir atvērts vakaros.",
    ),
    (
        "Atcelt maksu par bērnudārzu visām ģimenēm.",
        AnswerStatus.NOT_ACCEPTED,
        "Maksa sedz ēdināšanu, ko pašvaldība nevar segt visiem bez citu pakalpojumu "
        "samazināšanas; atlaides daudzbērnu un trūcīgām ģimenēm paliek spēkā.",
    ),
    (
        "Lūdzu paredzēt naudu bibliotēkas jumta remontam.",
        AnswerStatus.PROVIDED,
        "Jumta remonts jau ir investīciju plānā ar 45 000 eiro; darbus sāks pavasarī.",
    ),
    (
        "Valsts ceļam caur ciemu vajag gājēju pāreju.",
        AnswerStatus.OUTSIDE,
        "Valsts ceļš ir VAS “Latvijas Valsts ceļi” pārziņā; pašvaldība jūsu priekšlikumu "
        "nosūtīja tiem un atbildi publicēs šeit.",
    ),
]
EVENTS = [
    {
        "title": "Iedzīvotāju forums",
        "kind": MunicipalEvent.Kind.FORUM,
        "audience": "residents",
        "days": 14,
        "venue": "Kultūras nams",
        "how_to_take_part": "Ieeja brīva; tiešraide pašvaldības mājaslapā.",
    },
    {
        "title": "NVO diena",
        "kind": MunicipalEvent.Kind.NGO_DAY,
        "audience": "ngos",
        "days": 30,
        "venue": "Domes zāle",
        "how_to_take_part": "Biedrības piesakās līdz nedēļai pirms pasākuma pa e-pastu.",
    },
]


REPORTS = [
    (
        "road",
        "Bedre pie autobusa pieturas",
        "Dziļa bedre tieši pie pieturas; lietū to neredz.",
        "received",
        None,
    ),
    ("environment", "Būvgruži mežmalā", "Kāds izgāzis būvgružus meža ceļa malā.", "routed", None),
    (
        "safety",
        "Nedeg ielas lampa",
        "Lampa pie gājēju pārejas nedeg jau nedēļu.",
        "answered",
        "Lampa nomainīta; tīkla apsaimniekotājs pārbaudīs arī pārējās šajā ielā.",
    ),
    (
        "violation",
        "Automašīnas uz zāliena",
        "Pie daudzdzīvokļu mājas auto novieto uz zāliena.",
        "closed",
        "Pašvaldības policija pārbaudīja vietu un izteica brīdinājumus; zālienu "
        "norobežos ar stabiņiem pavasarī.",
    ),
]


REPORT_AGES = (3, 20, 12, 40)  # days since each of REPORTS was reported


def _at(days, hour=18):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _consultation(municipality, staff, spec, *, areas, opens_on, closes_on):
    """Create or update the consultation of ``spec`` open today, so submissions go through
    the service; callers date it back afterwards."""
    details = {k: v for k, v in spec.items() if k != "slug"}
    today = timezone.localdate()
    found = Consultation.objects.of(municipality).filter(slug=spec["slug"]).first()
    if found is not None:
        return found, False
    consultation = create_consultation(
        actor=staff,
        municipality=municipality,
        neighbourhoods=areas,
        opens_on=today,
        closes_on=today + 30 * DAY,
        responsible=staff,
        **details,
    )
    Consultation.objects.filter(pk=consultation.pk).update(slug=spec["slug"])
    consultation.slug = spec["slug"]
    move_to(consultation, Consultation.Status.PUBLISHED, actor=staff, stamp="published_at")
    return consultation, True


def _date(consultation, opens_on, closes_on):
    consultation.opens_on, consultation.closes_on = opens_on, closes_on
    consultation.save()  # the answers' due date follows the close


def _community_led_by(municipality, leader):
    return (
        Community.objects.of(municipality)
        .working()
        .filter(
            memberships__user=leader,
            memberships__role=Membership.Role.LEADER,
            memberships__status=Membership.Status.ACTIVE,
        )
        .order_by("pk")
        .first()
    )


def build(municipality, *, users, territories):
    people = PEOPLE[municipality.slug]
    staff = users[people["staff"]]
    residents = [users[email] for email in people["residents"]]
    leader = users[people["leader"]]
    community = _community_led_by(municipality, leader)
    areas = list(community.neighbourhoods.all()[:2]) if community else []
    today = timezone.localdate()

    consultation, new = _consultation(
        municipality, staff, OPEN, areas=areas, opens_on=today, closes_on=today + 30 * DAY
    )
    if new:
        for resident, text in zip(residents, OPEN_SUBMISSIONS, strict=False):
            submit_opinion(actor=resident, consultation=consultation, text=text, show_name=True)
        if community:
            submit_opinion(
                actor=leader, consultation=consultation, text=OPEN_JOINT, community=community
            )
        _date(consultation, today - 10 * DAY, today + 20 * DAY)

    done, new = _consultation(
        municipality, staff, DONE, areas=[], opens_on=today, closes_on=today + 30 * DAY
    )
    if new:
        submissions = []
        for number, (text, _status, _explanation) in enumerate(DONE_ANSWERS):
            author = residents[number % len(residents)]
            submissions.append(
                submit_opinion(
                    actor=author, consultation=done, text=text, show_name=number % 2 == 0
                )
            )
        _date(done, today - 60 * DAY, today - 30 * DAY)
        for submission, (_text, status, explanation) in zip(submissions, DONE_ANSWERS, strict=True):
            submission.consultation = done
            answer_submissions(
                actor=staff,
                submissions=[submission],
                status=status,
                explanation=explanation,
                quiet=True,
            )
            delay = 2 + len(explanation) % 7
            if submission == submissions[-1]:  # one answered after its due date
                delay = municipality.response_working_days + 2
            day = add_working_days(done.closes_on, delay)
            Submission.objects.filter(pk=submission.pk).update(
                answered_on=day,
                working_days_to_answer=working_days_between(done.closes_on, day),
                answered_late=day > done.response_due_on,
            )
        complete_consultation(actor=staff, consultation=done)

    build_reports(municipality, staff=staff, reporter=residents[0], areas=areas)

    for spec in EVENTS:
        fields = {k: v for k, v in spec.items() if k != "days"}
        fields["starts_at"] = _at(spec["days"])
        fields["ends_at"] = _at(spec["days"], hour=20)
        found = MunicipalEvent.objects.of(municipality).filter(title=spec["title"]).first()
        if found:
            update_event(actor=staff, event=found, **fields)
        else:
            create_event(actor=staff, municipality=municipality, neighbourhoods=areas[:1], **fields)


def build_reports(municipality, *, staff, reporter, areas):
    """Reports in each state: the moves of their past without the emails, reported some
    days ago (the waiting ones of several ages, for the staff dashboard)."""
    if ProblemReport.objects.of(municipality).exists() or not areas:
        return
    for (category, title, description, status, answer), days in zip(
        REPORTS, REPORT_AGES, strict=True
    ):
        report = report_problem(
            actor=reporter,
            municipality=municipality,
            neighbourhood=areas[0],
            category=category,
            title=title,
            description=description,
            latitude=areas_point(areas[0]),
            longitude=24.0 + (len(title) % 7) / 100,
        )
        if status in ("routed",):
            move_to(report, ProblemReport.Status.ROUTED, actor=staff, fields={"assigned_to": staff})
        if status in ("answered", "closed"):
            move_to(
                report,
                ProblemReport.Status.ANSWERED,
                actor=staff,
                stamp="answered_at",
                fields={"answer": answer},
            )
        if status == "closed":
            move_to(report, ProblemReport.Status.CLOSED, actor=staff)
        reported = timezone.now() - timedelta(days=days)
        ProblemReport.objects.filter(pk=report.pk).update(
            created_at=reported,
            due_on=add_working_days(
                timezone.localtime(reported).date(), municipality.response_working_days
            ),
        )


def areas_point(area):
    """A latitude near the demo municipalities, varied a little per neighbourhood."""
    return 56.8 + (area.pk % 20) / 100


def counts():
    return {
        "problem reports": ProblemReport.objects.count(),
        "consultations": Consultation.objects.count(),
        "consultation submissions": Submission.objects.count(),
        "municipal events": MunicipalEvent.objects.count(),
    }
