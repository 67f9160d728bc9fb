"""Build the two demo municipalities, Ķekava and Riga: territories, people, then each app.

The portal's own rows are built here (municipalities, territories, contact persons, demo
accounts); each domain app then builds its demo rows through its services, in order
(``communities.demo``). Every function is idempotent: rows are keyed on slugs, emails and
titles, so running it again updates them in place and never duplicates them. Dates are
relative to today. ``python manage.py seed_demo`` runs ``build_all``.

Demo accounts — for local use only, created only when ``settings.PORTAL_DEMO_ACCOUNTS`` is
True (never in production settings). All of them log in with the password ``demo12345``:

- ``resident@demo.lv`` — a resident, member of Mežinieku kopiena
- ``leader@demo.lv`` — leader of Mežinieku kopiena, of a returned and of a draft registration
- ``staff@demo.lv`` — staff of Ķekava (verifies communities)
- ``evaluator@demo.lv`` — grant evaluator, assigned to Ķekava's open and closed rounds
- ``council@demo.lv`` — council member
- ``admin@demo.lv`` — superuser: Django admin, acts as staff of every municipality
- ``anna.liepa@demo.lv``, ``martins.kalns@demo.lv``, ``inese.berza@demo.lv`` — further
  residents who lead or belong to the other demo communities
- ``riga.staff@demo.lv`` — staff of Riga; ``both.staff@demo.lv`` — staff of both
- ``liga.vanaga@demo.lv``, ``roberts.krumins@demo.lv`` — residents who lead Riga's communities

Hosts in development: ``kekava.localhost`` and ``riga.localhost``; ``localhost`` is the
national view and any other host (``127.0.0.1``) falls back to the first, Ķekava.
"""

from datetime import timedelta
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from communities import demo as communities_demo
from communities.demo import practice as practice_demo
from consultations import demo as consultations_demo
from councils import demo as councils_demo
from grants import demo as grants_demo
from portal import demo as data
from portal.models import ContactPerson, Municipality, MunicipalStaff, Territory
from portal.territory_files import load_municipality, read_entries

DATA_DIR = Path(data.__file__).resolve().parent  # portal/demo/: the territory files
DEMO_PASSWORD = "demo12345"
TERRITORIES_FILE = DATA_DIR / "kekava-territories.yaml"
RIGA_FILE = DATA_DIR / "riga-apkaimes.yaml"
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
        **communities_demo.counts(),
        **practice_demo.counts(),
        **consultations_demo.counts(),
        **grants_demo.counts(),
        **councils_demo.counts(),
    }


def build_riga():
    return build_municipality(
        read_entries(RIGA_FILE), hosts=["riga.localhost"], details=data.RIGA_DETAILS
    )[1]


@transaction.atomic
def build_all(*, with_accounts=True):
    """Build the whole demo; without accounts only territories, settings and contacts."""
    kekava = build_territories()
    riga_territories = build_riga()
    build_contact_persons(kekava)
    build_contact_persons(riga_territories, data.RIGA_CONTACT_PERSONS)
    if with_accounts:
        users = build_accounts()
        for territories in (kekava, riga_territories):
            municipality = next(iter(territories.values())).municipality
            communities_demo.build(municipality, users=users, territories=territories)
            practice_demo.build(municipality, users=users)  # good practice and agreements
            consultations_demo.build(municipality, users=users, territories=territories)
            grants_demo.build(municipality, users=users)
            councils_demo.build(municipality, users=users, territories=territories)
    return counts()
