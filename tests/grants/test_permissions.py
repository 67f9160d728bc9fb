"""Every new page of the grants against every role, over HTTP (the permission matrix), and
another municipality's rows answering 404 on this host."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from grants.models import Application, Round
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


def pages(w):
    o, e, a, b = w["open"].slug, w["evaluating"].slug, w["draft"], w["eligible"]
    return {
        "round list": (reverse("grants:round-list"), dict.fromkeys(ROLES, OK)),
        "round page": (reverse("grants:round-detail", args=[o]), dict.fromkeys(ROLES, OK)),
        "draft round page": (
            reverse("grants:round-detail", args=[w["draft_round"].slug]),
            {**dict.fromkeys(ROLES, MISSING), "staff": OK},
        ),
        "new round": (
            reverse("grants:round-create"),
            {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "staff": OK},
        ),
        "round form": (
            reverse("grants:round-edit", args=[o]),
            {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "staff": OK},
        ),
        "apply": (
            reverse("grants:application-start", args=[o]),
            {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "leader": OK},
        ),
        "application page": (
            reverse("grants:application-detail", args=[o, a.pk]),
            {**dict.fromkeys(ROLES, MISSING), "leader": OK},  # a draft: its authors
        ),
        "application form": (
            reverse("grants:application-edit", args=[o, a.pk]),
            {**dict.fromkeys(ROLES, MISSING), "leader": OK},
        ),
        "application list": (
            reverse("grants:application-list", args=[e]),
            {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "staff": OK},
        ),
        "ranking": (
            reverse("grants:round-ranking", args=[e]),
            {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "staff": OK},
        ),
        "evaluators": (
            reverse("grants:evaluator-list", args=[e]),
            {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "staff": OK},
        ),
        "review": (
            reverse("grants:application-review", args=[e, b.pk]),
            {**dict.fromkeys(ROLES, MISSING), "staff": OK, "evaluator": REFUSED},
        ),
        "evaluation": (
            reverse("grants:evaluation", args=[e]),
            {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "evaluator": OK},
        ),
        "conflict declaration": (
            reverse("grants:application-conflict", args=[e, b.pk]),
            {**dict.fromkeys(ROLES, REFUSED), "anonymous": LOGIN, "evaluator": OK},
        ),
        "scoring form before declaring": (
            reverse("grants:application-score", args=[e, b.pk]),
            {**dict.fromkeys(ROLES, MISSING), "staff": REFUSED, "evaluator": REFUSED},
        ),
    }


PAGE_NAMES = [
    "round list",
    "round page",
    "draft round page",
    "new round",
    "round form",
    "apply",
    "application page",
    "application form",
    "application list",
    "ranking",
    "evaluators",
    "review",
    "evaluation",
    "conflict declaration",
    "scoring form before declaring",
]


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_each_role_gets_what_it_may(client, world, page):
    url, expected = pages(world)[page]
    got = {}
    for role in ROLES:
        client.logout()
        person = world["people"][role]
        if person is not None:
            client.force_login(person)
        got[role] = client.get(url).status_code
    assert got == expected


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
