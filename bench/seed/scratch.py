"""A scratch database shaped for the benchmarks (``python manage.py seed_bench``).

``municipalities`` municipalities share ``communities`` communities; each community has ten
memberships and five events, covers one or two neighbourhoods, and is in one of the six
states. The first municipality's tree is three levels deep (towns and parishes, then
neighbourhoods), the others two (neighbourhoods straight under the municipality, as Riga).
Host names: ``bench-1.localhost``, ``bench-2.localhost``, …; a staff member of every one:
``staff@bench.invalid``.
"""

import datetime
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from bench.seed import consultations as consultations_bench
from bench.seed import councils as councils_bench
from communities.counts import recount_all
from communities.models import Community, Event, Membership, Story
from grants.models import Application, BudgetLine, Criterion, Programme, Round
from portal.models import ContactPerson, Municipality, MunicipalStaff, Territory

MEMBERS_PER_COMMUNITY = 10
EVENTS_PER_COMMUNITY = 5
STORY_EVERY = 10  # one published story for every tenth public community
NEIGHBOURHOODS = 40
USER_POOL = 20_000
BATCH = 2_000
STATUSES = (
    ["active"] * 10
    + ["verified"] * 4
    + ["inactive"] * 2
    + ["submitted"] * 2
    + ["draft", "returned"]
)
STAFF_EMAIL = "staff@bench.invalid"


class OtherData(Exception):
    """The database holds data that is not the benchmark's."""


def slug_of(number):
    return f"bench-{number}"


def is_seeded(communities, municipalities):
    bench = Municipality.objects.filter(slug__startswith="bench-")
    return (
        bench.count() == municipalities
        and Community.objects.filter(municipality__in=bench).count() == communities
    )


def holds_other_data():
    return (
        Municipality.objects.exclude(slug__startswith="bench-").exists()
        or get_user_model().objects.exclude(email__endswith="@bench.invalid").exists()
    )


def seed(*, communities, municipalities, allow_other_data=False, log=print):
    if is_seeded(communities, municipalities):
        log(f"Already seeded: {communities} communities in {municipalities} municipalities.")
        return False
    if holds_other_data() and not allow_other_data:
        raise OtherData(
            "This database holds other data; seed_bench fills a scratch database. "
            "Pass --allow-other-data to add the benchmark's rows anyway."
        )
    with transaction.atomic():
        _clear()
        places = [_municipality(number) for number in range(1, municipalities + 1)]
        users = _users()
        staff = get_user_model().objects.create_user(STAFF_EMAIL, "bench-pass-123")
        MunicipalStaff.objects.bulk_create(
            [MunicipalStaff(user=staff, municipality=m) for m, _ in places]
        )
        _communities(places, communities, users)
        consultations_bench.seed(*places[0], users)
        _grants(places[0][0], staff)
        councils_bench.seed(places[0][0], users)
        for municipality, _ in places:
            recount_all(municipality)
    _analyze()
    log(f"Seeded {communities} communities in {municipalities} municipalities.")
    return True


def _clear():
    bench = Municipality.objects.filter(slug__startswith="bench-")
    councils_bench.clear(bench)
    consultations_bench.clear(bench)
    Application.objects.filter(round__municipality__in=bench).delete()
    Round.objects.filter(municipality__in=bench).delete()
    Programme.objects.filter(municipality__in=bench).delete()
    Community.objects.filter(municipality__in=bench).delete()
    for municipality in bench:
        # Children before parents (territories protect their parent).
        for territory in municipality.territories.order_by("-path"):
            territory.delete()
    bench.delete()
    get_user_model().objects.filter(email__endswith="@bench.invalid").delete()


def _municipality(number):
    municipality = Municipality.objects.create(name=f"Bench novads {number}", slug=slug_of(number))
    municipality.hosts.create(name=f"{slug_of(number)}.localhost", is_primary=True)
    root = Territory.objects.create(
        municipality=municipality, name=municipality.name, slug=slug_of(number), kind="novads"
    )
    person = ContactPerson.objects.create(
        municipality=municipality,
        name="Kontaktpersona",
        email=f"kontakts@{slug_of(number)}.invalid",
        phone="+371 67000000",
        reception_hours="Pirmdienās 9.00–12.00",
    )
    parents = [root]
    if number == 1:
        parents = [
            Territory.objects.create(
                municipality=municipality,
                name=f"Pagasts {i}",
                slug=f"pagasts-{i}",
                kind="pagasts",
                parent=root,
            )
            for i in range(4)
        ]
    neighbourhoods = [
        Territory.objects.create(
            municipality=municipality,
            name=f"Apkaime {i:02d}",
            slug=f"apkaime-{i}",
            kind="apkaime",
            parent=parents[i % len(parents)],
            is_neighbourhood=True,
            contact_person=person,
        )
        for i in range(NEIGHBOURHOODS)
    ]
    return municipality, neighbourhoods


def _users():
    User = get_user_model()
    User.objects.bulk_create(
        [
            User(email=f"u{i}@bench.invalid", full_name=f"Iedzīvotājs {i}", password="!")
            for i in range(USER_POOL)
        ],
        batch_size=BATCH,
    )
    bench = User.objects.filter(email__startswith="u", email__endswith="@bench.invalid")
    return list(bench.values_list("pk", flat=True))


