"""Files leave storage with their rows (issue 25, item 3), in every app, by one mechanism
(``portal.stored_files``): replaced, cleared and deleted files, ``QuerySet.delete()`` and
cascades alike, once the transaction commits; never on a rollback, never while another row
names the file. The walk over every ``FileField`` of every model fails when one has no
row maker here, so a new file field cannot be left out."""

import datetime
import uuid

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import signals
from django.utils import timezone

from communities.models import CommunityChangeRequest, StoryPhoto
from consultations.models import ConsultationDocument
from consultations.services.problems import report_problem
from councils.models import Council, MeetingPaper
from grants.models import (
    Attachment,
    ReportFile,
    RoundDocument,
    SpendingDocument,
    SpendingReport,
)
from grants.models import Report as GrantReport
from portal.models import Report
from portal.stored_files import models_with_files
from tests.communities.factories import CommunityFactory
from tests.consultations.factories import ConsultationFactory, SubmissionFactory
from tests.councils.factories import CouncilFactory, MeetingFactory
from tests.grants.factories import ApplicationFactory, RoundFactory
from tests.portal.factories import NeighbourhoodFactory, UserFactory, default_municipality
from tests.practice.factories import PDF, AgreementFactory, StoryFactory

pytestmark = pytest.mark.django_db


def _portal_report():
    key = uuid.uuid4().hex
    return Report.objects.create(
        municipality=default_municipality(), kind="test", subject=key[:20], content_key=key
    )


def _spending_document():
    from grants.models import SubsidyAward
    from tests.grants.factories import ProgrammeFactory

    programme = ProgrammeFactory(kind="subsidy")
    tier = programme.tiers.create(name="T", amount=100)
    award = SubsidyAward.objects.create(
        tier=tier, community=CommunityFactory(), year=2025, amount=1
    )
    report = SpendingReport.objects.create(award=award)
    return SpendingDocument.objects.create(report=report, title="Rēķins")


def _problem_report():
    return report_problem(
        actor=UserFactory(),
        municipality=default_municipality(),
        neighbourhood=NeighbourhoodFactory(),
        category="road",
        title="Bedre",
        description="Dziļa bedre.",
    )


# A saved row, without a file, of each model that has a file field.
MAKERS = {
    "portal.Report": _portal_report,
    "communities.Community": CommunityFactory,
    "communities.CommunityChangeRequest": lambda: CommunityChangeRequest.objects.create(
        community=CommunityFactory(), data={"name": "Cits nosaukums"}
    ),
    "communities.Agreement": lambda: AgreementFactory(document=""),
    "communities.StoryPhoto": lambda: StoryPhoto.objects.create(
        story=StoryFactory(), alt_text="Laukums"
    ),
    "grants.RoundDocument": lambda: RoundDocument.objects.create(
        round=RoundFactory(), title="Nolikums"
    ),
    "grants.Attachment": lambda: Attachment.objects.create(
        application=ApplicationFactory(), title="Tāme"
    ),
    "grants.SpendingDocument": lambda: _spending_document(),
    "grants.ReportFile": lambda: ReportFile.objects.create(
        report=GrantReport.objects.create(
            application=ApplicationFactory(),
            kind=GrantReport.Kind.PROGRESS,
            due_on=timezone.localdate() + datetime.timedelta(days=30),
        ),
        kind=ReportFile.Kind.RECEIPT,
        title="Čeks",
    ),
    "consultations.ConsultationDocument": lambda: ConsultationDocument.objects.create(
        consultation=ConsultationFactory(), title="Projekts"
    ),
    "consultations.Submission": SubmissionFactory,
    "consultations.ProblemReport": _problem_report,
    "councils.Council": CouncilFactory,
    "councils.MeetingPaper": lambda: MeetingPaper.objects.create(
        meeting=MeetingFactory(), title="Darba kārtība"
    ),
}
FIELDS = [
    pytest.param(model._meta.label, field.name, id=f"{model._meta.label}.{field.name}")
    for model, fields in models_with_files()
    for field in fields
]


def test_every_file_field_of_every_model_is_covered():
    labels = {model._meta.label for model, _fields in models_with_files()}
    assert labels == set(MAKERS), "a model with a file field needs a row maker here"
    for model, _fields in models_with_files():
        for signal in (signals.pre_save, signals.post_save, signals.post_delete):
            assert signal.has_listeners(model), (model, signal)


