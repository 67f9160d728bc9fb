"""Every new page of the grants against every role, over HTTP (the permission matrix), and
another municipality's rows answering 404 on this host."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from grants.models import Application, Round
from tests.access import Walk, status
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.grants.factories import ApplicationFactory, ProgrammeFactory, RoundFactory, assign
from tests.portal.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

# "other_leader" leads a community of another municipality: not an applicant here.
ROLES = (
    "anonymous",
    "resident",
    "leader",
    "other_leader",
    "member",
    "evaluator",
    "staff",
    "other_staff",
)
OK, LOGIN, REFUSED, MISSING = 200, 302, 403, 404


@pytest.fixture
def world():
    open_round = RoundFactory(title="Atvērtā")
    draft_round = RoundFactory(title="Melnraksts", status=Round.Status.DRAFT)
    evaluating = RoundFactory(
        title="Vērtēšanā",
        status=Round.Status.EVALUATION,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    leader, member, evaluator = UserFactory(), UserFactory(), UserFactory()
    community = CommunityFactory(leader=leader)
    MembershipFactory(community=community, user=member, role=Membership.Role.MEMBER)
    draft = ApplicationFactory(round=open_round, community=community, status="draft")
    eligible = ApplicationFactory(round=evaluating, status=Application.Status.ELIGIBLE)
    assign(evaluating, evaluator)
    elsewhere = MunicipalityFactory()
    other_leader = UserFactory()
    CommunityFactory(leader=other_leader, municipality=elsewhere)
    people = {
        "anonymous": None,
        "resident": UserFactory(),
        "leader": leader,
        "other_leader": other_leader,
        "member": member,
        "evaluator": evaluator,
        "staff": UserFactory(is_municipal_staff=True),
        "other_staff": UserFactory(staff_of=elsewhere),
    }
    return {
        "people": people,
        "open": open_round,
        "draft_round": draft_round,
        "evaluating": evaluating,
        "draft": draft,
        "eligible": eligible,
    }


# Each page: its URL name, the world's rows its URL takes, what each role gets.
PAGES = {
    "round list": ("grants:round-list", (), dict.fromkeys(ROLES, OK)),
    "round page": ("grants:round-detail", ("open",), dict.fromkeys(ROLES, OK)),
    "draft round page": (
        "grants:round-detail",
        ("draft_round",),
        {**dict.fromkeys(ROLES, MISSING), "staff": OK},
    ),
    "new round": (
        "grants:round-create",
        (),
        {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "staff": OK},
    ),
    "round form": (
        "grants:round-edit",
        ("open",),
        {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "staff": OK},
    ),
    "apply": (
        "grants:application-start",
        ("open",),
        {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "leader": OK},
    ),
    "application page": (
        "grants:application-detail",
        ("open", "draft"),
        {**dict.fromkeys(ROLES, MISSING), "leader": OK},  # a draft: its authors
    ),
    "application form": (
        "grants:application-edit",
        ("open", "draft"),
        {**dict.fromkeys(ROLES, MISSING), "leader": OK},
    ),
    "application list": (
        "grants:application-list",
        ("evaluating",),
        {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "staff": OK},
    ),
    "ranking": (
        "grants:round-ranking",
        ("evaluating",),
        {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "staff": OK},
    ),
    "evaluators": (
        "grants:evaluator-list",
        ("evaluating",),
        {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "staff": OK},
    ),
    "review": (
        "grants:application-review",
        ("evaluating", "eligible"),
        {**dict.fromkeys(ROLES, MISSING), "staff": OK, "evaluator": REFUSED},
    ),
    "evaluation": (
        "grants:evaluation",
        ("evaluating",),
        {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "evaluator": OK},
    ),
    "conflict declaration": (
        "grants:application-conflict",
        ("evaluating", "eligible"),
        {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "evaluator": OK},
    ),
    "scoring form before declaring": (
        "grants:application-score",
        ("evaluating", "eligible"),
        {**dict.fromkeys(ROLES, MISSING), "staff": REFUSED, "evaluator": REFUSED},
    ),
}


def declared():
    """The (role, page, expected answer) triples the matrix of this module checks."""
    return [
        (role, page, expected[role]) for page, (*_, expected) in PAGES.items() for role in ROLES
    ]


def test_each_role_gets_what_it_may(world):
    rows = {
        "open": world["open"].slug,
        "draft_round": world["draft_round"].slug,
        "evaluating": world["evaluating"].slug,
        "draft": world["draft"].pk,
        "eligible": world["eligible"].pk,
    }
    walk = Walk(judge=status)
    for page, (url_name, args, expected) in PAGES.items():
        url = reverse(url_name, args=[rows[arg] for arg in args])
        for role in ROLES:
            walk.ask(page, role, world["people"][role], expected[role], url)
    walk.assert_all()


def test_another_municipality_s_rows_are_404_here(client, staff):
    elsewhere = MunicipalityFactory()
    round_ = RoundFactory(programme=ProgrammeFactory(municipality=elsewhere))
    application = ApplicationFactory(round=round_)
    client.force_login(staff)
    for url in (
        round_.get_absolute_url(),
        reverse("grants:round-edit", args=[round_.slug]),
        reverse("grants:application-list", args=[round_.slug]),
        reverse("grants:round-ranking", args=[round_.slug]),
        application.get_absolute_url(),
        reverse("grants:application-review", args=[round_.slug, application.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert round_.title not in client.get(reverse("grants:round-list")).content.decode()
