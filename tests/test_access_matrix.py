"""Role × page/action, over HTTP: each role gets what it may and is refused what it may not.

``ok``: the page or action answers (200, or a redirect that is not to the login page);
``login``: an anonymous visitor is sent to sign in; ``403``: a signed-in person is refused.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from communities.duties import own_community_message
from communities.models import Community, CommunityChangeRequest, Membership
from tests.access import Walk, people_for
from tests.communities.factories import RECENT, CommunityFactory, EventFactory, MembershipFactory
from tests.portal.factories import UserFactory, failed_message
from tests.roles import ROLES

S = Community.Status
STAFF_ROLES = {"staff", "admin"}


# Who may see a community that is not public (a draft, a submitted registration).
SEES_UNPUBLISHED = {"board", "leader"} | STAFF_ROLES


def _expect(allowed, role, status=None):
    if role in allowed:
        return "ok"
    hidden = status is not None and status not in Community.PUBLIC_STATUSES
    if hidden and role not in SEES_UNPUBLISHED:
        return "404"  # never a refusal that tells the community exists
    return "login" if role == "anonymous" else "403"


def everyone_signed_in():
    return set(ROLES) - {"anonymous"}


# (name, method, url name, community status, extra url args, post data, roles allowed)
CASES = [
    ("registry", "get", "communities:community-list", None, (), None, set(ROLES)),
    ("register", "get", "communities:community-register", None, (), None, everyone_signed_in()),
    ("mine", "get", "communities:community-mine", None, (), None, everyone_signed_in()),
    ("queue", "get", "communities:community-queue", None, (), None, STAFF_ROLES),
    ("public page", "get", "communities:community-detail", S.ACTIVE, (), None, set(ROLES)),
    (
        "draft page",
        "get",
        "communities:community-detail",
        S.DRAFT,
        (),
        None,
        {"board", "leader"} | STAFF_ROLES,
    ),
    (
        "submitted page",
        "get",
        "communities:community-detail",
        S.SUBMITTED,
        (),
        None,
        {"board", "leader"} | STAFF_ROLES,
    ),
    ("edit draft", "get", "communities:community-edit", S.DRAFT, (), None, {"board", "leader"}),
    ("edit submitted", "get", "communities:community-edit", S.SUBMITTED, (), None, set()),
    ("edit active", "get", "communities:community-edit", S.ACTIVE, (), None, {"board", "leader"}),
    ("submit draft", "post", "communities:community-submit", S.DRAFT, (), {}, {"leader"}),
    ("review", "get", "communities:community-review", S.SUBMITTED, (), None, STAFF_ROLES),
    (
        "verify",
        "post",
        "communities:community-review",
        S.SUBMITTED,
        (),
        {"decision": "verify", "reason": ""},
        STAFF_ROLES,
    ),
    (
        "activate",
        "post",
        "communities:community-status",
        S.VERIFIED,
        ("activate",),
        {"reason": ""},
        STAFF_ROLES,
    ),
    (
        "deactivate",
        "post",
        "communities:community-status",
        S.ACTIVE,
        ("deactivate",),
        {"reason": "Nedarbojas."},
        STAFF_ROLES,
    ),
    (
        "key change review",
        "get",
        "communities:key-change-review",
        S.ACTIVE,
        ("key change",),
        None,
        STAFF_ROLES,
    ),
    (
        "accept key change",
        "post",
        "communities:key-change-review",
        S.ACTIVE,
        ("key change",),
        {"decision": "accept"},
        STAFF_ROLES,
    ),
    (
        "withdraw key change",
        "post",
        "communities:key-change-withdraw",
        S.ACTIVE,
        ("key change",),
        {},
        {"board", "leader"},
    ),
    (
        "key change document",
        "get",
        "communities:key-change-document",
        S.VERIFIED,
        ("key change",),
        None,
        {"board", "leader"} | STAFF_ROLES,
    ),
    (
        "document",
        "get",
        "communities:community-document",
        S.ACTIVE,
        (),
        None,
        {"board", "leader"} | STAFF_ROLES,
    ),
    (
        "document draft",
        "get",
        "communities:community-document",
        S.DRAFT,
        (),
        None,
        {"board", "leader"} | STAFF_ROLES,
    ),
    (
        "document submitted",
        "get",
        "communities:community-document",
        S.SUBMITTED,
        (),
        None,
        {"board", "leader"} | STAFF_ROLES,
    ),
    (
        "document returned",
        "get",
        "communities:community-document",
        S.RETURNED,
        (),
        None,
        {"board", "leader"} | STAFF_ROLES,
    ),
    (
        "document inactive",
        "get",
        "communities:community-document",
        S.INACTIVE,
        (),
        None,
        {"board", "leader"} | STAFF_ROLES,
    ),
    (
        "join",
        "get",
        "communities:membership-request",
        S.ACTIVE,
        (),
        None,
        {"resident", "staff", "evaluator", "council", "admin"},
    ),
    ("join draft", "get", "communities:membership-request", S.DRAFT, (), None, set()),
    ("members", "get", "communities:member-list", S.ACTIVE, (), None, {"leader"}),
    (
        "accept member",
        "post",
        "communities:member-update",
        S.ACTIVE,
        ("pending", "accept"),
        {},
        {"leader"},
    ),
    ("record event", "get", "communities:event-create", S.ACTIVE, (), None, {"board", "leader"}),
    (
        "leave",
        "get",
        "communities:membership-leave",
        S.ACTIVE,
        (),
        None,
        {"member", "board", "leader"},
    ),
    ("remove member", "get", "communities:member-remove", S.ACTIVE, ("member",), None, {"leader"}),
    (
        "correct event",
        "get",
        "communities:event-update",
        S.ACTIVE,
        ("event",),
        None,
        {"board", "leader"},
    ),
    (
        "remove event",
        "post",
        "communities:event-delete",
        S.ACTIVE,
        ("event",),
        {},
        {"board", "leader"},
    ),
    ("record event on inactive", "get", "communities:event-create", S.INACTIVE, (), None, set()),
    (
        "record opinion",
        "post",
        "communities:opinion-create",
        S.ACTIVE,
        (),
        {
            "title": "Par ceļu",
            "sent_on": RECENT.isoformat(),
            "addressee": "Dome",
            "summary": "Atbalstām.",
        },
        {"board", "leader"},
    ),
    # Issue 12 item 7: the record as evidence.
    (
        "remove event with a reason",
        "post",
        "communities:event-delete",
        S.ACTIVE,
        ("event",),
        {"reason": "Ierakstīts divreiz."},
        {"board", "leader"},
    ),
    (
        "correct an event of a locked year",
        "get",
        "communities:event-update",
        S.ACTIVE,
        ("old event",),
        None,
        set(),
    ),
    (
        "remove an event of a locked year",
        "post",
        "communities:event-delete",
        S.ACTIVE,
        ("old event",),
        {"reason": "Kļūda."},
        set(),
    ),
    ("reopen a year", "get", "communities:record-year-reopen", S.ACTIVE, (), None, STAFF_ROLES),
    (
        "reopen a year (send)",
        "post",
        "communities:record-year-reopen",
        S.ACTIVE,
        (),
        {"year": "2025", "until": "2099-01-31", "reason": "Trūka ieraksta."},
        STAFF_ROLES,
    ),
    ("reopen a year of a draft", "get", "communities:record-year-reopen", S.DRAFT, (), None, set()),
    # Issue 12 item 11: no dead ends. No role of the matrix has a request waiting
    # (tests/communities/test_dead_ends.py covers the applicant).
    ("withdraw a join request", "post", "communities:membership-withdraw", S.ACTIVE, (), {}, set()),
    (
        "withdraw a registration",
        "post",
        "communities:community-withdraw",
        S.SUBMITTED,
        (),
        {"reason": ""},
        {"leader"},
    ),
    (
        "withdraw a returned registration",
        "get",
        "communities:community-withdraw",
        S.RETURNED,
        (),
        None,
        set(),
    ),
    ("delete a draft (ask)", "get", "communities:community-delete", S.DRAFT, (), None, {"leader"}),
    ("delete a draft", "post", "communities:community-delete", S.DRAFT, (), {}, {"leader"}),
    (
        "delete a submitted registration",
        "post",
        "communities:community-delete",
        S.SUBMITTED,
        (),
        {},
        set(),
    ),
    ("emails I get", "get", "notification-preferences", None, (), None, everyone_signed_in()),
    ("delivery log", "get", "notification-log", None, (), None, STAFF_ROLES),
    ("resend", "post", "notification-resend", None, ("failed message",), {}, STAFF_ROLES),
    ("security events", "get", "security-event-list", None, (), None, STAFF_ROLES),
    ("staff dashboard", "get", "dashboard", None, (), None, STAFF_ROLES),
    ("staff dashboard as a PDF", "post", "dashboard-pdf", None, (), {}, STAFF_ROLES),
    # Annual subsidies run by staff (issue 26): tiers, and the spending of an award, which
    # those who may not see it do not learn exists (a 404, as for another host's).
    ("subsidy tiers", "get", "grants:subsidy-tier-list", None, ("programme",), None, STAFF_ROLES),
    (
        "set up a subsidy tier",
        "post",
        "grants:subsidy-tier-create",
        None,
        ("programme",),
        {"name": "T", "amount": "100", "order": "0", "event_min_attendance": "0"},
        STAFF_ROLES,
    ),
    (
        "change a subsidy tier",
        "get",
        "grants:subsidy-tier-edit",
        None,
        ("programme", "tier"),
        None,
        STAFF_ROLES,
    ),
    (
        "retire a subsidy tier",
        "post",
        "grants:subsidy-tier-retire",
        None,
        ("programme", "tier"),
        {},
        STAFF_ROLES,
    ),
    (
        "subsidy spending report",
        "get",
        "grants:spending-report",
        S.ACTIVE,
        ("award",),
        None,
        {"board", "leader"} | STAFF_ROLES,
    ),
    (
        "save spending lines",
        "post",
        "grants:spending-report",
        S.ACTIVE,
        ("award",),
        {
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-what": "Stādi",
            "lines-0-amount": "10",
        },
        {"board", "leader"},
    ),
    (
        "add a spending document",
        "post",
        "grants:spending-document-add",
        S.ACTIVE,
        ("award",),
        {},
        {"board", "leader"},
    ),
    (
        "download a spending document",
        "get",
        "grants:spending-document",
        S.ACTIVE,
        ("spending document",),
        None,
        {"board", "leader"} | STAFF_ROLES,
    ),
    (
        "decide a spending report",
        "post",
        "grants:spending-decision",
        S.ACTIVE,
        ("submitted award",),
        {"accept": "yes"},
        STAFF_ROLES,
    ),
]

# Pages of an award's spending: refused as a 404 to those who may not see the report.
SPENDING_PAGES = {
    "grants:spending-report",
    "grants:spending-document-add",
    "grants:spending-document",
    "grants:spending-decision",
}
SEES_SPENDING = {"board", "leader"} | STAFF_ROLES
SUBSIDY_EXTRAS = {"programme", "tier", "award", "submitted award", "spending document"}


def _subsidy_args(extra, community):
    """The URL arguments of the subsidy pages: a programme's slug and a tier's pk, or an
    award's (or its document's) pk, with the rows they name."""
    from grants.models import Programme, SubsidyAward
    from grants.services.spending import (
        add_spending_document,
        save_spending_lines,
        submit_spending_report,
    )
    from grants.services.subsidies import add_tier
    from tests.grants.factories import ProgrammeFactory

    programme = ProgrammeFactory(kind=Programme.Kind.SUBSIDY)
    tier = add_tier(actor=None, programme=programme, name="T", amount=100)
    args = []
    for value in extra:
        if value == "programme":
            args.append(programme.slug)
        elif value == "tier":
            args.append(tier.pk)
        else:
            award = SubsidyAward.objects.create(
                tier=tier, community=community, year=2025, amount=100
            )
            document = add_spending_document(
                actor=None, award=award, title="R", file=ContentFile(b"%PDF-1.4\n%%EOF\n", "r.pdf")
            )
            if value == "submitted award":
                save_spending_lines(actor=None, award=award, lines=[("X", 1)])
                submit_spending_report(actor=None, award=award)
            args.append(document.pk if value == "spending document" else award.pk)
    return args


def _expected(case, role):
    _name, _method, url_name, status, _extra, _data, allowed = case
    expected = _expect(allowed, role, status)
    if url_name in SPENDING_PAGES and expected == "403" and role not in SEES_SPENDING:
        expected = "404"
    return expected


def _worlds():
    """The cases grouped by the world they need: the community's status and the rows their
    URLs name. Each group's world is built once; every page of it is asked as every role."""
    worlds = {}
    for case in CASES:
        worlds.setdefault((case[3], case[4]), []).append(case)
    return worlds