def _with_file(row, field, name="a.pdf"):
    setattr(row, field, ContentFile(PDF, name=name))
    row.save()
    return getattr(row, field).name


@pytest.mark.parametrize(("label", "field"), FIELDS)
def test_replaced_cleared_and_deleted_files_leave_the_storage(
    label, field, django_capture_on_commit_callbacks
):
    model = apps.get_model(label)
    storage = model._meta.get_field(field).storage
    run = django_capture_on_commit_callbacks

    row = MAKERS[label]()
    with run(execute=True):
        first = _with_file(row, field)
    assert storage.exists(first)

    with run(execute=True):  # replaced
        second = _with_file(row, field, "b.pdf")
    assert storage.exists(second) and not storage.exists(first)

    with run(execute=True):  # cleared on a row loaded again
        again = model.objects.get(pk=row.pk)
        setattr(again, field, "")
        again.save()
    assert not storage.exists(second)

    with run(execute=True):  # the row deleted
        third = _with_file(again, field, "c.pdf")
    with run(execute=True):
        again.delete()
    assert not storage.exists(third)

    other = MAKERS[label]()
    with run(execute=True):
        fourth = _with_file(other, field, "d.pdf")
    with run(execute=True):  # a queryset delete
        model.objects.filter(pk=other.pk).delete()
    assert not storage.exists(fourth)


@pytest.mark.parametrize(("label", "field"), FIELDS)
def test_a_rolled_back_change_keeps_the_file(label, field, django_capture_on_commit_callbacks):
    model = apps.get_model(label)
    row = MAKERS[label]()
    with django_capture_on_commit_callbacks(execute=True):
        name = _with_file(row, field)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        model.objects.get(pk=row.pk).delete()
        raise RuntimeError
    assert callbacks == []
    assert model._meta.get_field(field).storage.exists(name)


def test_a_file_another_row_names_stays_until_the_last_row_goes(
    django_capture_on_commit_callbacks,
):
    """A change of key facts hands its document to the community: both rows name it."""
    first, second = CommunityFactory(), CommunityFactory()
    with django_capture_on_commit_callbacks(execute=True):
        name = _with_file(first, "supporting_document")
        second.supporting_document = name
        second.save()
    storage = first.supporting_document.storage
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert not storage.exists(name)


def test_a_cascade_takes_the_files_of_the_rows_it_deletes(django_capture_on_commit_callbacks):
    story = StoryFactory()
    with django_capture_on_commit_callbacks(execute=True):
        photo = StoryPhoto.objects.create(
            story=story, alt_text="Laukums", image=ContentFile(PDF, name="p.pdf")
        )
    name = photo.image.name
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    assert not photo.image.storage.exists(name)


def test_a_row_deleted_with_its_file_field_deferred_takes_the_file(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = StoryPhoto.objects.create(
            story=StoryFactory(), alt_text="Laukums", image=ContentFile(PDF, name="p.pdf")
        )
    with django_capture_on_commit_callbacks(execute=True):
        StoryPhoto.objects.only("pk").get(pk=photo.pk).delete()
    assert not photo.image.storage.exists(photo.image.name)


def test_a_council_replacing_its_bylaws_over_http_lets_the_old_file_go(
    client, django_capture_on_commit_callbacks
):
    """The settings form replaces the bylaws; the old file leaves (it used to stay)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.mfa import enable_totp

    council = CouncilFactory()
    with django_capture_on_commit_callbacks(execute=True):
        old = _with_file(council, "bylaws")
    staff = UserFactory(is_municipal_staff=True)
    enable_totp(staff)
    client.force_login(staff)
    url = f"/lv/councils/{council.slug}/edit/"
    form = client.get(url)
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "remit": council.remit,
                "quorum": council.quorum,
                "term_years": council.term_years,
                "min_candidate_age": council.min_candidate_age,
                "notice_working_days": council.notice_working_days,
                "tie_rule": council.tie_rule,
                "bylaws": SimpleUploadedFile("nolikums.pdf", PDF, "application/pdf"),
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    council = Council.objects.get(pk=council.pk)
    assert council.bylaws.name != old
    assert council.bylaws.storage.exists(council.bylaws.name)
    assert not council.bylaws.storage.exists(old)
