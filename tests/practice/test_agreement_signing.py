"""Signing an agreement with its document (issue 26): the sign form asks for the signed PDF
when the draft has none, checks it, keeps the scan for the municipality and the community's
leaders and board unless staff make it public, and loses nothing typed on bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from communities.models import Agreement
from tests.portal.factories import MunicipalityFactory, UserFactory
from tests.practice.factories import PDF, AgreementFactory

pytestmark = pytest.mark.django_db

SCAN = b"%PDF-1.4\n% parakstits\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_url(agreement):
    return reverse("practice:agreement-status", args=[agreement.pk, "sign"])


def document_url(agreement):
    return reverse("practice:agreement-document", args=[agreement.pk])


def scan(name="parakstits.pdf", content=SCAN, kind="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=kind)


@pytest.fixture
def draft(community):
    return AgreementFactory(community=community, status="draft", document=None)


def test_staff_sign_with_the_document_and_only_the_parties_download_the_scan(
    client, staff, draft, leader, board_member, member, resident, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    form = client.get(sign_url(draft)).content.decode()
    assert 'enctype="multipart/form-data"' in form and 'name="document"' in form
    assert 'accept=".pdf,application/pdf"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sign_url(draft), {"signed_on": "2026-11-30", "document": scan()})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Agreement.Status.SIGNED and not draft.document_public
    assert draft.document.name.startswith("uploads/communities/agreement/")
    assert [c.to_status for c in draft.status_changes.all()][-1] == "signed"
    page = client.get(draft.get_absolute_url()).content.decode()
    assert document_url(draft) in page

    # The agreement's text is public; the signed scan only to staff, leaders and board.
    anonymous = Client()
    public_page = anonymous.get(draft.get_absolute_url()).content.decode()
    assert draft.purpose in public_page and document_url(draft) not in public_page
    assert anonymous.get(document_url(draft)).status_code == 302  # the sign-in page
    for person, allowed in (
        (staff, True),
        (leader, True),
        (board_member, True),
        (member, False),
        (resident, False),
    ):
        client.force_login(person)
        response = client.get(document_url(draft))
        assert response.status_code == (200 if allowed else 403), person
        if allowed:
            assert b"".join(response.streaming_content) == SCAN

    # Another municipality's host finds nothing.
    MunicipalityFactory(slug="beta", hosts=["beta.test"])
    other = Client(HTTP_HOST="beta.test")
    other.force_login(UserFactory())
    assert other.get(document_url(draft)).status_code == 404


def test_staff_may_publish_the_scan_when_signing(client, staff, draft):
    client.force_login(staff)
    client.post(
        sign_url(draft), {"signed_on": "2026-11-30", "document": scan(), "document_public": "on"}
    )
    draft.refresh_from_db()
    assert draft.status == "signed" and draft.document_public
    assert Client().get(document_url(draft)).status_code == 200


def test_a_wrong_file_gets_a_message_beside_the_field_and_the_date_stays(client, staff, draft):
    client.force_login(staff)
    response = client.post(
        sign_url(draft),
        {
            "signed_on": "2026-11-28",
            "document": scan("liguma-foto.txt", b"nav PDF", "text/plain"),
            "document_public": "on",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    beside = page.split('id="id_document_error"')[1].split("</div>")[0]
    assert "error-message" in beside and "PDF" in beside
    assert 'value="2026-11-28"' in page
    assert "checked" in page.split('name="document_public"')[1].split(">")[0]
    draft.refresh_from_db()
    assert draft.status == "draft" and not draft.document


def test_without_a_document_the_signature_is_refused_beside_the_field(client, staff, draft):
    client.force_login(staff)
    response = client.post(sign_url(draft), {"signed_on": "2026-11-28"})
    assert response.status_code == 200
    assert 'id="id_document_error"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_document_attached_to_the_draft_is_kept_or_replaced(client, staff, community):
    agreement = AgreementFactory(community=community, status="draft", document_public=False)
    earlier = agreement.document.name
    client.force_login(staff)
    assert client.post(sign_url(agreement), {"signed_on": "2026-11-30"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "signed" and agreement.document.name == earlier
    with agreement.document.open("rb") as stored:
        assert stored.read() == PDF


def test_only_staff_not_involved_sign(client, leader, draft, resident):
    for person in (leader, resident):
        client.force_login(person)
        response = client.post(sign_url(draft), {"signed_on": "2026-11-30", "document": scan()})
        assert response.status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.status == "draft" and not draft.document
