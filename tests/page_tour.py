"""One tour of the portal's pages, shared by the checks that must see every page.

``build_world()`` makes a municipality's worth of rows with long names, emails and errors
(the words that break narrow layouts), and ``tour(world)`` lists each page the browser and
HTTP tests visit, as the role that sees the most of it, on its host. The markup check
(tests/test_valid_html.py) fetches them with the Django test client, the reflow check
(tests/browser/test_reflow.py) opens them in chromium at 320 CSS pixels.
"""

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile

from communities.models import Community, CommunityChangeRequest, Membership
from portal.models import Report, SecurityEvent
from portal.outbox.tokens import make_token
from tests.communities.factories import (
    CommunityFactory,
    EventFactory,
    JointOpinionFactory,
    MembershipFactory,
)
from tests.consultations import tour as consultation_tour
from tests.councils import tour as council_tour
from tests.grants.tour import build_grants, grants_pages
from tests.mfa import enable_totp
from tests.portal.factories import (
    ContactPersonFactory,
    NeighbourhoodFactory,
    ParishFactory,
    UserFactory,
    default_municipality,
    failed_message,
)
from tests.practice.tour import build_practice_world, practice_pages

MUNICIPALITY_HOST = "portal.localhost"  # the default test municipality
NATIONAL_HOST = "localhost"  # the installation's own host (PORTAL_NATIONAL_HOSTS)
ROLES = ("anonymous", "resident", "leader", "staff", "evaluator")

LONG_EMAIL = "apkaimju.kontaktpersona.ziemelu.pagastam@kopienu-portals-pasvaldiba.lv"
LONG_WORD = "Pilsētaslielākāsdaļasiedzīvotājukopsapulcesprotokols"


@dataclass(frozen=True)
class Page:
    """A page as someone sees it: ``post`` data, when given, is sent to ``path`` instead."""

    name: str
    role: str
    path: str
    host: str = MUNICIPALITY_HOST
    post: dict = field(default=None, hash=False, compare=False)


