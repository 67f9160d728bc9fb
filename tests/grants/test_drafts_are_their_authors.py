"""Drafts are their authors' (issue 25, item 1): before submission only the community's
leaders and board see an application and its files; from submission on, staff of the
municipality and the round's evaluators without a conflict of interest see them too.

Every role against every application status, over HTTP: the application's page and the
download of its attachment answer alike (200, or 404 for those who may not know it exists).
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from grants.models import Application, Attachment, ConflictDeclaration, Round
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.grants.factories import ApplicationFactory, RoundFactory, assign
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

STATES = [value for value, _label in Application.Status.choices]
OK, REFUSED, MISSING = 200, 403, 404
PDF = b"%PDF-1.4\n%%EOF\n"

# Who sees a draft, and who sees the application once it is submitted.
SEES_DRAFT = {"leader", "board"}
SEES_SUBMITTED = SEES_DRAFT | {"staff", "admin", "evaluator", "evaluator_without_conflict"}
ROLES = (
    "anonymous",
    "resident",
    "member",
    "board",
    "leader",
    "staff",
    "other_staff",
    "admin",
    "evaluator",  # assigned, has not declared yet
    "evaluator_without_conflict",  # declared none
    "evaluator_with_conflict",  # declared one
    "evaluator_member",  # belongs to the applying community: a conflict the portal knows
    "evaluator_of_another_round",
)


@pytest.fixture
def world():
    leader, board, member = UserFactory(), UserFactory(), UserFactory()
    community = CommunityFactory(leader=leader)
    MembershipFactory(community=community, user=board, role=Membership.Role.BOARD)
    MembershipFactory(community=community, user=member, role=Membership.Role.MEMBER)
    evaluator_member = UserFactory()
    MembershipFactory(community=community, user=evaluator_member, role=Membership.Role.MEMBER)
    people = {
        "anonymous": None,
        "resident": UserFactory(),
        "member": member,
        "board": board,
        "leader": leader,
        "staff": UserFactory(is_municipal_staff=True),
        "other_staff": UserFactory(staff_of=MunicipalityFactory()),
        "admin": UserFactory(is_superuser=True),
        "evaluator": UserFactory(),
        "evaluator_without_conflict": UserFactory(),
        "evaluator_with_conflict": UserFactory(),
        "evaluator_member": evaluator_member,
        "evaluator_of_another_round": UserFactory(),
    }
    assign(RoundFactory(title="Cita kārta"), people["evaluator_of_another_round"])
    applications = {}
    for state in STATES:
        # One round a status (a community applies once a round), being evaluated, so that
        # its evaluators' assignments are in force; a draft in it was never submitted.
        round_ = RoundFactory(
            title=f"Kārta {state}",
            status=Round.Status.EVALUATION,
            deadline=timezone.now() - datetime.timedelta(days=1),
        )
        for role in ROLES:
            if role.startswith("evaluator") and role != "evaluator_of_another_round":
                assign(round_, people[role])
        application = ApplicationFactory(
            round=round_, community=community, title=f"Projekts {state}", status=state
        )
        ConflictDeclaration.objects.create(
            application=application,
            evaluator=people["evaluator_without_conflict"],
            has_conflict=False,
        )
        ConflictDeclaration.objects.create(
            application=application, evaluator=people["evaluator_with_conflict"], has_conflict=True
        )
        attachment = Attachment(application=application, title="Tāme")
        attachment.file.save("tame.pdf", ContentFile(PDF), save=True)
        applications[state] = (application, attachment)
    return people, applications


def answers(client, people, url):
    got = {}
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        got[role] = client.get(url).status_code
    return got


@pytest.mark.parametrize("state", STATES)
def test_the_application_page_by_role_and_state(client, world, state):
    people, applications = world
    application, _attachment = applications[state]
    seeing = SEES_DRAFT if state == Application.Status.DRAFT else SEES_SUBMITTED
    expected = {role: OK if role in seeing else MISSING for role in ROLES}
    assert answers(client, people, application.get_absolute_url()) == expected


@pytest.mark.parametrize("state", STATES)
def test_the_attachment_download_by_role_and_state(client, world, state):
    people, applications = world
    _application, attachment = applications[state]
    seeing = SEES_DRAFT if state == Application.Status.DRAFT else SEES_SUBMITTED
    expected = {role: OK if role in seeing else MISSING for role in ROLES}
    assert answers(client, people, reverse("grants:attachment", args=[attachment.pk])) == expected


@pytest.mark.parametrize("state", STATES)
def test_the_staff_review_page_by_role_and_state(client, world, state):
    """Staff's eligibility and decision page: a draft is missing for them too; those who see
    the application but do not run the round are refused (403)."""
    people, applications = world
    application, _attachment = applications[state]
    seeing = SEES_DRAFT if state == Application.Status.DRAFT else SEES_SUBMITTED
    expected = {
        role: (OK if role in {"staff", "admin"} else REFUSED) if role in seeing else MISSING
        for role in ROLES
    }
    url = reverse("grants:application-review", args=[application.round.slug, application.pk])
    assert answers(client, people, url) == expected


def test_staff_see_drafts_counted_not_listed(client, world):
    people, applications = world
    draft, _ = applications[Application.Status.DRAFT]
    submitted, _ = applications[Application.Status.SUBMITTED]
    client.force_login(people["staff"])
    page = client.get(reverse("grants:application-list", args=[draft.round.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    assert draft.title not in text
    assert "1 kopiena raksta melnrakstu" in text  # counted, without its title
    assert reverse("grants:application-review", args=[draft.round.slug, draft.pk]) not in text
    review = reverse("grants:application-review", args=[draft.round.slug, draft.pk])
    assert client.get(review).status_code == MISSING
    other = client.get(reverse("grants:application-list", args=[submitted.round.slug]))
    assert submitted.title in other.content.decode()


def test_submitting_shows_the_application_to_staff(client, world):
    """The same application: hidden from staff as a draft, shown once submitted."""
    people, applications = world
    draft, attachment = applications[Application.Status.DRAFT]
    download = reverse("grants:attachment", args=[attachment.pk])
    client.force_login(people["staff"])
    assert client.get(draft.get_absolute_url()).status_code == MISSING
    assert client.get(download).status_code == MISSING
    Application.objects.filter(pk=draft.pk).update(status=Application.Status.SUBMITTED)
    assert client.get(draft.get_absolute_url()).status_code == OK
    assert client.get(download).status_code == OK
