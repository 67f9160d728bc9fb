"""Names and titles are single lines (issue 16, item 7): refused beside the field with
nothing typed lost, and a name saved earlier with a line break never breaks an email."""

import pytest
from django.urls import reverse

from communities.models import Community, Event
from portal.validators import one_line
from tests.communities.factories import RECENT, CommunityFactory, MembershipFactory
from tests.communities.view_helpers import (  # noqa: F401 - the fixture is autouse
    _staff_without_second_factor,
    registration_data,
)
from tests.portal.factories import NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Community.Status


@pytest.mark.parametrize("field", ["name", "contact_name"])
def test_a_registration_with_a_line_break_in_a_name_is_refused_beside_it(client, resident, field):
    client.force_login(resident)
    data = registration_data(NeighbourhoodFactory(), **{field: "Upes\nkrasts"})

    response = client.post(reverse("communities:community-register"), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert (
        response.context["form"]
        .errors[field][0]
        .startswith(response.context["form"].errors[field][0])
    )
    html = response.content.decode()
    assert "Kaimiņi pie upes, kas kopā sakopj krastu." in html
    assert "ilze@example.lv" in html
    assert "Upes\nkrasts" in html  # what was typed stays in the field to correct
    assert not Community.objects.filter(name__contains="\n").exists()


@pytest.mark.parametrize(
    "text", ["Līgo\nvakars", "Līgo\rvakars", "Līgo\x00vakars", "Līgo\u2028vakars"]
)
def test_an_event_title_on_two_lines_is_refused(client, leader, community, text):
    client.force_login(leader)
    data = {
        "title": text,
        "kind": "tradition",
        "date": RECENT.isoformat(),
        "place": "Estrāde",
        "attendance": "64",
        "participation_forms": ["mobilisation"],
    }

    response = client.post(reverse("communities:event-create", args=[community.slug]), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["title"]
    assert 'value="Estrāde"' in response.content.decode()
    assert not Event.objects.exists()


def test_a_joint_opinion_addressee_on_two_lines_is_refused(client, leader, community):
    client.force_login(leader)
    data = {
        "title": "Par parku",
        "sent_on": RECENT.isoformat(),
        "addressee": "Domei\nun citiem",
        "summary": "Lūdzam sakopt parku.",
    }

    response = client.post(reverse("communities:opinion-create", args=[community.slug]), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["addressee"]
    assert "Lūdzam sakopt parku." in response.content.decode()


def test_the_profile_name_on_two_lines_is_refused(client, resident):
    client.force_login(resident)

    response = client.post(
        reverse("profile"),
        {"full_name": "Jana\nBērziņa", "language": "en"},
    )

    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors
    assert response.context["form"]["language"].value() == "en"  # what was chosen stays
    resident.refresh_from_db()
    assert "\n" not in resident.full_name


def test_sign_up_refuses_a_name_on_two_lines(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "jana@example.lv",
            "full_name": "Jana\nBērziņa",
            "password1": "Zalas-lapas-2026",
            "password2": "Zalas-lapas-2026",
        },
    )

    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors
    assert "jana@example.lv" in response.content.decode()


def test_a_name_saved_with_a_line_break_still_goes_through_and_emails_stay_one_line(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    community = CommunityFactory(status=Status.DRAFT)
    Community.objects.filter(pk=community.pk).update(name="Upes\nkrasts\r\nBcc: x@example.lv")
    leader = UserFactory()
    MembershipFactory(community=community, user=leader, role="leader")
    client.force_login(leader)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("communities:community-submit", args=[community.slug]))

    assert response.status_code == 302
    community.refresh_from_db()
    assert community.status == Status.SUBMITTED
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:community-review", args=[community.slug]),
            {"decision": "return", "reason": "Nosaukumu vienā rindā."},
        )
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.status == Status.RETURNED
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        message.message()  # the headers can be written: no BadHeaderError
    assert [m.to for m in mailoutbox] == [[staff.email], [leader.email]]


def test_one_line_turns_breaks_and_controls_into_spaces():
    assert one_line("A\nB\r\nC\x00D\u2028E\tF  ") == "A B C D E F"


def test_a_contact_person_name_and_position_are_single_lines():
    from portal.forms import ContactPersonForm

    form = ContactPersonForm(
        data={"name": "Ilze\nUpīte", "position": "Speciāliste\r\nBcc: x", "email": "i@example.lv"}
    )

    assert not form.is_valid()
    assert set(form.errors) == {"name", "position"}
