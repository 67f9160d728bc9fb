"""A meeting's papers over HTTP (issue 26): staff add public papers and papers for the council
only, residents see and download the public ones, members both; another municipality's host
finds nothing; removing one asks first and is recorded; members hear of each batch."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councils.models import Meeting, MeetingPaper
from portal.models import Notification, NotificationOptOut
from tests.councils.factories import CouncilFactory, MeetingFactory, seat_for
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
KIND = "council-papers-added"


def pdf(name="materials.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def url(name, meeting, **kwargs):
    return reverse(
        f"councils:{name}", kwargs={"slug": meeting.council.slug, "pk": meeting.pk, **kwargs}
    )


def paper_url(paper):
    return url("paper-download", paper.meeting, paper=paper.pk)


@pytest.fixture
def people(council):
    member, quiet = UserFactory(full_name="Ilze Padomniece"), UserFactory()
    seat_for(member, council)
    seat_for(quiet, council)
    NotificationOptOut.objects.create(user=quiet, kind=KIND)  # turned these messages off
    return {"member": member, "quiet": quiet}


def add(client, meeting, **data):
    """Post the form of papers as the meeting's page names its fields."""
    return client.post(url("papers-add", meeting), {f"papers-{k}": v for k, v in data.items()})


def test_staff_add_papers_residents_see_the_public_ones_and_members_all(
    client, staff, resident, meeting, people, mailoutbox, django_capture_on_commit_callbacks
):
    item = meeting.items.create(number=1, title="Budžets")
    client.force_login(staff)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert url("papers-add", meeting) in page and 'enctype="multipart/form-data"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = add(client, meeting, files=[pdf("Darba kārtība.pdf")], public="on")
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url() + "#papers"
    with django_capture_on_commit_callbacks(execute=True):
        response = add(
            client,
            meeting,
            files=[pdf("tame.pdf"), pdf("karte.pdf")],
            title="Tāme",
            item=item.pk,
        )
    assert response.status_code == 302
    public = MeetingPaper.objects.get(public=True)
    assert public.title == "Darba kārtība" and public.item is None
    assert public.added_by == staff and public.file.name.startswith("uploads/councils/")
    assert not public.file.name.endswith("Darba kārtība.pdf")  # a generated name
    protected = list(MeetingPaper.objects.filter(public=False).order_by("pk"))
    assert [p.title for p in protected] == ["Tāme: tame", "Tāme: karte"]
    assert {p.item for p in protected} == {item}
    history = list(meeting.changes.filter(event="papers_added"))
    assert len(history) == 2 and {row.actor for row in history} == {staff}

    # One message per batch to each sitting member; the one who turned them off gets none.
    rows = Notification.objects.filter(kind=KIND)
    assert rows.filter(user=people["member"]).count() == 2
    assert {row.status for row in rows.filter(user=people["quiet"])} <= {"cancelled"}
    sent = [m for m in mailoutbox if people["member"].email in m.to]
    assert len(sent) == 2 and all(people["quiet"].email not in m.to for m in mailoutbox)
    assert "tame" in sent[1].body and meeting.get_absolute_url() in sent[1].body

    # A resident sees and downloads the public paper, never the protected ones.
    client.force_login(resident)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Darba kārtība" in page and "Tāme" not in page
    response = client.get(paper_url(public))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"]
    assert client.get(paper_url(protected[0])).status_code == 403
    anonymous = Client()
    assert anonymous.get(paper_url(public)).status_code == 200
    response = anonymous.get(paper_url(protected[0]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    # A member sees and downloads both.
    client.force_login(people["member"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Darba kārtība" in page and "Tāme: karte" in page
    for paper in (public, *protected):
        assert client.get(paper_url(paper)).status_code == 200
    assert url("paper-remove", meeting, paper=public.pk) not in page  # staff only
    assert client.get(url("paper-remove", meeting, paper=public.pk)).status_code == 403
    assert add(client, meeting, files=[pdf()]).status_code == 403


def test_another_municipality_finds_no_paper_and_a_draft_hides_its_papers(
    client, staff, meeting, people
):
    paper = MeetingPaper.objects.create(meeting=meeting, title="Plāns", file=pdf(), public=True)
    beta = MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])
    theirs = CouncilFactory(municipality=beta, slug=meeting.council.slug)
    other_meeting = MeetingFactory(council=theirs)
    for person in (None, UserFactory(staff_of=beta)):
        other = Client(HTTP_HOST="beta.test")
        if person:
            other.force_login(person)
        assert other.get(paper_url(paper)).status_code == 404
        wrong = url("paper-download", other_meeting, paper=paper.pk)
        assert other.get(wrong).status_code == 404
    # A draft meeting: its papers are a 404 to those who may not see the meeting.
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
    assert Client().get(paper_url(paper)).status_code == 404
    client.force_login(people["member"])
    assert client.get(paper_url(paper)).status_code == 200


def test_staff_remove_a_paper_after_confirming_and_the_history_keeps_it(
    client, staff, meeting, people, django_capture_on_commit_callbacks
):
    paper = MeetingPaper.objects.create(meeting=meeting, title="Vecā tāme", file=pdf())
    storage, name = paper.file.storage, paper.file.name
    client.force_login(staff)
    page = client.get(meeting.get_absolute_url()).content.decode()
    remove = url("paper-remove", meeting, paper=paper.pk)
    assert remove in page
    confirm = client.get(remove)
    assert confirm.status_code == 200 and "Vecā tāme" in confirm.content.decode()
    assert MeetingPaper.objects.filter(pk=paper.pk).exists()  # asking removes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remove)
    assert response.status_code == 302
    assert not MeetingPaper.objects.filter(pk=paper.pk).exists()
    assert not storage.exists(name)  # the file left with its row
    row = meeting.changes.get(event="paper_removed")
    assert row.actor == staff and row.data["title"] == "Vecā tāme"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Vecā tāme" in page  # in the history, no longer among the papers
    assert client.get(paper_url(paper)).status_code == 404


def test_a_wrong_file_gets_a_message_beside_the_field_and_keeps_what_was_typed(
    client, staff, meeting
):
    client.force_login(staff)
    response = add(
        client,
        meeting,
        files=[SimpleUploadedFile("piezimes.txt", b"tikai teksts", content_type="text/plain")],
        title="Piezīmes par budžetu",
        public="on",
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "files" in form.errors and not MeetingPaper.objects.exists()
    page = response.content.decode()
    assert 'value="Piezīmes par budžetu"' in page
    assert "checked" in page.split('name="papers-public"')[1].split(">")[0]
    beside = page.split('id="id_papers-files_error"')[1].split("</div>")[0]  # beside the field
    assert "error-message" in beside and "PDF" in beside


def test_papers_added_late_need_a_reason_shown_with_them(client, staff, council):
    soon = timezone.now() + datetime.timedelta(days=1)
    meeting = MeetingFactory(council=council, starts_at=soon)
    client.force_login(staff)
    response = add(client, meeting, files=[pdf()], title="Papildu materiāls", public="on")
    assert response.status_code == 200 and "late_reason" in response.context["form"].errors
    assert 'value="Papildu materiāls"' in response.content.decode()
    response = add(
        client,
        meeting,
        files=[pdf()],
        title="Papildu materiāls",
        public="on",
        late_reason="Tāme saņemta vakar.",
    )
    assert response.status_code == 302
    paper = MeetingPaper.objects.get()
    assert paper.late_reason == "Tāme saņemta vakar."
    page = Client().get(meeting.get_absolute_url()).content.decode()
    assert "Tāme saņemta vakar." in page


def test_no_papers_are_added_after_the_minutes(client, staff, council):
    meeting = MeetingFactory(council=council, status=Meeting.Status.MINUTED)
    client.force_login(staff)
    response = add(client, meeting, files=[pdf()], title="Vēlu")
    assert response.status_code == 200 and not MeetingPaper.objects.exists()
    assert "papers_form" not in client.get(meeting.get_absolute_url()).context


def test_the_meeting_page_with_many_papers_has_a_fixed_number_of_queries(
    client, meeting, people, django_assert_max_num_queries
):
    items = [meeting.items.create(number=n, title=f"Jautājums {n}") for n in (1, 2, 3)]
    for number in range(12):
        MeetingPaper.objects.create(
            meeting=meeting,
            item=items[number % 4] if number % 4 < 3 else None,
            title=f"Materiāls {number}",
            file=pdf(),
            public=number % 2 == 0,
        )
    client.force_login(people["member"])
    with django_assert_max_num_queries(15):
        response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("paper-download") == 0  # links, not names
    assert response.content.decode().count("/papers/") == 12