def build_world():
    """Rows for every page of the tour; returns the people and the objects the paths need."""
    municipality = default_municipality()
    parish = ParishFactory(parent=municipality.root, name="Ziemeļu pagasts")
    person = ContactPersonFactory(
        name="Anna Kontaktpersona-Bērziņa", email=LONG_EMAIL, phone="+371 67 000 000"
    )
    neighbourhood = NeighbourhoodFactory(
        parent=parish, name="Dārzciema apkaime", contact_person=person
    )
    NeighbourhoodFactory(parent=parish, name="Mežmalas apkaime")  # without a community
    ContactPersonFactory(name="Jānis Bez-Apkaimes")  # serves no neighbourhood yet
    community = CommunityFactory(
        name="Dārzciema un Mežmalas apkaimju iedzīvotāju kopiena",
        neighbourhoods=[neighbourhood],
        description=f"Kaimiņi, kas kopā rīko talkas. {LONG_WORD}.",
        contact_email=LONG_EMAIL,
    )
    submitted = CommunityFactory(
        name="Jaunā kopiena",
        status=Community.Status.SUBMITTED,
        legal_form=Community.LegalForm.ASSOCIATION,
        register_number="40008123456",
        neighbourhoods=[neighbourhood],
        residents_evidence=LONG_WORD,
        contact_email=LONG_EMAIL,
    )
    CommunityChangeRequest.objects.create(  # its leaders ask to change key facts
        community=community,
        data={"name": f"{community.name} {LONG_WORD}", "residents_evidence": LONG_WORD},
    )
    event = EventFactory(community=community, title="Apkaimes iedzīvotāju forums", place=LONG_WORD)
    JointOpinionFactory(community=community)
    leader = UserFactory(full_name="Līga Vanaga-Kalniņa", email=LONG_EMAIL)
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    board = MembershipFactory(community=community, role=Membership.Role.BOARD)
    MembershipFactory(
        community=community, status=Membership.Status.PENDING, message=f"Lūdzu! {LONG_WORD}"
    )
    MembershipFactory(community=submitted, user=leader, role=Membership.Role.LEADER)
    submitted.supporting_document.save("evidence.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    resident = UserFactory()
    staff = UserFactory(is_municipal_staff=True, full_name="Pēteris Ozols")
    enable_totp(staff)  # staff without an authenticator are sent to set one up
    failed_message(
        user=leader,
        last_error=f"SMTPRecipientsRefused: {LONG_EMAIL} {LONG_WORD}",
    )
    SecurityEvent.objects.create(  # a failed sign-in from a long IPv6 address
        kind=SecurityEvent.Kind.LOGIN_FAILED,
        municipality=municipality,
        client_ip="2001:db8:85a3:1234:5678:8a2e:370:7334",
        data={"login": LONG_EMAIL},
    )
    report_data = {"community_id": community.pk, "community_slug": community.slug, "year": 2025}
    waiting_report = Report.objects.create(  # the worker has not made it yet
        municipality=municipality,
        kind="community-annual-activity",
        subject=f"community:{community.pk}:2025",
        content_key="a" * 64,
        data=report_data,
    )
    ready_report = Report.objects.create(
        municipality=municipality,
        kind="community-annual-activity",
        subject=f"community:{community.pk}:2024",
        content_key="b" * 64,
        data={**report_data, "year": 2024},
        status=Report.Status.READY,
        ready_at=datetime.datetime(2026, 1, 5, 10, 30, tzinfo=datetime.UTC),
        file="reports/community-annual-activity/b.pdf",
    )
    consultations = consultation_tour.build(
        leader=leader, community=community, neighbourhood=neighbourhood, staff=staff
    )
    councils = council_tour.build(
        leader=leader,
        community=community,
        staff=staff,
        consultation=consultations["closed"],
        territory=neighbourhood,
    )
    world = {
        "consultations": consultations,
        "councils": councils,
        "reports": (waiting_report, ready_report),
        "people": {"anonymous": None, "resident": resident, "leader": leader, "staff": staff},
        "municipality": municipality,
        "parish": parish,
        "neighbourhood": neighbourhood,
        "community": community,
        "submitted": submitted,
        "event": event,
        "board": board,
    }
    world["practice"] = build_practice_world(world, LONG_WORD)  # good practice (issue 19)
    build_grants(world, LONG_WORD)  # adds the evaluator and the grants' rows
    return world


def tour(world):
    """Every page the browser and HTTP tests visit, in the order a visitor might open them."""
    community = world["community"]
    slug = community.slug
    event, board = world["event"], world["board"]
    token = make_token(world["people"]["leader"].pk, "membership-decided")
    return [
        Page("home", "anonymous", "/lv/"),
        Page("community registry", "anonymous", "/lv/communities/"),
        Page("community registry in English", "anonymous", "/en/communities/"),
        Page("territory list", "anonymous", "/lv/territories/"),
        Page("municipality's page", "anonymous", world["municipality"].root.get_absolute_url()),
        Page("parish page", "anonymous", world["parish"].get_absolute_url()),
        Page("neighbourhood page", "anonymous", world["neighbourhood"].get_absolute_url()),
        Page("community page", "anonymous", community.get_absolute_url()),
        Page("accessibility statement", "anonymous", "/lv/accessibility/"),
        Page("privacy notice", "anonymous", "/lv/privacy/"),
        Page("sign in", "anonymous", "/accounts/login/"),
        Page("create an account", "anonymous", "/accounts/signup/"),
        Page("password reset", "anonymous", "/accounts/password/reset/"),
        Page("unsubscribe", "anonymous", f"/lv/notifications/unsubscribe/{token}/"),
        Page("registration form", "resident", "/lv/communities/register/"),
        Page("request to join", "resident", f"/lv/communities/{slug}/join/"),
        Page(
            "registration form with errors",
            "resident",
            "/lv/communities/register/",
            post={"action": "submit", "legal_form": "association"},
        ),
        Page("community page (leader)", "leader", f"/lv/communities/{slug}/"),
        Page("member list", "leader", f"/lv/communities/{slug}/members/"),
        Page("community profile form", "leader", f"/lv/communities/{slug}/edit/"),
        Page(
            "taking back a change of key facts",
            "leader",
            f"/lv/communities/{slug}/changes/withdraw/",
        ),
        Page(
            "removing the supporting document",
            "leader",
            f"/lv/communities/{world['submitted'].slug}/document/remove/",
        ),
        Page("event form", "leader", f"/lv/communities/{slug}/events/add/"),
        Page("correcting an event", "leader", f"/lv/communities/{slug}/events/{event.pk}/edit/"),
        Page("joint opinion form", "leader", f"/lv/communities/{slug}/opinions/add/"),
        Page("removing an event", "leader", f"/lv/communities/{slug}/events/{event.pk}/delete/"),
        Page("removing a member", "leader", f"/lv/communities/{slug}/members/{board.pk}/remove/"),
        Page("leaving the community", "leader", f"/lv/communities/{slug}/leave/"),
        Page("a report being made", "leader", world["reports"][0].get_absolute_url()),
        Page("a report ready", "leader", world["reports"][1].get_absolute_url()),
        Page("my communities", "leader", "/lv/communities/mine/"),
        Page("profile", "leader", "/lv/profile/"),
        Page("notification preferences", "leader", "/lv/profile/notifications/"),
        Page("your data", "leader", "/lv/profile/data/"),
        Page("deleting the account", "resident", "/lv/profile/delete/"),
        Page("deleting the account, refused", "leader", "/lv/profile/delete/"),
        Page("email addresses", "leader", "/accounts/email/"),
        Page("password change", "leader", "/accounts/password/change/"),
        Page("two-factor authentication", "leader", "/accounts/2fa/"),
        Page("verification queue", "staff", "/lv/communities/verification/"),
        Page("review", "staff", f"/lv/communities/{world['submitted'].slug}/review/"),
        Page("change of key facts", "staff", f"/lv/communities/{slug}/changes/"),
        Page("territory list (staff)", "staff", "/lv/territories/"),
        Page("contact list", "staff", "/lv/territories/contacts/"),
        Page("adding a contact person", "staff", "/lv/territories/contacts/add/"),
        Page(
            "a neighbourhood's contact person",
            "staff",
            f"/lv/territories/{world['neighbourhood'].slug}/contact/",
        ),
        Page("delivery log", "staff", "/lv/notifications/log/"),
        Page("security events", "staff", "/lv/security/"),
        Page("staff dashboard", "staff", "/lv/dashboard/"),
        *consultation_tour.pages(Page, world["consultations"]),
        *grants_pages(world, Page),
        *council_tour.pages(Page, world["councils"]),
        Page("national view", "anonymous", "/lv/", host=NATIONAL_HOST),
        Page("national search", "anonymous", "/lv/communities/?q=kopiena", host=NATIONAL_HOST),
        *practice_pages(world, Page, NATIONAL_HOST),
    ]
