"""The council pages of the page tour (tests/page_tour.py), with long words in them."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from councils.models import (
    Candidacy,
    Council,
    Election,
    Meeting,
    MeetingPaper,
    Recommendation,
    ReviewComment,
    Vote,
)
from tests.consultations.factories import SubmissionFactory, answered
from tests.councils.factories import CouncilFactory, MeetingFactory, seat_for

LONG_WORD = "Pilsētaslielākāsdaļasiedzīvotājukopsapulcesprotokols"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build(*, leader, community, staff, consultation, territory):
    council = CouncilFactory(
        name=f"NVO konsultatīvā padome {LONG_WORD}", remit=f"Konsultē. {LONG_WORD}"
    )
    council.bylaws.save("nolikums.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    term = seat_for(leader, council, community=community)
    today = timezone.localdate()
    council.nomination_periods.create(
        opens_on=today, closes_on=today + datetime.timedelta(days=7), note=LONG_WORD
    )
    meeting = MeetingFactory(council=council, place=f"Kultūras nams, {LONG_WORD} iela 1")
    item = meeting.items.create(
        number=1, title=f"Apspriešana {LONG_WORD}", consultation=consultation
    )
    # Papers: one for anyone, one for the council only (on the item).
    MeetingPaper.objects.create(
        meeting=meeting,
        title=f"Darba kārtība {LONG_WORD}",
        file=ContentFile(PDF, "kartiba.pdf"),
        public=True,
        added_by=staff,
    )
    MeetingPaper.objects.create(
        meeting=meeting,
        item=item,
        title=f"Tāmes projekts {LONG_WORD}",
        file=ContentFile(PDF, "tame.pdf"),
        added_by=staff,
        late_reason=f"Saņemts vēlu. {LONG_WORD}",
    )
    submission = answered(SubmissionFactory(consultation=consultation, community=community))
    ReviewComment.objects.create(item=item, author=leader, text=LONG_WORD, submission=submission)
    past = MeetingFactory(
        council=council,
        starts_at=timezone.now() - datetime.timedelta(days=20),
        status=Meeting.Status.MINUTED,
        minutes=f"Protokols. {LONG_WORD}",
        late_reason=LONG_WORD,
    )
    done = past.items.create(number=1, title=f"Budžets {LONG_WORD}")
    Recommendation.objects.create(
        item=done, text=f"Ieteikums {LONG_WORD}", voted=True, votes_for=3, answer_due_on=today
    )
    draft = MeetingFactory(council=council, status=Meeting.Status.DRAFT)
    residents = CouncilFactory(
        name=f"Iedzīvotāju padome {LONG_WORD}", kind=Council.Kind.RESIDENTS, territory=territory
    )
    election = Election.objects.create(
        council=residents,
        stand_until=today + datetime.timedelta(days=3),
        votes_from=today,
        votes_until=today + datetime.timedelta(days=9),
    )
    candidacy = Candidacy.objects.create(
        election=election,
        person=leader,
        territory=territory,
        statement=f"Par parku. {LONG_WORD}",
        meets_conditions=True,
    )
    Vote.objects.create(election=election, voter=staff, candidacy=candidacy, territory=territory)
    return {
        "council": council,
        "meeting": meeting,
        "paper": meeting.papers.get(public=True),
        "item": item,
        "past": past,
        "draft": draft,
        "election": election,
        "term": term,
    }


def pages(page, data):
    """``page(name, role, path, post=None)`` for each council page."""
    council, meeting, item = data["council"], data["meeting"], data["item"]
    election = data["election"]
    base = f"/lv/councils/{council.slug}"
    return [
        page("council list", "anonymous", "/lv/councils/"),
        page("council page", "anonymous", council.get_absolute_url()),
        page("council page (staff)", "staff", council.get_absolute_url()),
        page("council form", "staff", "/lv/councils/new/"),
        page(
            "council form with errors",
            "staff",
            "/lv/councils/new/",
            post={"send": "1"},
        ),
        page("council settings", "staff", f"{base}/edit/"),
        page("opening nominations", "staff", f"{base}/nominations/open/"),
        page("ending a term", "staff", f"{base}/terms/{data['term'].pk}/end/"),
        page("nominating a member", "leader", f"{base}/nominate/"),
        page("meeting form", "staff", f"{base}/meetings/new/"),
        page("meeting page", "anonymous", meeting.get_absolute_url()),
        page("meeting page (member)", "leader", meeting.get_absolute_url()),
        page("meeting page (staff)", "staff", data["draft"].get_absolute_url()),
        page("meeting page with papers (staff)", "staff", meeting.get_absolute_url()),
        page("adding papers", "staff", f"{base}/meetings/{meeting.pk}/papers/add/"),
        page(
            "removing a paper",
            "staff",
            f"{base}/meetings/{meeting.pk}/papers/{data['paper'].pk}/remove/",
        ),
        page("minutes", "anonymous", data["past"].get_absolute_url()),
        page("review view", "leader", f"{base}/meetings/{meeting.pk}/items/{item.pk}/review/"),
        page(
            "recommendation form",
            "staff",
            f"{base}/meetings/{meeting.pk}/items/{item.pk}/recommendation/",
        ),
        page("minutes form", "staff", f"{base}/meetings/{meeting.pk}/minutes/"),
        page("election", "resident", election.get_absolute_url()),
        page("election (staff)", "staff", election.get_absolute_url()),
        page("standing as a candidate", "resident", f"{election.get_absolute_url()}stand/"),
        page(
            "calling an election",
            "staff",
            f"/lv/councils/{election.council.slug}/elections/new/",
        ),
    ]
