"""Build the two demo municipalities, Ķekava and Riga: territories, people, communities.

Every function is idempotent: rows are keyed on slugs, emails and titles, so running the
builder again updates them in place and never duplicates them. Dates are relative to today.

Demo accounts — for local use only, created only when ``settings.PORTAL_DEMO_ACCOUNTS`` is
True (never in production settings). All of them log in with the password ``demo12345``:

- ``resident@demo.lv`` — a resident, member of Mežinieku kopiena
- ``leader@demo.lv`` — leader of Mežinieku kopiena, of a returned and of a draft registration
- ``staff@demo.lv`` — staff of Ķekava (verifies communities)
- ``evaluator@demo.lv`` — grant evaluator
- ``council@demo.lv`` — council member
- ``admin@demo.lv`` — superuser: Django admin, acts as staff of every municipality
- ``anna.liepa@demo.lv``, ``martins.kalns@demo.lv``, ``inese.berza@demo.lv`` — further
  residents who lead or belong to the other demo communities
- ``riga.staff@demo.lv`` — staff of Riga; ``both.staff@demo.lv`` — staff of both
- ``liga.vanaga@demo.lv``, ``roberts.krumins@demo.lv`` — residents who lead Riga's communities

Hosts in development: ``kekava.localhost`` and ``riga.localhost``; ``localhost`` is the
national view and any other host (``127.0.0.1``) falls back to the first, Ķekava.
"""

from datetime import date, timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from communities.models import (
    Community,
    CommunityStatusChange,
    Event,
    JointOpinion,
    Membership,
    MembershipChange,
)
from portal.history import move_to
from portal.models import ContactPerson, Municipality, MunicipalStaff, Territory
from portal.territory_files import load_municipality, read_entries

from . import data, riga

DEMO_PASSWORD = "demo12345"
TERRITORIES_FILE = Path(__file__).with_name("kekava-territories.yaml")
RIGA_FILE = Path(__file__).with_name("riga-apkaimes.yaml")
ROOT_SLUG = "kekavas-novads"
DEMO_NEIGHBOURHOOD = "Demo neighbourhood"

KEKAVA_DETAILS = {
    "email": "info@kekava.example",
    "phone": "+371 67000000",
    "website": "https://www.kekava.example/",
    "address": "Gaismas iela 19 k-9, Ķekava",
    "email_from_name": "Ķekavas novada kopienu portāls",
    "email_from_address": "kopienas@kekava.example",
    "response_working_days": 10,
    "min_consultation_days": 21,
}

# Invented neighbourhoods inside the towns, so that towns have neighbourhoods too.
DEMO_NEIGHBOURHOODS = [
    {"slug": "kekavas-centrs", "name": "Ķekavas centrs", "kind": "apkaime", "parent": "kekava"},
    {
        "slug": "rigas-ielas-apkaime",
        "name": "Rīgas ielas apkaime",
        "kind": "apkaime",
        "parent": "kekava",
    },
    {"slug": "balozu-centrs", "name": "Baložu centrs", "kind": "apkaime", "parent": "balozi"},
]

STAMPS = {Community.Status.SUBMITTED: "submitted_at", Community.Status.VERIFIED: "verified_at"}


# --- helpers -------------------------------------------------------------------------------


def _days_ago(days, hour=10):
    """An aware datetime ``days`` before now, at a plausible office hour."""
    moment = timezone.localtime() - timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _last(month, day):
    """The most recent ``month``/``day`` on or before today (a yearly tradition's date)."""
    today = timezone.localdate()
    candidate = date(today.year, month, day)
    return candidate if candidate <= today else date(today.year - 1, month, day)


def _event_date(spec):
    if "yearly" in spec:
        return _last(*spec["yearly"])
    return timezone.localdate() + timedelta(days=spec["days"])


# --- territories, settings, contact persons ------------------------------------------------


def load_territories(path=TERRITORIES_FILE):
    """The territory entries of the shipped data file plus the invented neighbourhoods."""
    return [*read_entries(path), *DEMO_NEIGHBOURHOODS]


def build_municipality(entries, *, hosts, details, descriptions=None):
    """The municipality of ``entries`` with its tree and details; returns both."""
    municipality, territories = load_municipality(entries, hosts=hosts, descriptions=descriptions)
    details = {**details, "accessibility_evaluated_on": timezone.localdate() - timedelta(days=60)}
    Municipality.objects.filter(pk=municipality.pk).update(**details)
    municipality.refresh_from_db()
    return municipality, territories


