"""The agreements registry (issue 19, item 4): staff record, sign and end agreements with
history; the public list and the community page; the document public or protected; the
reminders 60 and 30 days before the end, once each however often the sweep runs."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from communities.models import Agreement
from communities.services.agreements import create_agreement, expire_agreements, sign_agreement
from portal.models import Notification
from portal.outbox.reminders import sweep
from tests.communities.factories import CommunityFactory
from tests.practice.factories import PDF, AgreementFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def agreement_data(community, **overrides):
    data = {
        "community": community.pk,
        "kind": "delegation",
        "title": "Deleģējuma līgums par parka uzturēšanu",
        "purpose": "Kopienas parka uzturēšana.",
        "municipality_duties": "Finansējums 2000 EUR gadā.",
        "community_duties": "Pļaut zālienu un ziņot par paveikto.",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "funding": "Pašvaldības budžets",
        "amount": "2000",
        "document_public": "",
    }
    data.update(overrides)
    return data


def test_staff_record_sign_and_end_an_agreement_with_history(client, staff, community, leader):
    client.force_login(staff)
    url = reverse("practice:agreement-create")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            **agreement_data(community),
            "document": SimpleUploadedFile("l.pdf", PDF, content_type="application/pdf"),
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert agreement.status == "draft" and agreement.municipality == community.municipality

    # A draft is not public: not in the list, 404 for others.
    client.logout()
    assert agreement.title not in client.get(reverse("practice:agreement-list")).content.decode()
    assert client.get(agreement.get_absolute_url()).status_code == 404

    client.force_login(staff)
    client.post(
        reverse("practice:agreement-status", args=[agreement.pk, "sign"]),
        {"signed_on": "2026-01-02"},
    )
    agreement.refresh_from_db()
    assert agreement.status == "signed" and agreement.signed_on == datetime.date(2026, 1, 2)

    refused = client.post(
        reverse("practice:agreement-status", args=[agreement.pk, "end"]),
        {"ended_on": "2026-06-01", "reason": ""},
    )
    assert refused.status_code == 200
    client.post(
        reverse("practice:agreement-status", args=[agreement.pk, "end"]),
        {"ended_on": "2026-06-01", "reason": "Kopiena pārtrauca darbību parkā."},
    )
    agreement.refresh_from_db()
    assert agreement.status == "ended" and agreement.ended_on == datetime.date(2026, 6, 1)
    changes = list(agreement.status_changes.all())
    assert [c.to_status for c in changes] == ["draft", "signed", "ended"]
    assert changes[-1].reason == "Kopiena pārtrauca darbību parkā."


def test_signing_needs_the_signed_document(staff, community):
    agreement = AgreementFactory(community=community, status="draft", document=None)
    with pytest.raises(ValidationError) as refused:
        sign_agreement(actor=staff, agreement=agreement, signed_on=TODAY)
    assert refused.value.code == "document"


def test_an_agreement_cannot_end_before_it_starts(staff, community):
    with pytest.raises(ValidationError):
        create_agreement(
            actor=staff,
            community=community,
            kind="memorandum",
            title="X",
            purpose="X",
            municipality_duties="X",
            community_duties="X",
            starts_on=TODAY,
            ends_on=TODAY - datetime.timedelta(days=1),
        )


def test_staff_do_not_sign_with_their_own_community(leader, community):
    from portal.models import MunicipalStaff

    MunicipalStaff.objects.create(user=leader, municipality=community.municipality)
    agreement = AgreementFactory(community=community, status="draft")
    with pytest.raises(ValidationError) as refused:
        sign_agreement(actor=leader, agreement=agreement, signed_on=TODAY)
    assert refused.value.code == "own_community"


def test_signed_agreements_are_public_on_the_list_and_the_community_page(client, community):
    signed = AgreementFactory(community=community, title="Parakstītais memorands")
    AgreementFactory(community=community, status="draft", title="Melnraksta līgums")
    listing = client.get(reverse("practice:agreement-list")).content.decode()
    assert signed.title in listing and "Melnraksta līgums" not in listing
    page = client.get(community.get_absolute_url()).content.decode()
    assert signed.title in page and "Melnraksta līgums" not in page
    only_delegations = client.get(reverse("practice:agreement-list"), {"kind": "delegation"})
    assert signed.title not in only_delegations.content.decode()


def test_the_document_is_public_or_protected_as_staff_chose(
    client, resident, leader, staff, community
):
    public = AgreementFactory(community=community, document_public=True)
    protected = AgreementFactory(community=community, document_public=False)
    url = lambda a: reverse("practice:agreement-document", args=[a.pk])  # noqa: E731

    assert client.get(url(public)).status_code == 200
    assert client.get(url(protected)).status_code == 302  # the login page
    client.force_login(resident)
    assert client.get(url(protected)).status_code == 403
    for person in (leader, staff):
        client.force_login(person)
        response = client.get(url(protected))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("n", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, n):
    community = CommunityFactory()
    AgreementFactory.create_batch(n, community=community)
    client.get("/")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("practice:agreement-list"))
    assert response.status_code == 200


def _reminders():
    return Notification.objects.filter(kind="agreement-ending-reminder")


def test_reminders_60_and_30_days_before_the_end_once_each(
    staff, leader, board_member, community, mailoutbox, django_capture_on_commit_callbacks
):
    ends = datetime.date(2026, 6, 30)
    agreement = AgreementFactory(community=community, ends_on=ends, kind="delegation")
    AgreementFactory(community=community, ends_on=ends, status="draft")  # never reminded

    with freeze_time(ends - datetime.timedelta(days=61)):
        assert sweep() == 0
    with freeze_time(ends - datetime.timedelta(days=60)):
        with django_capture_on_commit_callbacks(execute=True):
            sweep()
        sweep()  # run twice: nothing new
    first = _reminders()
    assert {n.user for n in first} == {staff, leader, board_member}
    assert first.count() == 3
    assert all(n.key.endswith(":60") for n in first)

    with freeze_time(ends - datetime.timedelta(days=45)):
        assert sweep() == 0
    with freeze_time(ends - datetime.timedelta(days=30)):
        sweep()
        sweep()
    assert _reminders().count() == 6
    assert _reminders().filter(key__endswith=":30").count() == 3
    assert any(agreement.title in m.subject for m in mailoutbox)


def test_agreements_past_their_end_expire(staff, community):
    agreement = AgreementFactory(community=community, ends_on=TODAY)
    assert expire_agreements(TODAY) == 0
    assert expire_agreements(TODAY + datetime.timedelta(days=1)) == 1
    agreement.refresh_from_db()
    assert agreement.status == "expired"
    assert agreement.status_changes.get().actor is None
    assert expire_agreements(TODAY + datetime.timedelta(days=2)) == 0


def test_staff_only_pages_are_refused_to_others(client, resident, leader, community):
    agreement = AgreementFactory(community=community)
    for person in (resident, leader):
        client.force_login(person)
        assert client.get(reverse("practice:agreement-create")).status_code == 403
        edit = reverse("practice:agreement-edit", args=[agreement.pk])
        assert client.get(edit).status_code == 403
    assert timezone.localdate()  # the clock is real outside freeze_time


def test_correcting_a_signed_agreement_is_a_history_event(client, staff, community):
    agreement = AgreementFactory(community=community)
    client.force_login(staff)
    response = client.post(
        reverse("practice:agreement-edit", args=[agreement.pk]),
        {
            **agreement_data(community, title="Labots memorands", kind="memorandum"),
            "document_public": "on",
            "version": agreement.version,
        },
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Labots memorands" and agreement.document  # the file is kept
    row = agreement.status_changes.get(event="agreement_changed")
    assert "title" in row.data["fields"]
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Līguma dati tika mainīti." in page


def test_the_view_rule_and_the_list_query_agree(resident, leader, staff, community):
    from django.contrib.auth.models import AnonymousUser

    for status in ("draft", "signed", "ended", "expired"):
        AgreementFactory(community=community, status=status)
    municipality = community.municipality
    for person in (AnonymousUser(), resident, leader, staff):
        by_rule = {
            a.pk for a in Agreement.objects.all() if person.has_perm("practice.view_agreement", a)
        }
        by_query = set(
            Agreement.objects.of(municipality)
            .visible_to(person, municipality)
            .values_list("pk", flat=True)
        )
        assert by_rule == by_query, person
