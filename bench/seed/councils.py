"""Council rows of the benchmark's scratch database (``seed_bench``): in the first
municipality an advisory council ``bench-padome`` with 9 seats held, an announced meeting
whose item is the 1,000-submission consultation ``bench-feedback`` (the review view), and a
past meeting with minutes and answered recommendations (the council page)."""

import datetime

from django.utils import timezone

from consultations.models import Answer, Consultation
from consultations.models.submissions import AnswerStatus
from councils.models import AgendaItem, Council, Meeting, Recommendation, Seat, Term

REVIEW_ID = 900_001


def clear(municipalities):
    Meeting.objects.filter(council__municipality__in=municipalities).delete()
    Term.objects.filter(seat__council__municipality__in=municipalities).delete()
    Council.objects.filter(municipality__in=municipalities).delete()


def seed(municipality, users):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    council = Council.objects.create(
        municipality=municipality,
        kind=Council.Kind.ADVISORY,
        name="NVO konsultatīvā padome",
        slug="bench-padome",
        remit="Konsultē pašvaldību.",
    )
    seats = Seat.objects.bulk_create(
        Seat(council=council, number=number, for_community=number <= 4) for number in range(1, 10)
    )
    Term.objects.bulk_create(
        Term(seat=seat, member_id=user, starts_on=today - 100 * day, ends_on=today + 600 * day)
        for seat, user in zip(seats, users, strict=False)
    )
    feedback = Consultation.objects.filter(municipality=municipality, slug="bench-feedback").first()
    upcoming = Meeting.objects.create(
        pk=REVIEW_ID,  # a fixed address for bench/run.py in the scratch database
        council=council,
        starts_at=timezone.now() + 10 * day,
        place="Domes zāle",
        status=Meeting.Status.PUBLISHED,
    )
    AgendaItem.objects.create(
        pk=REVIEW_ID,
        meeting=upcoming,
        number=1,
        title="Budžeta apspriešana",
        consultation=feedback,
    )
    past = Meeting.objects.create(
        council=council,
        starts_at=timezone.now() - 30 * day,
        place="Domes zāle",
        status=Meeting.Status.MINUTED,
        minutes="Protokols.",
    )
    for number in range(1, 21):
        item = AgendaItem.objects.create(meeting=past, number=number, title=f"Jautājums {number}")
        answer = Answer.objects.create(
            status=AnswerStatus.PARTLY, explanation="Skaidrojums, kas mainās un kāpēc."
        )
        Recommendation.objects.create(item=item, text="Ieteikums.", answer=answer)
    return council
