"""A leader applies for the community: drafts, budget, caps and limits, deadline (item 3)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from grants.models import Application, BudgetLine
from grants.services.applications import save_application, start_application, submit_application
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.grants.factories import ApplicationFactory, ProgrammeFactory, RoundFactory
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def application_data(application, lines, in_kind=(), **overrides):
    data = {
        "version": application.version,
        "title": application.title,
        "description": "Sakopsim parku un rīkosim apkaimes svētkus.",
        "activities": "Maijā talka, jūnijā svētki.",
        "starts_on": "",
        "ends_on": "",
        "own_contribution": "0",
        **management("budget", len(lines)),
        **management("in_kind", max(len(in_kind), 1)),
        "action": "save",
    }
    for number, (category, description, amount) in enumerate(lines):
        data.update(
            {
                f"budget-{number}-category": category,
                f"budget-{number}-description": description,
                f"budget-{number}-amount": amount,
            }
        )
    for number, (kind, description, value) in enumerate(in_kind):
        data.update(
            {
                f"in_kind-{number}-kind": kind,
                f"in_kind-{number}-description": description,
                f"in_kind-{number}-value": value,
            }
        )
    data.update(overrides)
    return data


def edit_url(application):
    return reverse("grants:application-edit", args=[application.round.slug, application.pk])


@pytest.fixture
def draft(open_round, community, leader):
    return start_application(
        actor=leader, round=open_round, community=community, title="Parka svētki"
    )


def test_the_leader_starts_a_draft_for_the_community(client, open_round, community, leader):
    client.force_login(leader)
    response = client.post(
        reverse("grants:application-start", args=[open_round.slug]),
        {"community": community.pk, "title": "Parka svētki"},
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.status == Application.Status.DRAFT
    assert application.community == community
    assert application.status_changes.filter(to_status="draft", actor=leader).exists()


def test_totals_admin_share_and_requested_amount_are_computed(client, draft, leader):
    client.force_login(leader)
    lines = [
        ("materials", "Stādi", "850"),
        ("management", "Projekta vadība", "100"),
        ("accounting", "Grāmatvedība", "50"),
    ]
    data = application_data(
        draft, lines, in_kind=[("work", "Talkas darbs", "300")], own_contribution="150"
    )
    response = client.post(edit_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.total_cost == Decimal("1000.00")
    assert draft.admin_cost == Decimal("150.00")
    assert draft.admin_share == Decimal("15.00")  # the cap itself is allowed
    assert draft.in_kind_total == Decimal("300.00")
    assert draft.requested_amount == Decimal("850.00")
    assert draft.budget_lines.count() == 3


def test_over_the_admin_cap_is_refused_beside_the_budget_and_nothing_is_lost(client, draft, leader):
    client.force_login(leader)
    lines = [("materials", "Stādi", "500"), ("management", "Projekta vadība", "300")]
    response = client.post(edit_url(draft), application_data(draft, lines))
    assert response.status_code == 200
    errors = response.context["budget_formset"].non_form_errors()
    assert errors and "37,50" in errors[0] and "15,00" in errors[0]
    assert 'value="Projekta vadība"' in response.content.decode()  # the typed lines stay
    assert not BudgetLine.objects.exists()


def test_over_the_round_s_limit_is_refused(client, draft, leader):
    client.force_login(leader)
    response = client.post(
        edit_url(draft), application_data(draft, [("materials", "Stādi", "5000")])
    )
    errors = response.context["budget_formset"].non_form_errors()
    assert errors and "3 000,00" in errors[0].replace("\xa0", " ")


def test_in_kind_is_refused_when_the_round_does_not_accept_it(client, leader, community):
    round_ = RoundFactory(in_kind_accepted=False)
    draft = start_application(actor=leader, round=round_, community=community, title="X")
    client.force_login(leader)
    response = client.post(
        edit_url(draft),
        application_data(
            draft, [("materials", "Stādi", "500")], in_kind=[("premises", "Zāle", "100")]
        ),
    )
    assert response.context["in_kind_formset"].non_form_errors()


def test_the_leader_submits_and_the_leaders_are_told(
    client, draft, leader, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(leader)
    data = application_data(draft, [("materials", "Stādi", "900")], action="submit")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Application.Status.SUBMITTED and draft.submitted_at
    assert [m.to for m in mailoutbox] == [[leader.email]]


def test_a_board_member_edits_the_draft_but_does_not_submit(client, draft, board_member):
    client.force_login(board_member)
    data = application_data(draft, [("materials", "Stādi", "900")])
    assert client.post(edit_url(draft), data).status_code == 302
    submit = reverse("grants:application-submit", args=[draft.round.slug, draft.pk])
    assert client.post(submit).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Application.Status.DRAFT


def test_a_member_and_a_resident_cannot_edit(client, draft, member, resident):
    client.force_login(member)
    assert client.get(edit_url(draft)).status_code == 404
    client.force_login(resident)
    assert client.get(edit_url(draft)).status_code == 404


def test_a_stale_form_is_refused_and_the_other_edit_kept(client, draft, leader, board_member):
    client.force_login(board_member)
    client.post(edit_url(draft), application_data(draft, [("materials", "Stādi", "900")]))
    client.force_login(leader)
    stale = application_data(draft, [("materials", "Krāsa", "100")])  # the old version
    response = client.post(edit_url(draft), stale)
    assert response.status_code == 302
    assert list(draft.budget_lines.values_list("description", flat=True)) == ["Stādi"]


def test_after_the_deadline_nothing_is_changed_or_submitted(client, draft, leader):
    save_application(
        actor=leader,
        application=draft,
        budget_lines=[{"category": "materials", "description": "Stādi", "amount": Decimal(900)}],
        in_kind=[],
        description="Parks",
    )
    draft.round.deadline = timezone.now() - datetime.timedelta(minutes=1)
    draft.round.save()
    client.force_login(leader)
    draft.refresh_from_db()
    response = client.post(edit_url(draft), application_data(draft, [("materials", "X", "1")]))
    assert response.status_code == 403
    submit = reverse("grants:application-submit", args=[draft.round.slug, draft.pk])
    assert client.post(submit).status_code == 403
    with pytest.raises(ValidationError) as refused:
        submit_application(actor=leader, application=draft)
    assert refused.value.code == "deadline_passed"
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "termiņš" in page or "deadline" in page


def test_attachments_are_protected(client, draft, leader, resident, staff):
    client.force_login(leader)
    url = reverse("grants:attachment-add", args=[draft.round.slug, draft.pk])
    response = client.post(
        url, {"title": "Tāme", "file": SimpleUploadedFile("tame.pdf", PDF, "application/pdf")}
    )
    assert response.status_code == 302
    attachment = draft.attachments.get()
    download = reverse("grants:attachment", args=[attachment.pk])
    assert client.get(download).status_code == 200
    client.force_login(staff)  # a draft is its community's (issue 25, item 1)
    assert client.get(download).status_code == 404
    client.force_login(resident)
    assert client.get(download).status_code == 404
    elsewhere = MunicipalityFactory()
    client.force_login(leader)
    assert client.get(download, HTTP_HOST=f"{elsewhere.slug}.test").status_code == 404


def test_a_fake_pdf_is_refused(client, draft, leader):
    client.force_login(leader)
    url = reverse("grants:attachment-add", args=[draft.round.slug, draft.pk])
    response = client.post(
        url, {"title": "Tāme", "file": SimpleUploadedFile("tame.pdf", b"MZ\x90 not a pdf")}
    )
    assert response.status_code == 200
    assert not draft.attachments.exists()


def test_one_application_per_community_and_round(open_round, community, leader):
    start_application(actor=leader, round=open_round, community=community, title="A")
    with pytest.raises(ValidationError):
        start_application(actor=leader, round=open_round, community=community, title="B")


def test_another_municipality_s_application_is_not_found(client, leader):
    elsewhere = MunicipalityFactory()
    round_ = RoundFactory(programme=ProgrammeFactory(municipality=elsewhere))
    community = CommunityFactory(municipality=elsewhere)
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    application = ApplicationFactory(round=round_, community=community)
    client.force_login(leader)
    assert client.get(application.get_absolute_url()).status_code == 404
    host = f"{elsewhere.slug}.test"
    assert client.get(application.get_absolute_url(), HTTP_HOST=host).status_code == 200


def test_staff_of_the_municipality_see_applications(client, staff, open_round):
    application = ApplicationFactory(round=open_round)
    client.force_login(staff)
    assert client.get(application.get_absolute_url()).status_code == 200
    client.force_login(UserFactory())
    assert client.get(application.get_absolute_url()).status_code == 404