def _communities(places, total, users):
    now = timezone.now()
    rows = []
    for i in range(total):
        municipality, _ = places[i % len(places)]
        status = STATUSES[i % len(STATUSES)]
        name = f"Kopiena {i:05d} {'Ķekavas' if i % 7 == 0 else 'Ābeļu'} kaimiņi"
        description = "Kaimiņi, kas kopā rīko talkas un svētkus."
        sort_name, search_text = Community.search_fields(name, description)
        rows.append(
            Community(
                municipality=municipality,
                name=name,
                sort_name=sort_name,
                search_text=search_text,
                slug=f"kopiena-{i}",
                status=status,
                legal_form="informal" if i % 3 else "association",
                register_number="" if i % 3 else f"{40000000000 + i}",
                description=description,
                contact_name="Kontaktpersona",
                contact_email=f"kopiena{i}@bench.invalid",
                declared_residents=30 + i % 50,
                submitted_at=now if status not in ("draft",) else None,
                verified_at=now - datetime.timedelta(minutes=i)
                if status in ("verified", "active", "inactive")
                else None,
            )
        )
    created = Community.objects.bulk_create(rows, batch_size=BATCH)
    Through = Community.neighbourhoods.through
    links = []
    for i, community in enumerate(created):
        _, neighbourhoods = places[i % len(places)]
        first = neighbourhoods[i % NEIGHBOURHOODS]
        links.append(Through(community=community, territory=first))
        if i % 5 == 0:
            second = neighbourhoods[(i + 1) % NEIGHBOURHOODS]
            links.append(Through(community=community, territory=second))
    Through.objects.bulk_create(links, batch_size=BATCH)
    memberships, events = [], []
    today = timezone.localdate()
    for i, community in enumerate(created):
        for k in range(MEMBERS_PER_COMMUNITY):
            memberships.append(
                Membership(
                    community=community,
                    user_id=users[(i * MEMBERS_PER_COMMUNITY + k) % len(users)],
                    role="leader" if k == 0 else ("board" if k == 1 else "member"),
                    status="pending" if k == 9 else "active",
                )
            )
        for k in range(EVENTS_PER_COMMUNITY):
            events.append(
                Event(
                    community=community,
                    title=f"Talka {k}",
                    date=today - datetime.timedelta(days=30 * k + i % 30),
                    place="Tautas nams",
                    kind="cooperation",
                    attendance=10 + k,
                    participation_forms=["implementation"],
                )
            )
        if len(memberships) >= BATCH * 5:
            Membership.objects.bulk_create(memberships, batch_size=BATCH)
            Event.objects.bulk_create(events, batch_size=BATCH)
            memberships, events = [], []
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    Event.objects.bulk_create(events, batch_size=BATCH)
    _stories(created, places)


def _stories(communities, places):
    """A published good-practice story for every tenth public community (issue 19)."""
    now = timezone.now()
    rows, tags = [], []
    public = [c for c in communities if c.status in Community.PUBLIC_STATUSES]
    for i, community in enumerate(public[::STORY_EVERY]):
        forms = ["mobilisation", "implementation"] if i % 2 else ["needs", "planning"]
        rows.append(
            Story(
                municipality=community.municipality,
                community=community,
                title=f"Talka pie upes {i:05d}",
                problem="Upes krasts bija aizaudzis, un kaimiņi to vairs neizmantoja.",
                actions="Sarīkojām talku kopā ar pašvaldību.",
                results="Krasts ir sakopts, tur atpūšas ģimenes.",
                participation_forms=forms,
                forms_key="," + ",".join(forms) + ",",
                topic="environment" if i % 3 else "culture",
                status=Story.Status.PUBLISHED,
                published_at=now - datetime.timedelta(minutes=i),
            )
        )
    created = Story.objects.bulk_create(rows, batch_size=BATCH)
    places_of = dict(
        Community.neighbourhoods.through.objects.filter(
            community__in=[story.community_id for story in created]
        ).values_list("community_id", "territory_id")
    )
    Through = Story.neighbourhoods.through
    for story in created:
        tags.append(Through(story=story, territory_id=places_of[story.community_id]))
    Through.objects.bulk_create(tags, batch_size=BATCH)


def _analyze():
    """Fresh planner statistics after bulk inserts (PostgreSQL would take minutes to notice)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


GRANT_APPLICATIONS = 200
APPLICATION_IDS = 900_001


def _grants(municipality, staff):
    """An open round with criteria and 200 submitted applications (the round and the
    application pages of the benchmark: ``/lv/grants/karta-1/``)."""
    now = timezone.now()
    programme = Programme.objects.create(
        municipality=municipality,
        kind=Programme.Kind.COMPETITION,
        name="Konkurss",
        slug="konkurss",
    )
    round_ = Round.objects.create(
        municipality=municipality,
        programme=programme,
        title="Kārta 1",
        slug="karta-1",
        budget=Decimal("100000"),
        announced_on=now.date(),
        deadline=now + timedelta(days=90),
        seminar_on=now.date() + timedelta(days=70),
        implementation_starts=now.date() + timedelta(days=120),
        implementation_ends=now.date() + timedelta(days=500),
        progress_report_due_on=now.date() + timedelta(days=310),
        final_report_due_on=now.date() + timedelta(days=530),
        status=Round.Status.OPEN,
        published_at=now,
        created_by=staff,
    )
    Criterion.objects.bulk_create(
        Criterion(round=round_, name=f"Kritērijs {i}", weight=Decimal(i + 1), order=i)
        for i in range(3)
    )
    communities = Community.objects.of(municipality).order_by("pk")[:GRANT_APPLICATIONS]
    applications = Application.objects.bulk_create(
        Application(
            pk=APPLICATION_IDS + i,  # a known address: /lv/grants/karta-1/applications/900001/
            round=round_,
            community=community,
            title=f"Projekts {i}",
            description="Apraksts",
            status=Application.Status.SUBMITTED,
            submitted_at=now,
            total_cost=Decimal("1000"),
            requested_amount=Decimal("1000"),
        )
        for i, community in enumerate(communities)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            application=a, category="materials", description="Materiāli", amount=Decimal("1000")
        )
        for a in applications
    )
