"""The councils' demo rows, built through the services.

Ķekava gets its NGO advisory council with community seats and members (``council@demo.lv``
among them), a past meeting with minutes, recommendations and the municipality's answers,
an upcoming meeting with the open consultation on its agenda and its papers (public ones and
one for the council only), and open nominations; and a
residents' council whose election ended in a tie for its second seat, settled by lots. Riga
gets a residents' council for one neighbourhood with an election in progress. Called by
``front.demo.build_all`` after the consultations; idempotent (one council of each
kind). The past meeting is
scheduled and announced through the services, then dated back.
"""

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from communities.models import Community, Membership
from consultations.models import Consultation
from portal.pdf import one_page_pdf

from .models import Council, Election, Meeting, Recommendation, Term
from .services import councils, elections, meetings, nominations, papers, recommendations, terms

DAY = timedelta(days=1)

KEKAVA = {
    "name": "NVO konsultatīvā padome",
    "remit": (
        "Padome konsultē pašvaldību par kopienu un nevalstisko organizāciju jautājumiem: "
        "apspriešanu rezultātiem, atbalsta programmām un līdzdalības pasākumiem."
    ),
    "members": ["council@demo.lv", "anna.liepa@demo.lv", "martins.kalns@demo.lv"],
}
RIGA = {
    "name": "Iedzīvotāju padome",
    "remit": "Padome pārstāv apkaimes iedzīvotājus un iesniedz pašvaldībai priekšlikumus.",
}
CANDIDATES = [
    "Gribu, lai apkaimes parkā būtu apgaismojums un soliņi, un lai pašvaldība mūs uzklausa.",
    "Strādāšu, lai ceļš uz skolu būtu drošs un iedzīvotāju priekšlikumi tiktu atbildēti.",
]
PAST_RECOMMENDATION = (
    "Padome iesaka ielu apgaismojuma plānā vispirms iekļaut ielas pie skolām un "
    "sabiedriskā transporta pieturām."
)
PAST_ANSWER = (
    "Plāna pirmajā gadā iekļautas Skolas iela un trīs ielas pie autobusu pieturām; pārējās "
    "ielas paliek otrajā un trešajā gadā, jo tām vēl nav projekta."
)


def _at(day, hour=17):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _leader_community(municipality, leader):
    return (
        Community.objects.of(municipality)
        .working()
        .filter(memberships__user=leader, memberships__role=Membership.Role.LEADER)
        .first()
    )


def build(municipality, *, users, territories):
    if municipality.slug == "kekavas-novads":
        _kekava_residents(municipality, users, territories)
        return _kekava(municipality, users)
    if municipality.slug == "riga":
        return _riga(municipality, users, territories)
    return None


def _kekava(municipality, users):
    if Council.objects.of(municipality).filter(kind=Council.Kind.ADVISORY).exists():
        return None
    staff = users["staff@demo.lv"]
    today = timezone.localdate()
    council = councils.create_council(
        actor=staff,
        municipality=municipality,
        kind=Council.Kind.ADVISORY,
        name=KEKAVA["name"],
        remit=KEKAVA["remit"],
        seats=5,
        community_seats=3,
        term_years=2,
    )
    community = _leader_community(municipality, users["leader@demo.lv"])
    starts = today - 200 * DAY
    for seat, email in zip(council.seats.all(), KEKAVA["members"], strict=False):
        terms.fill_seat(
            actor=staff,
            seat=seat,
            member=users[email],
            community=community if seat.for_community else None,
            starts_on=starts,
        )
    nominations.open_nominations(
        actor=staff,
        council=council,
        opens_on=today - 3 * DAY,
        # Five days left: inside the 7-day reminder, so a fresh demo's first reminder sweep
        # tells the leaders (issue 18, "Demo data").
        closes_on=today + 5 * DAY,
        note="Meklējam kopienu pārstāvjus divām brīvajām vietām.",
    )
    lights = Consultation.objects.of(municipality).filter(slug="ielu-apgaismojuma-plans").first()

    past = meetings.schedule_meeting(
        actor=staff,
        council=council,
        starts_at=_at(today + 10 * DAY),
        place="Ķekavas novada pašvaldība, 1. zāle",
        items=[{"title": "Ielu apgaismojuma plāna projekts", "consultation": lights}],
    )
    meetings.publish_meeting(actor=staff, meeting=past)
    for email in KEKAVA["members"]:
        meetings.confirm_attendance(actor=users[email], meeting=past, attends=True)
    # The meeting took place: staff record who was present (the quorum and the vote count
    # from it), on its day.
    past.starts_at = _at(today - 30 * DAY)
    Meeting.objects.filter(pk=past.pk).update(starts_at=past.starts_at)
    meetings.record_presence(
        actor=staff, meeting=past, present=[users[email] for email in KEKAVA["members"]]
    )
    item = past.items.get()
    recommendations.record_recommendation(
        actor=staff, item=item, text=PAST_RECOMMENDATION, voted=True, votes_for=3
    )
    meetings.publish_minutes(
        actor=staff,
        meeting=past,
        minutes="Sēdē piedalījās trīs padomes locekļi. Apspriests ielu apgaismojuma plāns.",
    )
    recommendations.answer_recommendation(
        actor=staff,
        recommendation=Recommendation.objects.get(item=item),
        status="partly",
        explanation=PAST_ANSWER,
    )
    Meeting.objects.filter(pk=past.pk).update(
        starts_at=_at(today - 30 * DAY),
        published_at=_at(today - 40 * DAY, 9),
        minutes_published_at=_at(today - 25 * DAY, 9),
    )

    upcoming = meetings.schedule_meeting(
        actor=staff,
        council=council,
        starts_at=_at(today + 12 * DAY),
        place="Ķekavas novada pašvaldība, 1. zāle",
        items=[
            {"title": "Apspriešanas rezultāti: ielu apgaismojums", "consultation": lights},
            {"title": "Kopienu atbalsta programma 2027"},
        ],
    )
    meetings.publish_meeting(actor=staff, meeting=upcoming)
    _papers(staff, upcoming)
    return council


