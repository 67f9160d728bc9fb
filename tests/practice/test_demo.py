"""The demo (issue 19): each demo municipality has published stories (Ķekava's from
Mežinieku apkaime among them), one under review, a signed memorandum and a delegation
agreement ending within 60 days; built through the services, so with history."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from communities.models import Agreement, Story
from portal.models import Municipality

pytestmark = pytest.mark.django_db


def test_every_demo_municipality_has_stories_and_agreements(settings):
    settings.PORTAL_DEMO_ACCOUNTS = True
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent
    soon = timezone.localdate() + datetime.timedelta(days=60)
    for municipality in Municipality.objects.filter(slug__in=["kekavas-novads", "riga"]):
        stories = Story.objects.of(municipality)
        assert stories.published().count() >= 2, municipality
        assert stories.filter(status=Story.Status.SUBMITTED).count() == 1, municipality
        assert all(s.status_changes.exists() for s in stories)
        agreements = Agreement.objects.of(municipality).filter(status="signed")
        assert agreements.filter(kind="memorandum").exists()
        assert agreements.filter(kind="delegation", ends_on__lte=soon).exists()
    kekava = Story.objects.published().filter(community__slug="mezinieku-kopiena")
    assert kekava.filter(title__startswith="Mežinieku").exists()
