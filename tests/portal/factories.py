"""Factories for the portal's core models: people, the territory tree, contact persons."""

import factory
from django.contrib.auth import get_user_model

from portal.models import ContactPerson, Territory

PASSWORD = "pass12345"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up resident. Pass ``is_municipal_staff=True`` and the like for other roles."""

    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"user{n}@example.lv")
    password = factory.django.Password(PASSWORD)
    full_name = factory.Faker("name")
    language = "lv"
    is_active = True


def municipality():
    """The root of the territory tree, created once per test database."""
    root = Territory.objects.municipalities().order_by("pk").first()
    return root or TerritoryFactory()


class TerritoryFactory(factory.django.DjangoModelFactory):
    """A municipality (the root of the tree) unless told otherwise."""

    class Meta:
        model = Territory

    name = factory.Sequence(lambda n: f"Novads {n}")
    slug = factory.Sequence(lambda n: f"novads-{n}")
    kind = Territory.Kind.MUNICIPALITY
    parent = None
    is_neighbourhood = False


class ParishFactory(TerritoryFactory):
    name = factory.Sequence(lambda n: f"Pagasts {n}")
    slug = factory.Sequence(lambda n: f"pagasts-{n}")
    kind = Territory.Kind.PARISH
    parent = factory.LazyFunction(municipality)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    name = factory.Faker("name")
    position = "Apkaimju koordinators"
    email = factory.Sequence(lambda n: f"kontakts{n}@pasvaldiba.lv")
    phone = "+371 67000000"
    reception_hours = "Pirmdienās 9:00–12:00, domes ēkā"


class NeighbourhoodFactory(TerritoryFactory):
    name = factory.Sequence(lambda n: f"Apkaime {n}")
    slug = factory.Sequence(lambda n: f"apkaime-{n}")
    kind = Territory.Kind.NEIGHBOURHOOD
    parent = factory.SubFactory(ParishFactory)
    is_neighbourhood = True
    contact_person = factory.SubFactory(ContactPersonFactory)
