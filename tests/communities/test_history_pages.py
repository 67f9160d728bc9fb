"""The pages that show history: the member list and the review page read it in the
reader's language, a page at a time; a decision someone else made first is a message,
never an error page."""

from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from communities.models import Community, Membership, MembershipChange
from communities.services import activity, membership, verification
from tests.communities.factories import (
    CommunityFactory,
    EventFactory,
    JointOpinionFactory,
    MembershipFactory,
)
from tests.communities.service_helpers import Status, draft_with_leader
from tests.communities.view_helpers import _staff_without_second_factor  # noqa: F401
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """A request to an /en/ page leaves English active; later tests expect the default."""
    with translation.override("lv"):
        yield


def test_leaders_read_the_history_of_memberships_a_page_at_a_time(client, leader, community):
    other = MembershipFactory(community=community, user=UserFactory(full_name="Ilze Ozola"))
    membership.change_member_role(actor=leader, membership=other, role=Membership.Role.BOARD)
    for _ in range(24):
        MembershipChange.objects.create(
            membership=other, actor=leader, from_status="active", to_status="active"
        )
    elsewhere = MembershipFactory(user=UserFactory(full_name="Svešs Cilvēks"))
    MembershipChange.objects.create(membership=elsewhere, to_status="pending")
    client.force_login(leader)
    with translation.override("lv"):
        url = reverse("communities:member-list", args=[community.slug])

    first = client.get(url)
    second = client.get(url, {"history": 2})

    assert len(first.context["history_page"].object_list) == 20
    assert len(second.context["history_page"].object_list) == 5
    page = second.content.decode()
    assert "Ilze Ozola" in page
    assert "Loma mainīta no „biedrs” uz „valdes loceklis”." in page  # the reader's language
    assert "Svešs Cilvēks" not in page + first.content.decode()
    assert 'href="?history=2#membership-history"' in first.content.decode()


def test_staff_read_the_history_of_memberships_on_the_review_page(client, staff):
    community, leader = draft_with_leader(status=Status.SUBMITTED)
    member = MembershipFactory(community=community, user=UserFactory(full_name="Jānis Bērziņš"))
    membership.change_member_role(actor=leader, membership=member, role=Membership.Role.BOARD)
    client.force_login(staff)

    response = client.get(reverse("communities:community-review", args=[community.slug]))

    assert [c.event for c in response.context["membership_history"]] == ["role_changed"]
    assert "Jānis Bērziņš" in response.content.decode()


def test_the_community_page_shows_events_to_its_leaders(client):
    community, leader = draft_with_leader(status=Status.ACTIVE)
    opinion = JointOpinionFactory(community=community, title="Par parku")
    activity.remove_activity(actor=leader, record=opinion, reason="Kļūda.")
    client.force_login(leader)

    with translation.override("lv"):
        url = community.get_absolute_url()
    page = client.get(url).content.decode()

    assert "Kopīgais viedoklis „Par parku” dzēsts no darbības uzskaites." in page


def test_history_pages_do_not_grow_in_queries_with_events(client, staff):
    community, leader = draft_with_leader(status=Status.SUBMITTED)

    def add(count):
        for _ in range(count):
            member = MembershipFactory(community=community, role=Membership.Role.MEMBER)
            membership.change_member_role(actor=leader, membership=member, role="board")
            activity.remove_activity(
                actor=leader, record=EventFactory(community=community), reason="Kļūda."
            )

    client.force_login(staff)
    url = reverse("communities:community-review", args=[community.slug])
    client.get(url)  # the staff session's idle clock is saved on the first visit
    counts = []
    for rows in (2, 15):
        add(rows)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_no_template_compares_a_status_with_a_string():
    """States are read through has_perm or model properties, never string literals."""
    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if any(
            f'{name}.status {op} "' in path.read_text(encoding="utf-8")
            for name in ("community", "membership")
            for op in ("==", "!=")
        )
    ]
    assert offenders == []


