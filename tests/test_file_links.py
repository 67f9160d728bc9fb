"""Every file link works for those allowed (issue 25, item 10).

Each page of the page tour (tests/page_tour.py) is opened as its role; every link on it to a
stored file (a view of the protected download kit, a story's photo, the minutes, anything
under ``MEDIA_URL``) is collected. The pages that carry such links are then opened as every
role of the tour, which tells who is *shown* each link. Each link is then opened as every
role: whoever is shown it gets the file (200), everyone else is refused (403 or 404, or the
sign-in page for an anonymous visitor). A link that leads to a page (the minutes of a meeting
lead to the report's page) counts that page's file links as shown to the same people, so
the minutes' PDF is opened too. A link that points at ``/media/`` (never served) or
answers 404 to the person it is shown to fails the test.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import Resolver404, resolve

from communities.views.stories import StoryPhotoView
from consultations.models import ConsultationDocument
from councils.reports import MINUTES
from councils.views.meetings import MinutesPdfView
from grants.models import Attachment, ReportFile, RoundDocument
from portal import reports
from portal.downloads import ProtectedDownloadView
from portal.models import Report
from tests.page_tour import MUNICIPALITY_HOST, ROLES, Page, build_world, tour
from tests.practice.factories import PDF, PNG

pytestmark = pytest.mark.django_db

HREF = re.compile(r'\b(?:href|src)="([^"#]+)"')
FILE_VIEWS = (ProtectedDownloadView, StoryPhotoView, MinutesPdfView)
LOGIN = "/accounts/login/"


def add_files(world):
    """Files the tour's rows may carry, so that each kind of file link is on some page."""
    grants, consultations = world["grants"], world["consultations"]
    for application in (grants["draft"], grants["scored"], grants["awarded"]):
        Attachment.objects.create(
            application=application, title="Tāme", file=ContentFile(PDF, "tame.pdf")
        )
    ReportFile.objects.create(
        report=grants["report"],
        kind=ReportFile.Kind.RECEIPT,
        title="Čeks",
        file=ContentFile(PDF, "cekis.pdf"),
    )
    RoundDocument.objects.create(
        round=grants["open"], title="Nolikums", file=ContentFile(PDF, "nolikums.pdf")
    )
    ConsultationDocument.objects.create(
        consultation=consultations["open"],
        title="Projekts",
        file=ContentFile(PDF, "projekts.pdf"),
    )
    for submission in (consultations["done"], consultations["waiting"]):
        submission.attachment = ContentFile(PDF, "pielikums.pdf")
        submission.save()
    ready = world["reports"][1]  # the tour names its file; the worker would have written it
    ready.file.storage.save(ready.file.name, ContentFile(PDF))
    report = consultations["report"]
    report.photo = ContentFile(PNG, "bedre.png")
    report.save()


def is_file_link(path):
    if path.startswith(settings.MEDIA_URL):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    view = getattr(match.func, "view_class", None)
    return view is not None and issubclass(view, FILE_VIEWS)


def file_links(html, host):
    """``{(host, path)}`` of the links to stored files in ``html``."""
    found = set()
    for href in HREF.findall(html):
        parts = urlsplit(href.replace("&amp;", "&"))
        if parts.scheme and parts.scheme not in ("http", "https"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if is_file_link(parts.path):
            found.add((parts.netloc.split(":")[0] or host, path))
    return found


def outcome(client, path):
    """``"file"``, ``"refused"`` or the unexpected answer."""
    response = client.get(path)
    if response.status_code == 302:
        target = response["Location"]
        if target.startswith(LOGIN):
            return "refused"
        response = client.get(target)
    if response.status_code in (403, 404):
        return "refused"
    if response.status_code == 200:
        return "file"
    return f"{response.status_code}"


def test_every_file_link_of_the_tour_answers_those_shown_it_and_refuses_the_others():
    world = build_world()
    add_files(world)
    people = world["people"]
    clients = {}

    def client_for(role, host):
        if (role, host) not in clients:
            client = Client(HTTP_HOST=host)
            if people[role] is not None:
                client.force_login(people[role])
            clients[role, host] = client
        return clients[role, host]

    pages_with_files = {}  # (host, path) of a page → the file links on it
    # The tour shows a registration waiting for review to staff; its leader sees it too.
    extra = [
        Page("submitted registration (leader)", "leader", world["submitted"].get_absolute_url())
    ]
    for page in [*tour(world), *extra]:
        if page.post is not None:
            continue
        response = client_for(page.role, page.host).get(page.path)
        assert response.status_code == 200, (page.name, response.status_code)
        links = file_links(response.content.decode(), page.host)
        if links:
            pages_with_files[page.host, page.path] = links

    shown = {}  # file link → the roles shown it on some page
    for host, path in pages_with_files:
        for role in ROLES:
            response = client_for(role, host).get(path)
            if response.status_code != 200:
                continue
            for link in file_links(response.content.decode(), host):
                shown.setdefault(link, set()).add(role)
    # A file link that leads to a page (the minutes lead to the report's page, which offers
    # the PDF once made): that page's file links are shown to the same people. The worker
    # makes the minutes first.
    for host, path in shown:
        if resolve(urlsplit(path).path).func.view_class is MinutesPdfView:
            client_for("anonymous", host).get(path)
    for pk in Report.objects.filter(kind=MINUTES, status=Report.Status.PENDING).values_list(
        "pk", flat=True
    ):
        reports.render(pk)
    for (host, path), roles in list(shown.items()):
        for role in roles:
            response = client_for(role, host).get(path)
            if response.status_code == 302 and not response["Location"].startswith(LOGIN):
                page = client_for(role, host).get(response["Location"])
                for link in file_links(page.content.decode(), host):
                    shown.setdefault(link, set()).add(role)

    never_served = [path for _host, path in shown if path.startswith(settings.MEDIA_URL)]
    assert never_served == [], "links to files that are never served"
    kinds = {resolve(urlsplit(path).path).func.view_class.__name__ for _host, path in shown}
    assert {
        "AgreementDocumentView",
        "AttachmentDownloadView",
        "CommunityDocumentView",
        "ConsultationDocumentView",
        "CouncilBylawsView",
        "MinutesPdfView",
        "PaperDownloadView",
        "ProblemPhotoView",
        "ReportDownloadView",  # the tour's report, and the minutes' once made
        "RoundDocumentView",
        "StoryPhotoView",
        "SubmissionAttachmentView",
    } <= kinds, kinds

    wrong = []
    for (host, path), roles in sorted(shown.items()):
        for role in ROLES:
            expected = "file" if role in roles else "refused"
            got = outcome(client_for(role, host), path)
            if got != expected:
                wrong.append((path, role, f"expected {expected}, got {got}"))
    assert wrong == []
    minutes = Report.objects.get(kind=MINUTES, status=Report.Status.READY)
    assert (MUNICIPALITY_HOST, f"/lv/documents/{minutes.pk}/download/") in shown
    # A meeting's papers: the public one to everyone, the other to the council's member (the
    # tour's leader holds a seat) and staff only.
    papers = {
        path: roles
        for (_h, path), roles in shown.items()
        if "/papers/" in path and "/remove/" not in path
    }
    assert sorted(map(sorted, papers.values())) == [
        ["anonymous", "evaluator", "leader", "resident", "staff"],
        ["leader", "staff"],
    ], papers
    # A signed scan kept for the parties: the community's leader and staff only.
    scans = {
        path: roles for (_h, path), roles in shown.items() if path.startswith("/lv/agreements/")
    }
    assert ["leader", "staff"] in map(sorted, scans.values()), scans
