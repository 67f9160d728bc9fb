"""Factories for the portal's core models: people, municipalities, territories, contacts.

Everything belongs to a municipality. Unless told otherwise, rows go to the default test
municipality, which the test client's host (``testserver``) and the browser tests' host
(``portal.localhost``) serve.
"""

import factory
from django.contrib.auth import get_user_model

from portal.models import (
    ContactPerson,
    Municipality,
    MunicipalityHost,
    MunicipalStaff,
    Notification,
    Territory,
)

PASSWORD = "pass12345"
DEFAULT_HOSTS = ["testserver", "portal.localhost"]


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """A municipality with the root of its tree and a host ``<slug>.test`` (or ``hosts=[...]``)."""

    class Meta:
        model = Municipality
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Novads {n}")
    slug = factory.Sequence(lambda n: f"novads-{n}")

    @factory.post_generation
    def hosts(self, create, extracted, **kwargs):
        if not create:
            return
        names = extracted if extracted is not None else [f"{self.slug}.test"]
        for number, name in enumerate(names):
            MunicipalityHost.objects.create(municipality=self, name=name, is_primary=number == 0)

    @factory.post_generation
    def root(self, create, extracted, **kwargs):
        if create:
            Territory.objects.create(
                municipality=self, name=self.name, slug=self.slug, kind=Territory.Kind.MUNICIPALITY
            )


def default_municipality():
    """The municipality ``testserver`` serves, created once per test database."""
    found = Municipality.objects.filter(hosts__name=DEFAULT_HOSTS[0]).first()
    return found or MunicipalityFactory(
        name="Testa novads", slug="testa-novads", hosts=DEFAULT_HOSTS
    )


def municipality():
    """The root of the default municipality's tree (kept for the factories below)."""
    return default_municipality().root


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up resident.

    ``staff_of=municipality`` (or a list) makes them municipal staff there;
    ``is_municipal_staff=True`` is short for staff of the default municipality.
    ``is_evaluator=True`` assigns them to evaluate a new round of the default municipality
    (evaluators come from assignment rows); ``is_council_member=True`` gives them a running
    term on a seat of a council of the default municipality.
    """

    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"user{n}@example.lv")
    password = factory.django.Password(PASSWORD)
    full_name = factory.Faker("name")
    language = "lv"
    is_active = True

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        is_municipal_staff=False,
        staff_of=None,
        is_evaluator=False,
        is_council_member=False,
        **kwargs,
    ):
        user = super()._create(model_class, *args, **kwargs)
        if is_evaluator:
            from tests.grants.factories import RoundFactory, assign

            assign(RoundFactory(), user)
        if is_council_member:
            from tests.councils.factories import seat_for

            seat_for(user)
        places = staff_of if isinstance(staff_of, (list, tuple)) else [staff_of]
        places = [place for place in places if place is not None]
        if is_municipal_staff and not places:
            places = [default_municipality()]
        for place in places:
            MunicipalStaff.objects.create(user=user, municipality=place)
        return user


class TerritoryFactory(factory.django.DjangoModelFactory):
    """A town in the default municipality unless told otherwise."""

    class Meta:
        model = Territory

    name = factory.Sequence(lambda n: f"Pilsēta {n}")
    slug = factory.Sequence(lambda n: f"pilseta-{n}")
    kind = Territory.Kind.TOWN
    parent = factory.LazyFunction(municipality)
    municipality = factory.LazyAttribute(lambda o: o.parent.municipality)
    is_neighbourhood = False


class ParishFactory(TerritoryFactory):
    name = factory.Sequence(lambda n: f"Pagasts {n}")
    slug = factory.Sequence(lambda n: f"pagasts-{n}")
    kind = Territory.Kind.PARISH


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    municipality = factory.LazyFunction(default_municipality)
    name = factory.Faker("name")
    position = "Apkaimju koordinators"
    email = factory.Sequence(lambda n: f"kontakts{n}@pasvaldiba.lv")
    phone = "+371 67000000"
    reception_hours = "Pirmdienās 9:00–12:00, domes ēkā"


class NeighbourhoodFactory(TerritoryFactory):
    """A neighbourhood in a new parish of the default municipality, or under ``parent``."""

    name = factory.Sequence(lambda n: f"Apkaime {n}")
    slug = factory.Sequence(lambda n: f"apkaime-{n}")
    kind = Territory.Kind.NEIGHBOURHOOD
    parent = factory.SubFactory(ParishFactory)
    is_neighbourhood = True
    contact_person = factory.SubFactory(
        ContactPersonFactory, municipality=factory.SelfAttribute("..municipality")
    )


def failed_message(municipality=None, **fields):
    """An outbox row that could not be sent (in the default municipality unless told)."""
    recipient = fields.pop("user", None) or UserFactory()
    values = {
        "kind": "community-submitted",
        "key": f"community-submitted:test-{Notification.objects.count()}",
        "status": Notification.Status.FAILED,
        "attempts": 8,
        "last_error": "SMTPServerDisconnected: the mail server does not answer",
        **fields,
    }
    return Notification.objects.create(
        user=recipient,
        email=recipient.email,
        municipality=municipality or default_municipality(),
        **values,
    )
