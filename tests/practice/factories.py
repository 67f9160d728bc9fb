"""Factories for good-practice stories and agreements."""

import datetime
import io

import factory
from django.utils import timezone
from PIL import Image

from communities.models import Story
from tests.communities.factories import CommunityFactory


def _png():
    """A 1×1 PNG that decodes: pictures are stored re-encoded (portal.images)."""
    out = io.BytesIO()
    Image.new("RGBA", (1, 1), (255, 255, 255, 255)).save(out, "PNG")
    return out.getvalue()


PNG = _png()


class StoryFactory(factory.django.DjangoModelFactory):
    """A published story unless told otherwise (no history rows: tests of the review go
    through the services)."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    municipality = factory.LazyAttribute(lambda o: o.community.municipality)
    title = factory.Sequence(lambda n: f"Talka pie upes {n}")
    problem = "Upes krasts bija aizaudzis."
    actions = "Sarīkojām talku ar kaimiņiem."
    results = "Tagad krasts ir sakopts."
    topic = "environment"
    participation_forms = factory.LazyFunction(lambda: ["mobilisation", "implementation"])
    status = Story.Status.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda o: (
            timezone.now() - datetime.timedelta(days=1)
            if o.status == Story.Status.PUBLISHED
            else None
        )
    )

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        if create:
            self.neighbourhoods.set(
                extracted if extracted is not None else self.community.neighbourhoods.all()
            )


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class AgreementFactory(factory.django.DjangoModelFactory):
    """A signed memorandum ending in a year unless told otherwise (no history rows)."""

    class Meta:
        model = "communities.Agreement"

    community = factory.SubFactory(CommunityFactory)
    municipality = factory.LazyAttribute(lambda o: o.community.municipality)
    kind = "memorandum"
    title = factory.Sequence(lambda n: f"Sadarbības memorands {n}")
    purpose = "Apkaimes sakopšana un kopīgi pasākumi."
    municipality_duties = "Nodrošināt telpas."
    community_duties = "Rīkot divas talkas gadā."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))
    status = "signed"
    signed_on = factory.LazyAttribute(lambda o: o.starts_on if o.status != "draft" else None)
    document = factory.django.FileField(filename="memorands.pdf", data=PDF)
    document_public = True
