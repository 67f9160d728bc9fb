"""``seed_demo`` builds two complete demo municipalities, idempotently, and keeps accounts local."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from communities.demo import kekava as data
from communities.demo import riga
from communities.models import (
    Community,
    CommunityStatusChange,
    Event,
    JointOpinion,
    Membership,
)
from front import demo as builder
from portal import tasks
from portal.models import ContactPerson, Municipality, MunicipalStaff, Notification, Territory
from portal.outbox.reminders import all_deadlines

# One process of pytest-xdist seeds the demo once for all of them (the `seeded` fixture).
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.no_default_municipality,
    pytest.mark.xdist_group("seeded-demo"),
]

User = get_user_model()

ROLE_FLAGS = ("is_superuser", "is_staff")
DEMO_ACCOUNTS = {
    "resident@demo.lv": set(),
    "leader@demo.lv": set(),
    "staff@demo.lv": set(),
    "evaluator@demo.lv": set(),  # assigned to rounds by grants/demo.py
    "council@demo.lv": set(),  # holds a seat on a council (councils.demo)
    "admin@demo.lv": {"is_superuser", "is_staff"},
}
STAFF_OF = {
    "staff@demo.lv": {"kekavas-novads"},
    "riga.staff@demo.lv": {"riga"},
    "both.staff@demo.lv": {"kekavas-novads", "riga"},
    "resident@demo.lv": set(),
    "admin@demo.lv": set(),
}
COUNTED = (Territory, User, Community, Membership, CommunityStatusChange, Event, JointOpinion)


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


_seeded_world = []


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for the tests of this module that ask for it.

    It lives in a transaction of the module, rolled back at its end; each test runs in a
    savepoint of it (pytest-django's ``db``), so what one test changes the next never sees.
    The tests that seed for themselves come before the first that asks for it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        _seeded_world.append(True)
        yield
        _seeded_world.clear()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _seeds_for_itself_before_the_seeded_demo(request):
    if _seeded_world and "seeded" not in request.fixturenames:
        pytest.fail("a test that seeds for itself must come before those using `seeded`")


def test_running_twice_gives_the_same_rows():
    seed()
    first = row_counts()
    output = seed()
    assert row_counts() == first
    assert all(first.values()), first
    assert "communities: " in output


def test_running_twice_keeps_slugs_and_titles_unique():
    seed()
    seed()
    for entry in builder.DEMO_NEIGHBOURHOODS:
        assert Territory.objects.filter(slug=entry["slug"]).count() == 1
    for specs, slug in ((data.COMMUNITIES, "kekavas-novads"), (riga.COMMUNITIES, "riga")):
        for spec in specs:
            found = Community.objects.filter(slug=spec["slug"], municipality__slug=slug)
            assert found.count() == 1
    titles = Event.objects.values_list("community_id", "title")
    assert len(titles) == len(set(titles))


@override_settings(PORTAL_DEMO_ACCOUNTS=False)
def test_without_demo_accounts_setting_no_accounts_are_created():
    output = seed()
    seed()
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
    assert not Community.objects.exists()
    assert Territory.objects.exists()
    assert ContactPerson.objects.exists()
    assert Municipality.objects.count() == 2
    assert "PORTAL_DEMO_ACCOUNTS" in output


@pytest.mark.parametrize(("email", "flags"), DEMO_ACCOUNTS.items())
def test_demo_accounts_have_their_roles_and_can_log_in(seeded, email, flags):
    user = User.objects.get(email=email)
    for flag in ROLE_FLAGS:
        assert getattr(user, flag) is (flag in flags), flag
    assert user.full_name
    assert user.language == "lv"
    assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True).exists()
    assert user.check_password("demo12345")
    assert authenticate(email=email, password="demo12345") == user


@pytest.mark.parametrize(("email", "municipalities"), STAFF_OF.items())
def test_demo_staff_are_staff_of_their_municipalities(seeded, email, municipalities):
    rows = MunicipalStaff.objects.filter(user__email=email)
    assert set(rows.values_list("municipality__slug", flat=True)) == municipalities


def test_two_municipalities_with_their_hosts_and_trees(seeded):
    kekava = Municipality.objects.get(slug="kekavas-novads")
    riga_ = Municipality.objects.get(slug="riga")
    assert kekava.primary_host == "kekava.localhost"
    assert riga_.primary_host == "riga.localhost"
    assert riga_.territories.neighbourhoods().count() == 58
    assert {t.depth for t in riga_.territories.neighbourhoods()} == {1}
    assert max(t.depth for t in kekava.territories.all()) == 2
    # The same short name in both, each its own.
    assert Territory.objects.filter(slug="katlakalns").count() == 2
    assert Community.objects.filter(slug="katlakalna-kopiena").count() == 2
    assert riga_.communities.public().exists() and riga_.communities.filter(status="submitted")
    assert riga_.from_email == '"Rīgas apkaimju portāls" <apkaimes@riga.example>'


def test_communities_exist_in_every_state(seeded):
    statuses = set(Community.objects.values_list("status", flat=True))
    assert statuses >= {"draft", "submitted", "returned", "verified", "active", "inactive"}


def test_history_walks_through_the_states_with_real_actors(seeded):
    community = Community.objects.get(status="active", municipality__slug="kekavas-novads")
    changes = list(community.status_changes.order_by("at", "pk"))
    assert [c.to_status for c in changes] == ["draft", "submitted", "verified", "active"]
    assert [c.actor.email for c in changes] == [
        "leader@demo.lv",
        "leader@demo.lv",
        "staff@demo.lv",
        "staff@demo.lv",
    ]
    assert community.legal_form == Community.LegalForm.ASSOCIATION
    assert len(community.register_number) == 11
    returned = Community.objects.get(status="returned", municipality__slug="kekavas-novads")
    assert returned.status_changes.get(to_status="returned").reason


def test_leader_and_resident_belong_to_the_active_community(seeded):
    community = Community.objects.get(status="active", municipality__slug="kekavas-novads")
    roles = dict(community.memberships.active().values_list("user__email", "role"))
    assert roles["leader@demo.lv"] == Membership.Role.LEADER
    assert roles["resident@demo.lv"] == Membership.Role.MEMBER
    assert len(roles) >= 3


def test_active_and_verified_communities_have_an_activity_record(seeded):
    for community in Community.objects.filter(status__in=("active", "verified")):
        assert community.events.exists(), community
        assert community.joint_opinions.exists(), community
    assert Event.objects.filter(attendance__gte=20).count() >= 3


def test_every_neighbourhood_has_a_contact_person(seeded):
    neighbourhoods = Territory.objects.neighbourhoods()
    assert neighbourhoods.count() >= 5
    assert not neighbourhoods.filter(contact_person__isnull=True).exists()


def test_towns_with_neighbourhoods_are_not_neighbourhoods_themselves(seeded):
    towns = Territory.objects.filter(kind=Territory.Kind.TOWN, municipality__slug="kekavas-novads")
    with_children = towns.filter(children__isnull=False).distinct()
    assert with_children.exists()
    assert not with_children.filter(is_neighbourhood=True).exists()
    assert all(town.is_neighbourhood for town in towns.filter(children__isnull=True))
    for entry in builder.DEMO_NEIGHBOURHOODS:
        territory = Territory.objects.get(slug=entry["slug"])
        assert territory.is_neighbourhood
        assert territory.kind == Territory.Kind.NEIGHBOURHOOD
        assert territory.description == builder.DEMO_NEIGHBOURHOOD


def test_some_neighbourhoods_have_no_public_community(seeded):
    without = Territory.objects.neighbourhoods().exclude(
        communities__status__in=Community.PUBLIC_STATUSES
    )
    assert without.exists()
    assert Territory.objects.neighbourhoods().filter(communities__isnull=True).count() >= 2


def test_municipalities_have_their_details(seeded):
    for municipality in Municipality.objects.all():
        assert municipality.response_working_days == 10
        assert municipality.min_consultation_days == 21
        assert municipality.accessibility_evaluated_on is not None
        assert municipality.root.kind == Territory.Kind.MUNICIPALITY
        assert municipality.email and municipality.email_from_address


def test_on_a_fresh_demo_one_reminder_sweep_sends_reminders_and_a_second_none(seeded, mailoutbox):
    """Issue 18, "Demo data": the demo's dates leave deadlines inside the reminder offsets."""
    tasks.deliver_due()  # what seeding the demo wrote to the outbox
    mailoutbox.clear()

    def send_reminders():
        out = StringIO()
        call_command("send_reminders", stdout=out)
        tasks.deliver_due()
        return int(out.getvalue().split()[0])

    assert send_reminders() > 0
    sent = len(mailoutbox)
    assert sent > 0
    reminder_kinds = {deadline.kind for deadline in all_deadlines()}
    written = Notification.objects.filter(kind__in=reminder_kinds)
    assert written.count() == sent
    assert set(written.values_list("kind", flat=True)) >= {
        "agreement-ending-reminder",
        "council-nominations-closing",
    }
    assert send_reminders() == 0
    assert len(mailoutbox) == sent


def test_subsidy_tiers_set_up_by_staff_and_spending_reports_decided(seeded):
    """The demo's tiers come from staff through the tiers page's service, with history; one
    spending report is returned with a reason and one accepted (its total spent)."""
    from grants.models import SpendingReport, SubsidyTier

    starts = [tier.changes.first() for tier in SubsidyTier.objects.all()]
    assert starts and all(row.actor and row.actor.email.endswith("staff@demo.lv") for row in starts)
    returned = SpendingReport.objects.get(status=SpendingReport.Status.RETURNED)
    assert returned.changes.get(to_status="returned").reason
    accepted = SpendingReport.objects.get(status=SpendingReport.Status.ACCEPTED)
    assert accepted.award.spent_amount == sum(line.amount for line in accepted.lines.all())
    associations = Community.objects.filter(legal_form="association")
    assert associations.exists() and not associations.filter(registered_on=None).exists()
