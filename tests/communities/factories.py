"""Factories for communities, their members and their activity record.

``CommunityFactory(status=...)`` sets the status directly and writes no history rows;
tests of the lifecycle go through the services instead.
"""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from communities.models import Community, Event, JointOpinion, Membership
from tests.portal.factories import (
    NeighbourhoodFactory,
    ParishFactory,
    UserFactory,
    default_municipality,
)

Status = Community.Status

# A past day whose year of the activity record is open whenever the tests run: a year's
# record stays open for at least January of the next year.
RECENT = timezone.localdate() - datetime.timedelta(days=5)
SUBMITTED_OR_LATER = (
    Status.SUBMITTED,
    Status.RETURNED,
    Status.VERIFIED,
    Status.ACTIVE,
    Status.INACTIVE,
)


class CommunityFactory(factory.django.DjangoModelFactory):
    """A complete registration (it could be submitted as it is), active unless told otherwise.

    ``municipality``: where it belongs; by default the test client's (``testserver``).
    ``neighbourhoods``: a list to set, ``[]`` for none; by default one new neighbourhood of
    a new parish of its municipality.
    ``leader``: a user to make its active leader.
    """

    class Meta:
        model = Community
        skip_postgeneration_save = True

    municipality = factory.LazyFunction(default_municipality)
    name = factory.Sequence(lambda n: f"Kopiena {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "Kaimiņi, kas kopā rīko talkas un svētkus."
    founding_motives = factory.LazyFunction(lambda: ["events"])
    legal_form = Community.LegalForm.INFORMAL
    register_number = ""
    contact_name = factory.Faker("name")
    contact_email = factory.Sequence(lambda n: f"kopiena{n}@example.lv")
    contact_phone = "+371 20000000"
    declared_residents = 40
    residents_evidence = "Biedru saraksts"
    status = Status.ACTIVE
    created_by = None
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status in SUBMITTED_OR_LATER else None
    )
    verified_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status in Community.PUBLIC_STATUSES else None
    )

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [NeighbourhoodFactory(parent=ParishFactory(parent=self.municipality.root))]
        self.neighbourhoods.set(extracted)

    @factory.post_generation
    def leader(self, create, extracted, **kwargs):
        if create and extracted is not None:
            MembershipFactory(community=self, user=extracted, role=Membership.Role.LEADER)


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member unless ``role`` or ``status`` say otherwise."""

    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.ACTIVE
    message = ""
    decided_at = factory.LazyAttribute(
        lambda o: None if o.status == Membership.Status.PENDING else timezone.now()
    )


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Apkaimes forums {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    place = "Tautas nams"
    kind = Event.Kind.FORUM
    attendance = 25
    participation_forms = factory.LazyFunction(lambda: ["needs", "planning"])
    description = "Iedzīvotāji pārrunāja apkaimes vajadzības."
    step_free_venue = True


class JointOpinionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointOpinion

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Kopīgs viedoklis {n}")
    sent_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    addressee = "Pašvaldības dome"
    summary = "Kopiena atbalsta gājēju celiņa izbūvi gar skolu."
