"""Helpers shared by the HTTP tests of the community pages."""

import pytest
from django.urls import reverse

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _staff_without_second_factor(settings):
    """These tests are about communities; tests/portal/test_security.py covers staff MFA."""
    settings.PORTAL_REQUIRE_STAFF_MFA = False


def registry_url(**params):
    url = reverse("communities:community-list")
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def registration_data(neighbourhood, **overrides):
    data = {
        "name": "Upes krasta kaimiņi",
        "neighbourhoods": [neighbourhood.pk],
        "description": "Kaimiņi pie upes, kas kopā sakopj krastu.",
        "founding_motives": ["events", "problem"],
        "founding_motive_other": "",
        "legal_form": "association",
        "register_number": "40008123456",
        "registered_on": "2019-03-12",
        "contact_name": "Ilze Upīte",
        "contact_email": "ilze@example.lv",
        "contact_phone": "",
        "declared_residents": "45",
        "residents_evidence": "Parakstu saraksts",
        "action": "submit",
    }
    data.update(overrides)
    return data
