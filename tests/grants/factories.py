"""Factories for programmes, rounds, applications and evaluation rows.

``RoundFactory`` makes an open round of the default municipality whose deadline is ahead,
with two criteria; ``status=`` sets the status directly (no history). Lifecycle tests go
through the services.
"""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify

from grants.models import (
    Application,
    BudgetLine,
    Criterion,
    EvaluatorAssignment,
    Programme,
    Round,
)
from tests.communities.factories import CommunityFactory
from tests.portal.factories import default_municipality


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    municipality = factory.LazyFunction(default_municipality)
    kind = Programme.Kind.COMPETITION
    name = factory.Sequence(lambda n: f"Apkaimju projektu konkurss {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    municipality = factory.LazyAttribute(lambda o: o.programme.municipality)
    title = factory.Sequence(lambda n: f"Konkursa kārta {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    description = "Atbalsts apkaimju kopienu iniciatīvām."
    budget = Decimal("20000.00")
    announced_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=60))
    seminar_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=44))
    implementation_starts = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=120)
    )
    implementation_ends = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=500)
    )
    progress_report_due_on = factory.LazyAttribute(
        lambda o: o.implementation_starts + datetime.timedelta(days=190)
    )
    final_report_due_on = factory.LazyAttribute(
        lambda o: o.implementation_ends + datetime.timedelta(days=30)
    )
    max_request = Decimal("3000.00")
    admin_cap_percent = Decimal("15.00")
    in_kind_accepted = True
    status = Round.Status.OPEN
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def criteria(self, create, extracted, **kwargs):
        if not create:
            return
        specs = (
            extracted
            if extracted is not None
            else [
                ("Nozīme apkaimei", Decimal("2"), 5),
                ("Iedzīvotāju iesaiste", Decimal("1"), 5),
            ]
        )
        for order, (name, weight, top) in enumerate(specs):
            Criterion.objects.create(
                round=self, name=name, weight=weight, max_score=top, order=order
            )


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application with one budget line of 1000 € unless told otherwise."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    community = factory.SubFactory(
        CommunityFactory, municipality=factory.SelfAttribute("..round.municipality")
    )
    title = factory.Sequence(lambda n: f"Projekts {n}")
    description = "Sakopsim apkaimes parku un rīkosim svētkus."
    status = Application.Status.SUBMITTED
    total_cost = Decimal("1000.00")
    requested_amount = Decimal("1000.00")
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        if create:
            BudgetLine.objects.create(
                application=self,
                category=BudgetLine.Category.MATERIALS,
                description="Stādi",
                amount=self.total_cost,
            )


def assign(round_, user):
    return EvaluatorAssignment.objects.create(round=round_, user=user)
