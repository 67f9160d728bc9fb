"""Factories for consultations and submissions. Statuses are set directly (no history);
tests of the lifecycle go through the services."""

import datetime

import factory
from django.utils import timezone

from consultations.models import Answer, Consultation, Submission
from consultations.models.submissions import AnswerStatus
from tests.portal.factories import UserFactory, default_municipality

TODAY = timezone.localdate()


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A published consultation open today, for 30 days, of the default municipality."""

    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    municipality = factory.LazyFunction(default_municipality)
    title = factory.Sequence(lambda n: f"Apspriešana {n}: Ābeļu ielas pārbūve")
    slug = factory.Sequence(lambda n: f"apspriesana-{n}")
    kind = Consultation.Kind.DECISION
    description = "Pašvaldība plāno pārbūvēt ielu; kā jums šķiet?"
    opens_on = factory.LazyFunction(lambda: TODAY - datetime.timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: TODAY + datetime.timedelta(days=25))
    status = Consultation.Status.PUBLISHED
    responsible = factory.LazyAttribute(lambda o: UserFactory(staff_of=o.municipality))

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        if create and extracted:
            self.neighbourhoods.set(extracted)


def closed(**fields):
    """A published consultation that closed yesterday."""
    return ConsultationFactory(
        opens_on=TODAY - datetime.timedelta(days=40),
        closes_on=TODAY - datetime.timedelta(days=1),
        **fields,
    )


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    consultation = factory.SubFactory(ConsultationFactory)
    author = factory.SubFactory(UserFactory)
    text = "Lūdzu paredzēt gājēju pāreju pie skolas un apgaismojumu."


def answered(submission, status=AnswerStatus.ACCEPTED, **fields):
    """Give ``submission`` an answer directly (no history): for pages and figures."""
    answer = Answer.objects.create(
        consultation=submission.consultation,
        status=status,
        explanation="Gājēju pāreja tiks iekļauta projektā, jo tā uzlabo drošību pie skolas.",
    )
    Submission.objects.filter(pk=submission.pk).update(
        status=Submission.Status.ANSWERED,
        answer=answer,
        answered_on=fields.get("answered_on", TODAY),
        working_days_to_answer=fields.get("days", 3),
        answered_late=fields.get("late", False),
    )
    submission.refresh_from_db()
    return submission


EXPLANATION = (
    "Gājēju pāreja pie skolas tiks iekļauta projekta otrajā redakcijā, jo satiksmes "
    "uzskaite rāda, ka tur ielu šķērso vairāk nekā 200 bērnu dienā."
)