PAPERS = [  # (title, public, for the agenda item numbered)
    ("Sēdes darba kārtība", True, None),
    ("Apspriešanas kopsavilkums: ielu apgaismojums", True, 1),
    ("Programmas 2027 tāmes projekts (darba versija)", False, 2),
]


def _papers(staff, meeting):
    """The upcoming meeting's papers: the agenda and a summary for anyone, a draft estimate
    for the council only; added through the service (the members are told)."""
    items = {item.number: item for item in meeting.items.all()}
    for title, public, number in PAPERS:
        papers.add_papers(
            actor=staff,
            meeting=meeting,
            files=[("paper.pdf", ContentFile(one_page_pdf(title), name="paper.pdf"))],
            title=title,
            item=items.get(number),
            public=public,
        )


TIED = [
    ("anna.liepa@demo.lv", "Panākšu, lai apkaimes priekšlikumi nonāk domes darba kārtībā."),
    ("martins.kalns@demo.lv", "Rūpēšos par drošu gājēju ceļu uz skolu un bērnudārzu."),
    ("inese.berza@demo.lv", "Gribu, lai apkaimē būtu vieta kopīgiem svētkiem un talkām."),
]
VOTES = {  # voter: candidate — two seats, and a tie for the second
    "resident@demo.lv": "anna.liepa@demo.lv",
    "leader@demo.lv": "anna.liepa@demo.lv",
    "evaluator@demo.lv": "martins.kalns@demo.lv",
    "council@demo.lv": "inese.berza@demo.lv",
}


def _kekava_residents(municipality, users, territories):
    """A residents' council of two seats whose election ended in a tie for the second seat:
    the council's rule is a drawing of lots, drawn by staff and shown with the results."""
    if Council.objects.of(municipality).filter(kind=Council.Kind.RESIDENTS).exists():
        return None
    area = next((t for t in territories.values() if t.is_neighbourhood), None)
    if area is None:
        return None
    staff = users["staff@demo.lv"]
    today = timezone.localdate()
    council = councils.create_council(
        actor=staff,
        municipality=municipality,
        kind=Council.Kind.RESIDENTS,
        name=f"{RIGA['name']}: {area.name}",
        remit=RIGA["remit"],
        seats=2,
        territory=area,
    )
    election = elections.call_election(
        actor=staff,
        council=council,
        stand_until=today,
        votes_from=today + DAY,
        votes_until=today + 2 * DAY,
    )
    standing = {}
    for email, statement in TIED:
        standing[email] = elections.stand(
            actor=users[email],
            election=election,
            territory=area,
            statement=statement,
            meets_conditions=True,
        )
    # Dated back: candidates stood three weeks ago, voting runs until today.
    Election.objects.filter(pk=election.pk).update(
        stand_until=today - 21 * DAY, votes_from=today - 14 * DAY, votes_until=today
    )
    election.refresh_from_db()
    for voter, candidate in VOTES.items():
        elections.cast_vote(
            actor=users[voter], election=election, candidacy=standing[candidate], territory=area
        )
    Election.objects.filter(pk=election.pk).update(votes_until=today - DAY)  # voting ended
    election.refresh_from_db()
    elections.draw_lots(actor=staff, election=election)
    elections.publish_results(actor=staff, election=election)
    return council


def _riga(municipality, users, territories):
    if Council.objects.of(municipality).filter(kind=Council.Kind.RESIDENTS).exists():
        return None
    staff = users["riga.staff@demo.lv"]
    area = next((t for t in territories.values() if t.is_neighbourhood), None)
    council = councils.create_council(
        actor=staff,
        municipality=municipality,
        kind=Council.Kind.RESIDENTS,
        name=f"{RIGA['name']}: {area.name}" if area else RIGA["name"],
        remit=RIGA["remit"],
        seats=7,
        territory=area,
    )
    if area is None:
        return council
    today = timezone.localdate()
    election = elections.call_election(
        actor=staff,
        council=council,
        stand_until=today,
        votes_from=today + DAY,
        votes_until=today + 10 * DAY,
    )
    candidates = ["roberts.krumins@demo.lv", "liga.vanaga@demo.lv"]
    for email, statement in zip(candidates, CANDIDATES, strict=True):
        elections.stand(
            actor=users[email],
            election=election,
            territory=area,
            statement=statement,
            meets_conditions=True,
        )
    # Candidacies closed a week ago; voting opened two days ago.
    Election.objects.filter(pk=election.pk).update(
        stand_until=today - 7 * DAY, votes_from=today - 2 * DAY
    )
    election.refresh_from_db()
    first = election.candidacies.order_by("pk").first()
    elections.cast_vote(
        actor=users["resident@demo.lv"], election=election, candidacy=first, territory=area
    )
    return council


def counts():
    return {
        "councils": Council.objects.count(),
        "council terms": Term.objects.count(),
        "council meetings": Meeting.objects.count(),
    }
