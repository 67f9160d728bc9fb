"""Uploaded documents are checked by their content and size and stored under generated names."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from communities.models import Community
from portal.uploads import DocumentValidator, generated_upload_path, validate_document
from tests.communities.forms import community_form

PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n"
    b"%%EOF\n"
)


def _png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


# A valid 1×1 white PNG.
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
    + _png_chunk(b"IEND", b"")
)


def _jpeg():
    """A 1×1 JPEG that decodes (pictures are stored re-encoded: portal.images)."""
    out = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(out, "JPEG")
    return out.getvalue()


JPEG = _jpeg()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "extension"),
    [("statuti.pdf", PDF, "pdf"), ("foto.png", PNG, "png"), ("foto.jpg", JPEG, "jpg")],
)
def test_accepts_real_documents(name, content, extension):
    file = upload(name, content)

    assert validate_document(file) is file
    assert file.portal_extension == extension
    assert file.read() == content  # the check leaves the file at its start


def test_rejects_text_named_as_a_pdf():
    file = upload("statuti.pdf", b"Just some text pretending to be a PDF.\n", "application/pdf")

    with pytest.raises(ValidationError) as error:
        validate_document(file)

    assert error.value.code == "invalid_type"


def test_rejects_a_file_of_another_kind():
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"

    with pytest.raises(ValidationError) as error:
        validate_document(upload("bilde.png", gif, "image/png"))

    assert error.value.code == "invalid_type"


def test_rejects_a_file_over_the_limit(settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 100
    file = upload("liels.pdf", PDF + b"%" * 200)

    with pytest.raises(ValidationError) as error:
        validate_document(file)

    assert error.value.code == "too_large"
    assert "100" in error.value.messages[0]


def test_accepts_a_file_exactly_at_the_limit(settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = len(PDF)

    assert validate_document(upload("tieši.pdf", PDF)).portal_extension == "pdf"


@pytest.mark.parametrize(
    ("filename", "extension"),
    [
        ("Jānis Bērziņš - pase.pdf", "pdf"),
        ("BILDE.PNG", "png"),
        ("skats.jpg", "jpg"),
        ("../../etc/passwd", "bin"),
        ("programma.exe", "bin"),
        ("bez-paplašinājuma", "bin"),
    ],
)
def test_generated_upload_path_never_uses_the_file_name(filename, extension):
    path = generated_upload_path(Community(), filename)

    assert re.fullmatch(rf"uploads/communities/community/[0-9a-f]{{32}}\.{extension}", path)
    stem = filename.rsplit(".", 1)[0].lower()
    assert stem not in path.lower()


def test_two_uploads_of_the_same_name_get_different_paths():
    assert generated_upload_path(Community(), "a.pdf") != generated_upload_path(
        Community(), "a.pdf"
    )


@pytest.mark.django_db
def test_a_stored_document_keeps_no_trace_of_its_name_and_is_typed_by_its_content(settings):
    """A PDF someone named ``.png`` is still stored, and later served, as a PDF."""
    form = community_form(
        {"name": "Dokumentu kopiena", "legal_form": "informal"},
        {"supporting_document": upload("Anna Kalniņa.png", PDF, "image/png")},
    )
    assert form.is_valid(), form.errors
    community = form.save(commit=False)
    community.slug = "dokumentu-kopiena"
    community.save()

    name = community.supporting_document.name
    assert "anna" not in name.lower()
    assert community.supporting_document.read() == PDF
    assert name.endswith(".pdf")


@pytest.mark.django_db
def test_the_registration_form_refuses_a_disguised_document():
    form = community_form(
        {"name": "Dokumentu kopiena", "legal_form": "informal"},
        {"supporting_document": upload("statuti.pdf", b"not a pdf", "application/pdf")},
    )

    assert not form.is_valid()
    assert form.errors["supporting_document"] == [
        "Upload a file of one of these kinds: PDF, PNG, JPEG."
    ]


def test_a_validator_accepts_only_its_own_kinds():
    only_pdf = DocumentValidator(types=("pdf",))

    assert only_pdf(upload("plāns.pdf", PDF)).portal_extension == "pdf"
    with pytest.raises(ValidationError) as error:
        only_pdf(upload("foto.png", PNG))
    assert error.value.messages == ["Upload a file of one of these kinds: PDF."]
    assert only_pdf.accept == ".pdf,application/pdf"


def test_a_field_limit_wins_over_the_setting(settings):
    settings.PORTAL_MAX_UPLOAD_BYTES = 10
    small = DocumentValidator(max_bytes=len(PDF))

    assert small(upload("a.pdf", PDF)).portal_extension == "pdf"
    with pytest.raises(ValidationError) as error:
        small(upload("b.pdf", PDF + b"%"))
    assert error.value.code == "too_large"


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        DocumentValidator(types=("exe",))


def test_validators_deconstruct_for_migrations():
    path, args, kwargs = DocumentValidator(types=("pdf",), max_bytes=5).deconstruct()

    assert path == "portal.uploads.DocumentValidator"
    assert kwargs == {"types": ("pdf",), "max_bytes": 5}
    assert DocumentValidator(**kwargs) == DocumentValidator(types=("pdf",), max_bytes=5)


def test_as_a_model_field_validator_it_checks_a_new_upload_and_names_it_by_content():
    community = Community()
    community.supporting_document = upload("Anna.png", PDF, "image/png")

    validate_document(community.supporting_document)
    assert community.supporting_document.name == "document.pdf"

    community.supporting_document = upload("x.pdf", b"plain text", "application/pdf")
    with pytest.raises(ValidationError):
        validate_document(community.supporting_document)


@pytest.mark.django_db
def test_as_a_model_field_validator_it_leaves_a_stored_file_alone(community_factory):
    community = community_factory()
    community.supporting_document.save("d.pdf", ContentFile(b"stored long ago, never checked"))

    assert validate_document(community.supporting_document) is community.supporting_document


@pytest.mark.django_db
def test_the_admin_sites_form_checks_the_document_too(community_factory):
    """The model field carries the validator, so a form without our clean code checks it."""
    from django.forms import modelform_factory

    admin_form = modelform_factory(Community, fields=["supporting_document"])
    community = community_factory()

    refused = admin_form(
        {},
        {"supporting_document": upload("x.pdf", b"<html>", "application/pdf")},
        instance=community,
    )
    accepted = admin_form(
        {}, {"supporting_document": upload("Anna.png", PDF, "image/png")}, instance=community
    )

    assert not refused.is_valid()
    assert refused.errors["supporting_document"][0].startswith("Upload a file of one of these")
    assert accepted.is_valid(), accepted.errors
    assert accepted.save().supporting_document.name.endswith(".pdf")