def test_community_model_is_what_the_pages_read():
    assert Community(status=Status.SUBMITTED).awaits_verification
    assert not Community(status=Status.RETURNED).awaits_verification
    assert CommunityFactory.build(status=Status.RETURNED).is_returned


# Someone else decided first ---------------------------------------------------------------

CONFLICT = "This was already decided by someone else; reload the page to see the decision."


def someone_else_first(monkeypatch, name, before):
    """Make ``services.<name>`` run ``before(original, obj)`` — another person's decision,
    through another copy of the row — just before the view's own decision."""
    services = membership if hasattr(membership, name) else verification
    original = getattr(services, name)

    def racing(**kwargs):
        before(original, next(v for k, v in kwargs.items() if k in ("community", "membership")))
        return original(**kwargs)

    monkeypatch.setattr(services, name, racing)


def flashed(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_review_decided_meanwhile_is_a_message_not_an_error_page(client, staff, monkeypatch):
    community, _ = draft_with_leader(status=Status.SUBMITTED)
    colleague = UserFactory(is_municipal_staff=True)
    someone_else_first(
        monkeypatch,
        "verify_community",
        lambda _original, c: verification.return_community(
            actor=colleague, community=Community.objects.get(pk=c.pk), reason="Labot."
        ),
    )
    client.force_login(staff)
    with translation.override("en"):
        url = reverse("communities:community-review", args=[community.slug])

    response = client.post(url, {"decision": "verify", "reason": ""})

    assert response.status_code == 302 and response.url == url
    assert flashed(response) == [CONFLICT]
    community.refresh_from_db()
    assert community.status == Status.RETURNED
    assert list(community.status_changes.values_list("actor", "to_status")) == [
        (colleague.pk, Status.RETURNED)
    ]
    page = client.get(url).content.decode()
    assert "This registration is not waiting for a decision." in page


def test_a_review_posted_after_the_decision_says_someone_else_decided(client, staff):
    community, _ = draft_with_leader(status=Status.VERIFIED)
    client.force_login(staff)
    with translation.override("en"):
        url = reverse("communities:community-review", args=[community.slug])

    response = client.post(url, {"decision": "return", "reason": "Labot."})

    assert flashed(response) == [CONFLICT]
    community.refresh_from_db()
    assert community.status == Status.VERIFIED


def test_a_status_change_made_meanwhile_is_shown_beside_the_form(client, staff, monkeypatch):
    community, _ = draft_with_leader(status=Status.ACTIVE)
    colleague = UserFactory(is_municipal_staff=True)
    someone_else_first(
        monkeypatch,
        "deactivate_community",
        lambda original, c: original(
            actor=colleague, community=Community.objects.get(pk=c.pk), reason="Cits iemesls."
        ),
    )
    client.force_login(staff)
    with translation.override("en"):
        url = reverse("communities:community-status", args=[community.slug, "deactivate"])

    response = client.post(url, {"reason": "Nav darbības."})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [CONFLICT]
    assert CONFLICT in response.content.decode()
    assert community.status_changes.get().reason == "Cits iemesls."


def test_a_request_decided_meanwhile_by_another_leader_is_a_message(
    client, leader, community, monkeypatch
):
    other_leader = UserFactory()
    MembershipFactory(community=community, user=other_leader, role=Membership.Role.LEADER)
    request = MembershipFactory(community=community, status=Membership.Status.PENDING)
    someone_else_first(
        monkeypatch,
        "decide_membership",
        lambda original, m: original(
            actor=other_leader, membership=Membership.objects.get(pk=m.pk), accept=False
        ),
    )
    client.force_login(leader)
    with translation.override("en"):
        url = reverse("communities:member-update", args=[community.slug, request.pk, "accept"])

    response = client.post(url)

    assert response.status_code == 302
    assert flashed(response) == [CONFLICT]
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (Membership.Status.DECLINED, other_leader)
