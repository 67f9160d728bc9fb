"""No field the portal never uses (issue 16, item 8): the profile keeps no phone number."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse

from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_profile_asks_for_no_phone_and_keeps_none(client):
    person = UserFactory()
    client.force_login(person)

    page = client.get(reverse("profile")).content.decode()
    saved = client.post(
        reverse("profile"), {"full_name": "Anna Liepa", "phone": "+371 20000000", "language": "lv"}
    )

    assert 'type="tel"' not in page and 'name="phone"' not in page
    assert saved.status_code == 302
    with pytest.raises(FieldDoesNotExist):
        get_user_model()._meta.get_field("phone")
    assert (
        "+371 20000000" not in client.get(reverse("my-data"), {"format": "json"}).content.decode()
    )
