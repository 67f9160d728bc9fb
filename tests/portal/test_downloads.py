"""Protected downloads (``portal.downloads``): checked on the server, not cached, not sniffed."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.urls import reverse

from portal.downloads import safe_download_name
from portal.roles import needs_mfa
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.mfa import enable_totp
from tests.portal.factories import MunicipalityFactory, UserFactory

PDF = b"%PDF-1.4\n%%EOF\n"
PNG_HEAD = b"\x89PNG\r\n\x1a\n"


def sign_in(client, user):
    if needs_mfa(user) and not Authenticator.objects.filter(user=user).exists():
        enable_totp(user)
    client.force_login(user)


@pytest.mark.parametrize(
    ("stem", "stored", "expected"),
    [
        ("kopiena-document", "uploads/x/1.pdf", "kopiena-document.pdf"),
        ("Ķekavas kopiena", "a.png", "kekavas-kopiena.png"),
        ("../../etc/passwd", "a.pdf", "etcpasswd.pdf"),
        ('a"; filename="evil.html', "a.pdf", "a-filenameevilhtml.pdf"),
        ("ābols", "a.html", "abols.bin"),
        ("", "a.jpg", "file.jpg"),
    ],
)
def test_download_names_are_ascii_and_keep_only_known_extensions(stem, stored, expected):
    assert safe_download_name(stem, stored) == expected


@pytest.mark.django_db
def test_a_document_goes_out_as_a_private_attachment(client, leader, community):
    community.supporting_document.save("x.pdf", ContentFile(PDF))
    client.force_login(leader)

    response = client.get(reverse("communities:community-document", args=[community.slug]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{community.slug}-document.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_a_picture_is_sent_with_its_own_type(client, staff, community):
    community.supporting_document.save("x.png", ContentFile(PNG_HEAD))
    sign_in(client, staff)

    response = client.get(reverse("communities:community-document", args=[community.slug]))

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].endswith('-document.png"')


@pytest.mark.django_db
def test_no_document_is_a_404(client, leader, community):
    client.force_login(leader)

    response = client.get(reverse("communities:community-document", args=[community.slug]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_sign_in_and_residents_refused(client, resident, community):
    community.supporting_document.save("x.pdf", ContentFile(PDF))
    url = reverse("communities:community-document", args=[community.slug])

    assert client.get(url)["Location"].startswith(reverse("account_login"))
    client.force_login(resident)
    refused = client.get(url)
    assert refused.status_code == 403
    assert "Content-Disposition" not in refused


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["its leader", "administrator", "staff of its municipality"])
def test_another_municipalitys_document_is_not_found_here(client, who):
    other = MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])
    theirs = CommunityFactory(municipality=other, slug="beta-kopiena")
    theirs.supporting_document.save("x.pdf", ContentFile(PDF))
    if who == "its leader":
        user = UserFactory()
        MembershipFactory(community=theirs, user=user, role="leader")
    elif who == "administrator":
        user = UserFactory(is_superuser=True)
    else:
        user = UserFactory(staff_of=other)
    sign_in(client, user)
    url = reverse("communities:community-document", args=[theirs.slug])

    assert client.get(url).status_code == 404
    assert client.get(url, HTTP_HOST="beta.test").status_code == 200