WORLDS = _worlds()


def declared():
    """The (role, page, expected answer) triples the matrices of this module check."""
    triples = [(role, case[0], _expected(case, role)) for case in CASES for role in ROLES]
    triples += [
        (f"involved {role}", case[0], REFUSED_SAYING_WHY)
        for case in STAFF_DECISIONS
        for role in INVOLVED
    ]
    return triples


def _world_args(community, extra):
    """The URL arguments a group's pages take, with the rows they name."""
    args = []
    if extra and extra[0] in SUBSIDY_EXTRAS:
        return _subsidy_args(extra, community)
    if community is not None:
        args.append(community.slug)
        if community.supporting_document.name == "":
            community.supporting_document.save("d.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    for value in extra:
        if value == "pending":
            pending = MembershipFactory(community=community, status=Membership.Status.PENDING)
            args.append(pending.pk)
        elif value == "member":
            args.append(MembershipFactory(community=community).pk)
        elif value == "event":
            args.append(EventFactory(community=community).pk)
        elif value == "old event":  # two years back: its record has locked
            old = datetime.date(datetime.date.today().year - 2, 5, 5)
            args.append(EventFactory(community=community, date=old).pk)
        elif value == "key change":  # a change of key facts waits, with its document
            CommunityChangeRequest.objects.create(
                community=community,
                data={"declared_residents": 5000},
                document=ContentFile(b"%PDF-1.4\n%%EOF\n", name="d.pdf"),
            )
        elif value == "failed message":
            args.append(failed_message().pk)
        else:
            args.append(value)
    return args


@pytest.mark.django_db
@pytest.mark.parametrize("world", WORLDS, ids=[f"{s or 'none'}:{'+'.join(e)}" for s, e in WORLDS])
def test_role_may_only_do_what_it_is_allowed(settings, world):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    status, extra = world
    community = CommunityFactory(status=status) if status else None
    people = people_for(ROLES, community)
    args = _world_args(community, extra)
    walk = Walk()
    for case in WORLDS[world]:
        name, method, url_name, _status, _extra, data, _allowed = case
        url = reverse(url_name, args=args)
        for role in ROLES:
            walk.ask(name, role, people[role], _expected(case, role), url, method=method, data=data)
    walk.assert_all()


@pytest.mark.django_db
def test_a_refusal_says_why(client):
    client.force_login(UserFactory())
    response = client.get(reverse("communities:community-queue"))
    assert response.status_code == 403
    assert "communities/" not in response.templates[0].name
    assert response.templates[0].name == "403.html"


# Separation of duties: staff and administrators involved in a community (a leader of it
# here) are refused every staff decision about it, over HTTP, saying why; nothing is decided.
STAFF_DECISIONS = [
    case for case in CASES if case[6] == STAFF_ROLES and case[1] == "post" and case[3] is not None
]
INVOLVED = sorted(STAFF_ROLES)
REFUSED_SAYING_WHY = "refused, saying why"


def _refused_saying_why(response):
    if response.status_code not in (200, 403):
        return str(response.status_code)
    with translation.override("lv"):
        if own_community_message() not in response.content.decode():
            return f"{response.status_code} without saying why"
    return REFUSED_SAYING_WHY


@pytest.mark.django_db
@pytest.mark.parametrize("case", STAFF_DECISIONS, ids=[case[0] for case in STAFF_DECISIONS])
def test_involved_staff_may_not_decide_about_their_community(settings, case):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    name, _method, url_name, status, extra, data, _allowed = case
    community = CommunityFactory(status=status)
    people = people_for(INVOLVED, community)
    for person in people.values():
        MembershipFactory(community=community, user=person, role=Membership.Role.LEADER)
    args = [community.slug]
    if extra and extra[0] in SUBSIDY_EXTRAS:
        args, extra = _subsidy_args(extra, community), ()
    for value in extra:
        if value == "key change":
            CommunityChangeRequest.objects.create(community=community, data={"name": "Cits"})
        else:
            args.append(value)

    def nothing_decided(_response):
        community.refresh_from_db()
        if community.status != status:
            yield f"the status changed to {community.status}"
        if community.status_changes.exists():
            yield "a status change was written"
        if community.change_requests.exclude(status="pending").exists():
            yield "a change request was decided"
        if community.year_reopenings.exists():
            yield "a year was reopened"

    walk = Walk(judge=_refused_saying_why)
    url = reverse(url_name, args=args)
    for role in INVOLVED:
        walk.ask(
            name,
            f"involved {role}",
            people[role],
            REFUSED_SAYING_WHY,
            url,
            method="post",
            data=data,
            follow=True,
            then=nothing_decided,
        )
    walk.assert_all()
