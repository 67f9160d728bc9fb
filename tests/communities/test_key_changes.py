"""Key facts of a verified community change only through staff (issue 12, item 8)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.formats import date_format

from communities.models import Community, CommunityChangeRequest
from communities.services.key_changes import (
    accept_key_change,
    request_key_change,
    return_key_change,
)
from communities.services.registration import update_community
from tests.communities.service_helpers import _english_messages  # noqa: F401 - autouse
from tests.communities.view_helpers import (  # noqa: F401 - the fixture is autouse
    PDF,
    _staff_without_second_factor,
)
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = CommunityChangeRequest.Status


def profile(community, **changes):
    data = {
        "name": community.name,
        "neighbourhoods": [n.pk for n in community.neighbourhoods.all()],
        "description": community.description,
        "founding_motives": community.founding_motives,
        "founding_motive_other": "",
        "legal_form": community.legal_form,
        "register_number": community.register_number,
        "contact_name": community.contact_name,
        "contact_email": community.contact_email,
        "contact_phone": community.contact_phone,
        "declared_residents": str(community.declared_residents),
        "residents_evidence": community.residents_evidence,
        "action": "save",
    }
    return {**data, **changes}


def edit(client, community, **changes):
    url = reverse("communities:community-edit", args=[community.slug])
    return client.post(url, profile(community, **changes))


def review_url(community):
    return reverse("communities:key-change-review", args=[community.slug])


# Over HTTP: the leaders ask ---------------------------------------------------------------


def test_a_leader_changing_key_facts_asks_the_municipality(
    client, leader, staff, community, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(leader)
    old_name = community.name

    with django_capture_on_commit_callbacks(execute=True):
        response = edit(
            client, community, name="Lielā kopiena", declared_residents="5000", description="Jauns."
        )
        edit(
            client, community, name="Lielā kopiena", declared_residents="5001", description="Jauns."
        )

    assert response.status_code == 302
    community.refresh_from_db()
    # The description is saved at once; the key facts wait.
    assert community.description == "Jauns."
    assert (community.name, community.declared_residents) == (old_name, 40)
    change = community.change_requests.get()
    assert change.status == Status.PENDING
    assert change.data == {"name": "Lielā kopiena", "declared_residents": 5001}
    assert change.requested_by == leader
    assert community.status_changes.filter(event="key_change_requested").count() == 2
    # Staff are told once, when the change starts waiting.
    assert [m.to for m in mailoutbox] == [[staff.email]]
    assert f"/communities/{community.slug}/changes/" in mailoutbox[0].body
    # The leaders see that a change waits; the form shows what they asked for.
    page = client.get(community.get_absolute_url())
    assert "waiting for the municipality" in page.content.decode()
    form = client.get(reverse("communities:community-edit", args=[community.slug]))
    assert form.context["form"]["name"].value() == "Lielā kopiena"
    # Everyone else still reads the verified facts.
    client.logout()
    public = client.get(community.get_absolute_url()).content.decode()
    assert old_name in public and "Lielā kopiena" not in public


def test_the_form_says_which_facts_go_to_the_municipality(client, leader, community):
    client.force_login(leader)
    url = reverse("communities:community-edit", args=[community.slug])
    assert "go to the municipality" in client.get(url).content.decode()

    edit(client, community, supporting_document=SimpleUploadedFile("s.pdf", PDF, "application/pdf"))

    page = client.get(url)
    assert page.context["key_change"] == community.pending_key_change
    assert "A new supporting document waits with it." in page.content.decode()


def test_a_new_edit_updates_the_one_pending_change(client, leader, community):
    client.force_login(leader)
    edit(client, community, declared_residents="5000")
    edit(client, community, declared_residents="60")

    change = community.change_requests.get()
    assert (change.status, change.data) == (Status.PENDING, {"declared_residents": 60})


def test_bringing_the_facts_back_withdraws_the_change(client, leader, community):
    client.force_login(leader)
    edit(client, community, declared_residents="5000")
    edit(client, community)

    assert community.change_requests.get().status == Status.WITHDRAWN
    assert community.pending_key_change is None


def test_the_leaders_take_a_change_back_after_confirming(client, leader, community):
    client.force_login(leader)
    edit(client, community, supporting_document=SimpleUploadedFile("s.pdf", PDF, "application/pdf"))
    url = reverse("communities:key-change-withdraw", args=[community.slug])

    assert client.get(url).status_code == 200
    response = client.post(url)

    assert response.status_code == 302
    assert community.change_requests.get().status == Status.WITHDRAWN
    community.refresh_from_db()
    assert not community.supporting_document


def test_a_new_document_waits_with_the_change(client, leader, community):
    client.force_login(leader)
    upload = SimpleUploadedFile("saraksts.pdf", PDF, "application/pdf")

    edit(client, community, supporting_document=upload)

    community.refresh_from_db()
    assert not community.supporting_document
    change = community.change_requests.get()
    assert change.document.name.endswith(".pdf")
    document = client.get(reverse("communities:key-change-document", args=[community.slug]))
    assert document.status_code == 200


def test_an_invalid_key_fact_is_refused_beside_the_field(client, leader, community):
    client.force_login(leader)
    response = edit(client, community, legal_form="association", register_number="123")

    assert response.status_code == 200
    assert "register_number" in response.context["form"].errors
    assert response.context["form"]["register_number"].value() == "123"
    assert not community.change_requests.exists()


# Over HTTP: staff decide --------------------------------------------------------------------


def test_staff_find_the_change_in_the_queue_and_accept_it(client, staff, leader, community):
    client.force_login(leader)
    edit(client, community, name="Lielā kopiena", declared_residents="5000")
    client.force_login(staff)

    queue = client.get(reverse("communities:community-queue"))
    assert review_url(community) in queue.content.decode()
    page = client.get(review_url(community))
    assert page.status_code == 200
    assert page.context["change_request"].comparison()[0][1:] == (community.name, "Lielā kopiena")
    response = client.post(review_url(community), {"decision": "accept"})

    assert response.status_code == 302
    community.refresh_from_db()
    assert (community.name, community.declared_residents) == ("Lielā kopiena", 5000)
    assert community.change_requests.get().status == Status.ACCEPTED
    accepted = community.status_changes.get(event="key_change_accepted")
    assert accepted.actor == staff
    assert "Lielā kopiena" in client.get(community.get_absolute_url()).content.decode()


def test_staff_return_the_change_with_a_reason_and_the_leaders_are_told(
    client, staff, leader, community, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(leader)
    edit(client, community, declared_residents="5000")
    client.force_login(staff)

    missing = client.post(review_url(community), {"decision": "return", "reason": " "})
    assert missing.status_code == 200
    assert "reason" in missing.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url(community), {"decision": "return", "reason": "Nav pierādījumu."})

    community.refresh_from_db()
    assert community.declared_residents == 40
    change = community.change_requests.get()
    assert (change.status, change.reason, change.decided_by) == (
        Status.RETURNED,
        "Nav pierādījumu.",
        staff,
    )
    assert [m.to for m in mailoutbox] == [[leader.email]]
    assert "Nav pierādījumu." in mailoutbox[0].body
    assert "5000" in mailoutbox[0].body


def test_a_decided_change_cannot_be_decided_again(client, staff, leader, community):
    client.force_login(leader)
    edit(client, community, declared_residents="5000")
    client.force_login(staff)
    client.post(review_url(community), {"decision": "accept"})

    response = client.post(review_url(community), {"decision": "return", "reason": "Nē."})

    assert response.status_code == 302
    assert community.change_requests.get().status == Status.ACCEPTED


def test_people_who_are_not_staff_cannot_decide(client, leader, community):
    client.force_login(leader)
    edit(client, community, declared_residents="5000")

    assert client.get(review_url(community)).status_code == 403
    assert client.post(review_url(community), {"decision": "accept"}).status_code == 403
    assert community.change_requests.get().status == Status.PENDING


def test_staff_of_another_municipality_are_refused(client, leader, community):
    client.force_login(leader)
    edit(client, community, declared_residents="5000")
    client.force_login(UserFactory(staff_of=[MunicipalityFactory()]))

    assert client.get(review_url(community)).status_code == 403
    assert client.post(review_url(community), {"decision": "accept"}).status_code == 403
    assert community.change_requests.get().status == Status.PENDING


# Services, with plain data ----------------------------------------------------------------


def test_services_take_plain_data(leader, staff, community):
    update_community(
        actor=leader,
        community=community,
        name="Jauns nosaukums",
        legal_form=Community.LegalForm.ASSOCIATION,
        register_number="40008123456",
        contact_phone="+371 29999999",
        supporting_document=ContentFile(PDF, name="jauns.pdf"),
    )
    community.refresh_from_db()
    assert community.contact_phone == "+371 29999999"
    assert community.legal_form == Community.LegalForm.INFORMAL
    change = community.pending_key_change
    sent = change.document.name

    accept_key_change(actor=staff, change_request=change)

    community.refresh_from_db()
    assert (community.name, community.legal_form, community.register_number) == (
        "Jauns nosaukums",
        Community.LegalForm.ASSOCIATION,
        "40008123456",
    )
    assert community.supporting_document.name == sent  # the request lets go of it
    assert not change.document
    accepted = community.status_changes.get(event="key_change_accepted")
    assert accepted.details[-1] == "A new supporting document."


def test_returning_needs_a_reason_and_changes_nothing(leader, staff, community):
    change = request_key_change(
        actor=leader, community=community, proposed={"declared_residents": 5000}
    )
    with pytest.raises(ValidationError) as error:
        return_key_change(actor=staff, change_request=change, reason=" ")
    assert error.value.code == "reason_required"

    return_key_change(actor=staff, change_request=change, reason="Nav pierādījumu.")

    community.refresh_from_db()
    assert community.declared_residents == 40
    assert list(change.changes.values_list("from_status", "to_status")) == [
        ("", Status.PENDING),
        (Status.PENDING, Status.RETURNED),
    ]


def test_an_association_s_date_of_registration_changes_with_the_key_facts(
    client, staff, leader, community
):
    """Issue 26: the register's date is a key fact; staff accept it like the number."""
    type(community).objects.filter(pk=community.pk).update(
        legal_form="association", register_number="40008123456"
    )
    community.refresh_from_db()
    client.force_login(leader)
    response = edit(client, community, registered_on="2018-05-04")
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.registered_on is None  # waits for the municipality
    [change] = community.change_requests.all()
    assert change.data == {"registered_on": "2018-05-04"}
    [(_label, old, new)] = change.comparison()
    # As the portal writes dates, not the ISO text the request keeps.
    assert (old, new) == ("—", date_format(datetime.date(2018, 5, 4), "SHORT_DATE_FORMAT"))
    assert "2018-05-04" not in new

    client.force_login(staff)
    response = client.post(review_url(community), {"decision": "accept"})
    assert response.status_code == 302
    community.refresh_from_db()
    assert community.registered_on == datetime.date(2018, 5, 4)
    accepted = community.status_changes.get(event="key_change_accepted")
    assert accepted.data["fields"] == [["registered_on", None, "2018-05-04"]]
