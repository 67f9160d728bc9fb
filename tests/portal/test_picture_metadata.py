"""No metadata in published pictures (issue 25, item 2): every uploaded JPEG or PNG is
written again from its pixels before it is stored, turned as its EXIF orientation said,
without EXIF (GPS, camera, time), XMP, IPTC or comments; the original is never stored."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image, PngImagePlugin

from communities.models import Membership, StoryPhoto
from consultations.models import ProblemReport
from grants.models import Application, Report, Round
from grants.services.evaluation import decide_application, publish_results
from tests.communities.factories import MembershipFactory
from tests.grants.factories import ApplicationFactory, RoundFactory
from tests.portal.factories import NeighbourhoodFactory
from tests.practice.test_stories import story_data

pytestmark = pytest.mark.django_db

CAMERA = "Pixel-9-Pro-of-Anna"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b"<dc:creator>Anna Kalnina</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
)
SECRETS = (CAMERA.encode(), b"Anna Kalnina", b"Exif", b"xmpmeta", b"2026:06:01")


def exif_with_gps():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Google"
    exif[ExifTags.Base.Model] = CAMERA
    exif[ExifTags.Base.DateTime] = "2026:06:01 12:00:00"
    exif[ExifTags.Base.Orientation] = 6  # taken sideways: turn 90° clockwise to show
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (56.0, 57.0, 7.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (24.0, 6.0, 19.2),
    }
    return exif


def gps_jpeg():
    """A 40×20 JPEG from a phone: camera, time, GPS position, orientation, XMP, a comment."""
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(
        out, "JPEG", exif=exif_with_gps(), xmp=XMP, comment=b"Anna Kalnina"
    )
    data = out.getvalue()
    with Image.open(io.BytesIO(data)) as picture:  # the test's own picture carries them
        gps = picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert gps[ExifTags.GPS.GPSLatitude] == (56.0, 57.0, 7.5)
        assert picture.info["xmp"] and picture.info["comment"]
    return data


def gps_png():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Anna Kalnina")
    out = io.BytesIO()
    Image.new("RGBA", (40, 20), (0, 0, 255, 128)).save(
        out, "PNG", pnginfo=info, exif=exif_with_gps()
    )
    return out.getvalue()


def assert_clean(data, size=(20, 40)):
    for secret in SECRETS:
        assert secret not in data, secret
    with Image.open(io.BytesIO(data)) as picture:
        assert dict(picture.getexif()) == {}
        assert not set(picture.info) & {"exif", "xmp", "comment", "Author", "photoshop"}
        assert picture.size == size  # the orientation was applied to the pixels


def stored_files(storage, folder):
    return storage.listdir(folder)[1]


def test_a_story_photo_is_stored_and_shown_without_its_gps_position(client, leader, community):
    client.force_login(leader)
    response = client.post(
        reverse("practice:story-create", args=[community.slug]),
        {
            **story_data(),
            "neighbourhoods": [n.pk for n in community.neighbourhoods.all()],
            "photo": SimpleUploadedFile("IMG_0001.jpg", gps_jpeg(), content_type="image/jpeg"),
            "photo_alt": "Jaunais rotaļu laukums",
        },
    )
    assert response.status_code == 302
    photo = StoryPhoto.objects.get()
    shown = client.get(photo.get_absolute_url())
    assert shown.status_code == 200 and shown["Content-Type"] == "image/jpeg"
    assert_clean(b"".join(shown.streaming_content))
    # The original is not kept: the photo's folder holds the one clean file.
    folder = photo.image.name.rsplit("/", 1)[0]
    assert stored_files(photo.image.storage, folder) == [photo.image.name.rsplit("/", 1)[1]]


def test_a_problem_reports_photo_loses_its_metadata(client, resident):
    area = NeighbourhoodFactory()
    client.force_login(resident)
    response = client.post(
        reverse("problems:report-create"),
        {
            "neighbourhood": area.pk,
            "category": "road",
            "title": "Bedre",
            "description": "Dziļa bedre.",
            "address": "Skolas iela 5",
            "latitude": "",
            "longitude": "",
            "photo": SimpleUploadedFile("bedre.jpg", gps_jpeg(), content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302
    report = ProblemReport.objects.get()
    photo = client.get(reverse("problems:report-photo", kwargs={"pk": report.pk}))
    assert photo.status_code == 200
    assert_clean(b"".join(photo.streaming_content))


def test_a_grant_reports_photo_loses_its_metadata(client, staff, user_factory):
    round_ = RoundFactory(
        status=Round.Status.EVALUATION, deadline=timezone.now() - datetime.timedelta(days=1)
    )
    application = ApplicationFactory(round=round_, status=Application.Status.ELIGIBLE)
    decide_application(actor=staff, application=application, award=True)
    publish_results(actor=staff, round=round_)
    leader = user_factory()
    MembershipFactory(community=application.community, user=leader, role=Membership.Role.LEADER)
    report = application.reports.get(kind=Report.Kind.PROGRESS)
    client.force_login(leader)
    response = client.post(
        reverse("grants:report-file-add", args=[round_.slug, application.pk, report.pk]),
        {
            "kind": "photo",
            "title": "Parks",
            "file": SimpleUploadedFile("parks.png", gps_png(), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    with report.files.get().file.open("rb") as stored:
        assert_clean(stored.read())  # a PNG turned by its eXIf chunk too


def test_a_picture_that_cannot_be_decoded_is_refused_with_a_message(client, leader, community):
    client.force_login(leader)
    broken = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
    response = client.post(
        reverse("practice:story-create", args=[community.slug]),
        {
            **story_data(),
            "photo": SimpleUploadedFile("x.jpg", broken, content_type="image/jpeg"),
            "photo_alt": "Kaut kas",
        },
    )
    assert response.status_code == 200
    assert "Attēlu nevar nolasīt" in response.content.decode()
    assert not StoryPhoto.objects.exists()


def test_any_model_saving_a_picture_stores_it_clean_and_a_pdf_as_it_is(community):
    pdf = b"%PDF-1.4\n% Author: Anna Kalnina\n%%EOF\n"
    community.supporting_document = ContentFile(pdf, name="document.pdf")
    community.save()
    with community.supporting_document.open("rb") as stored:
        assert stored.read() == pdf
    community.supporting_document = ContentFile(gps_jpeg(), name="document.jpg")
    community.save()
    with community.supporting_document.open("rb") as stored:
        assert_clean(stored.read())
