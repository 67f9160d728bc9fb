"""Consultation rows of the benchmark's scratch database (``seed_bench``): in the first
municipality, 20 consultations (half open) and one closed consultation, ``bench-feedback``,
with 1,000 submissions, most of them answered; a few municipal events."""

import datetime

from django.utils import timezone

from consultations.models import Answer, Consultation, MunicipalEvent, Submission
from consultations.models.submissions import AnswerStatus

BATCH = 1000
FEEDBACK_SUBMISSIONS = 1000


def clear(municipalities):
    Consultation.objects.filter(municipality__in=municipalities).delete()
    MunicipalEvent.objects.filter(municipality__in=municipalities).delete()


def seed(municipality, neighbourhoods, users):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    consultations = []
    for number in range(20):
        opens = today - (10 + number) * day
        closes = today + (20 - number * 2) * day
        consultation = Consultation(
            municipality=municipality,
            title=f"Apspriešana {number}: ielu apgaismojuma plāns",
            slug=f"apspriesana-{number}",
            kind=Consultation.Kind.DECISION,
            description="Plāns.",
            opens_on=opens,
            closes_on=closes,
            short_period_reason="Bench.",
            status=Consultation.Status.PUBLISHED,
        )
        consultation.save()
        consultation.neighbourhoods.set(neighbourhoods[number % len(neighbourhoods) :][:2])
        consultations.append(consultation)
    feedback = Consultation(
        municipality=municipality,
        title="Budžeta projekts",
        slug="bench-feedback",
        kind=Consultation.Kind.BUDGET,
        description="Budžets.",
        opens_on=today - 60 * day,
        closes_on=today - 20 * day,
        status=Consultation.Status.PUBLISHED,
    )
    feedback.save()
    answers = Answer.objects.bulk_create(
        Answer(
            consultation=feedback,
            status=value,
            explanation="Skaidrojums, kas pasaka, kas mainās un kāpēc.",
        )
        for value in AnswerStatus.values
    )
    rows = []
    for number in range(FEEDBACK_SUBMISSIONS):
        answered = number % 10 != 0
        rows.append(
            Submission(
                consultation=feedback,
                author_id=users[number % len(users)],
                text=f"Viedoklis {number} par budžeta projektu.",
                show_name=number % 3 == 0,
                status="answered" if answered else "received",
                answer=answers[number % len(answers)] if answered else None,
                answered_on=today - 5 * day if answered else None,
                working_days_to_answer=number % 12 if answered else None,
                answered_late=answered and number % 12 > 10,
            )
        )
    Submission.objects.bulk_create(rows, batch_size=BATCH)
    for number in range(10):
        MunicipalEvent.objects.create(
            municipality=municipality,
            title=f"Iedzīvotāju forums {number}",
            kind=MunicipalEvent.Kind.FORUM,
            starts_at=timezone.now() + (number + 1) * day,
            venue="Kultūras nams",
        )