def build_territories(entries=None):
    """Ķekava and its tree (with the invented neighbourhoods); returns ``{slug: Territory}``."""
    entries = entries if entries is not None else load_territories()
    descriptions = {entry["slug"]: DEMO_NEIGHBOURHOOD for entry in DEMO_NEIGHBOURHOODS}
    return build_municipality(
        entries, hosts=["kekava.localhost"], details=KEKAVA_DETAILS, descriptions=descriptions
    )[1]


def _area_of(territory):
    """The slug of the territory's ancestor just below the municipality (its town or parish)."""
    node = territory
    while node.parent_id and node.parent.parent_id:
        node = node.parent
    return node.slug


def build_contact_persons(territories, specs=data.CONTACT_PERSONS):
    """Create the contact persons and give every neighbourhood one; returns them by email."""
    municipality = next(iter(territories.values())).municipality
    people = {}
    by_area = {}
    for spec in specs:
        fields = {key: spec[key] for key in ("name", "position", "phone", "reception_hours")}
        person = ContactPerson.objects.of(municipality).filter(email=spec["email"]).first()
        if person is None:
            person = ContactPerson.objects.create(
                municipality=municipality, email=spec["email"], **fields
            )
        else:
            ContactPerson.objects.filter(pk=person.pk).update(**fields)
        people[spec["email"]] = person
        for area in spec["areas"]:
            by_area[area] = person
    fallback = people[specs[0]["email"]]
    for territory in territories.values():
        if territory.is_neighbourhood:
            person = by_area.get(_area_of(territory), fallback)
            if territory.contact_person_id != person.pk:
                territory.contact_person = person
                territory.save(update_fields=["contact_person"])
    return people


# --- accounts ------------------------------------------------------------------------------


def build_accounts():
    """Create or update the demo accounts with verified primary emails; returns them by email."""
    User = get_user_model()
    users = {}
    for spec in data.ACCOUNTS:
        email = spec["email"]
        fields = {
            "full_name": spec["full_name"],
            "language": "lv",
            "is_active": True,
            "is_staff": spec.get("is_staff", False),
            "is_superuser": spec.get("is_superuser", False),
            "is_evaluator": spec.get("is_evaluator", False),
            "is_council_member": spec.get("is_council_member", False),
        }
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, **fields)
        else:
            for name, value in fields.items():
                setattr(user, name, value)
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.filter(user=user).exclude(email=email).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for slug in spec.get("staff_of", []):
            MunicipalStaff.objects.get_or_create(
                user=user, municipality=Municipality.objects.get(slug=slug)
            )
        users[email] = user
    return users


# --- communities ---------------------------------------------------------------------------


def _community_fields(spec):
    keys = (
        "name",
        "description",
        "founding_motives",
        "legal_form",
        "register_number",
        "contact_name",
        "contact_email",
        "contact_phone",
        "declared_residents",
        "residents_evidence",
    )
    return {key: spec.get(key, "" if key != "declared_residents" else None) for key in keys}


def _write_history(community, steps, users):
    """Walk a new community through its demo history; every step writes a history row."""
    first_status, first_actor, first_days, _ = steps[0]
    first_at = _days_ago(first_days, hour=9)
    change = community.status_changes.create(
        actor=users[first_actor], from_status="", to_status=first_status
    )
    CommunityStatusChange.objects.filter(pk=change.pk).update(at=first_at)
    stamps = {"created_at": first_at, "updated_at": first_at}
    for status, actor, days, reason in steps[1:]:
        when = _days_ago(days, hour=11 + len(stamps) % 5)
        change = move_to(
            community, status, actor=users[actor], reason=reason, stamp=STAMPS.get(status)
        )
        CommunityStatusChange.objects.filter(pk=change.pk).update(at=when)
        if status in STAMPS:
            stamps[STAMPS[status]] = when
        stamps["updated_at"] = when
    Community.objects.filter(pk=community.pk).update(**stamps)


def _add_member(community, user, role, status, days, leader):
    """A membership with its history: the request, then the leader's decision."""
    decided = status != Membership.Status.PENDING
    membership, created = Membership.objects.get_or_create(
        community=community,
        user=user,
        defaults={
            "role": role,
            "status": status,
            "decided_by": leader if decided else None,
            "decided_at": _days_ago(days - 1) if decided else None,
        },
    )
    if not created:
        return membership
    Membership.objects.filter(pk=membership.pk).update(requested_at=_days_ago(days))
    if role == Membership.Role.LEADER:
        return membership  # the person registering a community leads it from the start
    request = membership.changes.create(actor=user, to_status=Membership.Status.PENDING)
    MembershipChange.objects.filter(pk=request.pk).update(at=_days_ago(days))
    if decided:
        decision = membership.changes.create(
            actor=leader, from_status=Membership.Status.PENDING, to_status=status
        )
        MembershipChange.objects.filter(pk=decision.pk).update(at=_days_ago(days - 1))
    return membership


def build_communities(users, territories, specs=data.COMMUNITIES):
    """Create the demo communities in their states with history and members; by slug."""
    municipality = next(iter(territories.values())).municipality
    communities = {}
    for spec in specs:
        fields = _community_fields(spec)
        leader = users[spec["leader"]]
        community = Community.objects.of(municipality).filter(slug=spec["slug"]).first()
        created = community is None
        if created:
            community = Community.objects.create(
                municipality=municipality,
                slug=spec["slug"],
                status=Community.Status.DRAFT,
                created_by=leader,
                **fields,
            )
        else:
            sort_name, search_text = Community.search_fields(fields["name"], fields["description"])
            Community.objects.filter(pk=community.pk).update(
                **fields, sort_name=sort_name, search_text=search_text
            )
            community.refresh_from_db()
        community.neighbourhoods.set([territories[slug] for slug in spec["neighbourhoods"]])
        if created:
            _write_history(community, spec["history"], users)
            community.refresh_from_db()
        first_days = spec["history"][0][2]
        _add_member(
            community,
            leader,
            Membership.Role.LEADER,
            Membership.Status.ACTIVE,
            first_days,
            leader,
        )
        for email, role, status, days in spec.get("members", []):
            _add_member(community, users[email], role, status, days, leader)
        communities[community.slug] = community
    return communities


def build_activity(communities, users, events_by=data.EVENTS, opinions_by=data.OPINIONS):
    """Events and joint opinions of the verified and active communities, keyed on titles."""
    for slug, events in events_by.items():
        community = communities[slug]
        author = community.memberships.filter(role=Membership.Role.LEADER).first()
        for spec in events:
            Event.objects.update_or_create(
                community=community,
                title=spec["title"],
                defaults={
                    "date": _event_date(spec),
                    "place": spec["place"],
                    "kind": spec["kind"],
                    "attendance": spec.get("attendance"),
                    "participation_forms": spec["forms"],
                    "description": spec.get("description", ""),
                    "step_free_venue": spec.get("step_free", False),
                    "created_by": author.user if author else None,
                },
            )
    for slug, opinions in opinions_by.items():
        community = communities[slug]
        author = community.memberships.filter(role=Membership.Role.LEADER).first()
        for spec in opinions:
            JointOpinion.objects.update_or_create(
                community=community,
                title=spec["title"],
                defaults={
                    "sent_on": timezone.localdate() + timedelta(days=spec["days"]),
                    "addressee": spec["addressee"],
                    "summary": spec["summary"],
                    "created_by": author.user if author else None,
                },
            )


# --- everything ----------------------------------------------------------------------------


def counts():
    return {
        "municipalities": Municipality.objects.count(),
        "territories": Territory.objects.count(),
        "neighbourhoods": Territory.objects.neighbourhoods().count(),
        "contact persons": ContactPerson.objects.count(),
        "demo accounts": get_user_model()
        .objects.filter(email__in=[spec["email"] for spec in data.ACCOUNTS])
        .count(),
        "communities": Community.objects.count(),
        "memberships": Membership.objects.count(),
        "community status changes": CommunityStatusChange.objects.count(),
        "events": Event.objects.count(),
        "joint opinions": JointOpinion.objects.count(),
    }


def build_riga():
    return build_municipality(
        read_entries(RIGA_FILE), hosts=["riga.localhost"], details=riga.DETAILS
    )[1]


@transaction.atomic
def build_all(*, with_accounts=True):
    """Build the whole demo; without accounts only territories, settings and contacts."""
    kekava = build_territories()
    riga_territories = build_riga()
    build_contact_persons(kekava)
    build_contact_persons(riga_territories, riga.CONTACT_PERSONS)
    if with_accounts:
        users = build_accounts()
        communities = build_communities(users, kekava)
        build_activity(communities, users)
        communities = build_communities(users, riga_territories, riga.COMMUNITIES)
        build_activity(communities, users, riga.EVENTS, riga.OPINIONS)
    return counts()
