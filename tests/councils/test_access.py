"""Role × page of the councils, over HTTP; a term that ended keeps no access (also by
direct URL); nothing of one municipality on another's host. ``ok``: the page answers (200,
or a redirect not to the login page); ``login``: an anonymous visitor is sent to sign in;
``403``/``404``: refused, or not found at all."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councils.models import Election, Meeting, Recommendation
from tests.access import Walk, people_for
from tests.communities.factories import CommunityFactory
from tests.consultations.factories import SubmissionFactory, closed
from tests.councils.factories import CouncilFactory, MeetingFactory, default_council, seat_for
from tests.portal.factories import MunicipalityFactory, UserFactory
from tests.roles import ROLES

pytestmark = pytest.mark.django_db
STAFF = {"staff", "admin"}
PAPERS = STAFF | {"council"}
SIGNED_IN = set(ROLES) - {"anonymous"}
# Administrators act as staff of every municipality; they hold no seat. Pages checked
# without an object (nominating) give them Django's superuser pass.
TODAY = timezone.localdate()

# (name, method, url name, which meeting, data, allowed, what the others get)
CASES = [
    ("list", "get", "council-list", None, None, set(ROLES), None),
    ("council page", "get", "council-detail", None, None, set(ROLES), None),
    ("new council", "get", "council-create", None, None, STAFF, None),
    ("settings", "get", "council-edit", None, None, STAFF, None),
    ("open nominations", "get", "nominations-open", None, None, STAFF, None),
    ("nominate", "get", "nominate", None, None, {"leader"}, None),  # leaders of communities here
    ("new meeting", "get", "meeting-create", None, None, STAFF, None),
    ("meeting page", "get", "meeting-detail", "published", None, set(ROLES), None),
    ("draft meeting", "get", "meeting-detail", "draft", None, PAPERS, "404"),
    ("publish", "post", "meeting-publish", "draft", {}, STAFF, "404"),
    ("add item", "get", "item-add", "published", None, STAFF, None),
    ("change item", "get", "item-edit", "published", None, STAFF, None),
    ("presence", "get", "presence", "published", None, STAFF, None),
    ("attendance", "post", "attendance", "published", {"attends": "yes"}, {"council"}, None),
    ("minutes", "get", "minutes", "published", None, STAFF, None),
    ("review", "get", "review", "published", None, PAPERS, None),
    ("comment", "post", "review", "published", {"text": "Jā."}, {"council"}, None),
    ("recommendation", "get", "recommendation", "published", None, STAFF, None),
    ("answer", "get", "answer", "published", None, STAFF, None),
    ("end a term", "get", "term-end", "term", None, STAFF, None),
    ("call an election", "get", "election-create", None, None, STAFF, None),
    ("election", "get", "election-detail", "election", None, set(ROLES), None),
    ("stand", "get", "stand", "election", None, SIGNED_IN, None),
    ("publish results", "post", "election-publish", "election", {}, STAFF, None),
    ("draw lots", "post", "election-lots", "election", {}, STAFF, None),
]


def _expect(allowed, role, hidden_as=None):
    if role in allowed:
        return "ok"
    if hidden_as == "404" and role not in PAPERS:  # a draft: found only by those who see it
        return "404"
    return "login" if role == "anonymous" else "403"


def declared():
    """The (role, page, expected answer) triples the matrix of this module checks."""
    return [(role, case[0], _expect(case[5], role, case[6])) for case in CASES for role in ROLES]


def test_role_may_only_do_what_it_is_allowed(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    community = CommunityFactory(status="active")
    council = default_council()
    council.nomination_periods.create(opens_on=TODAY, closes_on=TODAY)
    meetings = {
        "published": MeetingFactory(council=council),
        "draft": MeetingFactory(council=council, status=Meeting.Status.DRAFT),
    }
    meetings["election"] = Election.objects.create(
        council=council, stand_until=TODAY, votes_from=TODAY, votes_until=TODAY
    )
    item = meetings["published"].items.create(number=1, title="Apspriešana", consultation=closed())
    Recommendation.objects.create(item=item, text="Ieteikums.")
    term = seat_for(UserFactory(), council)
    people = people_for(ROLES, community)
    walk = Walk()
    for name, method, url_name, which, data, allowed, hidden_as in CASES:
        kwargs = (
            {"slug": council.slug} if url_name not in {"council-list", "council-create"} else {}
        )
        if which == "term":
            kwargs["pk"] = term.pk
        elif which:
            kwargs["pk"] = meetings[which].pk
        if url_name in {"review", "recommendation", "answer", "item-edit"}:
            kwargs["item"] = item.pk
        url = reverse(f"councils:{url_name}", kwargs=kwargs)
        for role in ROLES:
            expected = _expect(allowed, role, hidden_as)
            walk.ask(name, role, people[role], expected, url, method=method, data=data)
    walk.assert_all()


def test_a_former_member_keeps_no_access_to_the_papers(client):
    council = default_council()
    meeting = MeetingFactory(council=council)
    draft = MeetingFactory(council=council, status=Meeting.Status.DRAFT)
    item = meeting.items.create(number=1, title="Apspriešana", consultation=closed())
    SubmissionFactory(consultation=item.consultation)
    former = UserFactory()
    seat_for(
        former,
        council,
        starts_on=TODAY - datetime.timedelta(days=800),
        ends_on=TODAY - datetime.timedelta(days=1),
    )
    review = reverse(
        "councils:review", kwargs={"slug": council.slug, "pk": meeting.pk, "item": item.pk}
    )
    client.force_login(former)
    assert client.get(review).status_code == 403
    assert client.post(review, {"text": "Vēl viens komentārs."}).status_code == 403
    assert client.get(draft.get_absolute_url()).status_code == 404
    # The same person, sitting again: the papers open.
    seat_for(former, council)
    assert client.get(review).status_code == 200


def test_a_member_of_another_council_does_not_see_these_papers(client):
    meeting = MeetingFactory(council=CouncilFactory())
    item = meeting.items.create(number=1, title="Apspriešana", consultation=closed())
    client.force_login(UserFactory(is_council_member=True))  # sits on the default council
    url = reverse(
        "councils:review",
        kwargs={"slug": meeting.council.slug, "pk": meeting.pk, "item": item.pk},
    )
    assert client.get(url).status_code == 403


def test_nothing_of_another_municipality_is_found_on_this_host(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    beta = MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])
    theirs = CouncilFactory(municipality=beta, name="Beta padome", slug="kopiga")
    CouncilFactory(name="Alfa padome", slug="kopiga-alfa")
    meeting = MeetingFactory(council=theirs)
    item = meeting.items.create(number=1, title="Beta jautājums")
    member = UserFactory()
    seat_for(member, theirs)
    for person in (None, UserFactory(is_municipal_staff=True), member):
        client = Client()
        if person:
            client.force_login(person)
        assert "Beta padome" not in client.get(reverse("councils:council-list")).content.decode()
        for name, kwargs in [
            ("council-detail", {"slug": theirs.slug}),
            ("meeting-detail", {"slug": theirs.slug, "pk": meeting.pk}),
            ("review", {"slug": theirs.slug, "pk": meeting.pk, "item": item.pk}),
        ]:
            response = client.get(reverse(f"councils:{name}", kwargs=kwargs))
            assert response.status_code == 404, (name, response.status_code)
    client = Client(HTTP_HOST="beta.test")
    client.force_login(member)
    url = reverse(
        "councils:review", kwargs={"slug": theirs.slug, "pk": meeting.pk, "item": item.pk}
    )
    assert client.get(url).status_code == 200


def test_staff_end_a_term_and_the_papers_close_at_once(client, staff):
    council = default_council()
    meeting = MeetingFactory(council=council)
    item = meeting.items.create(number=1, title="Apspriešana", consultation=closed())
    member = UserFactory()
    term = seat_for(member, council)
    client.force_login(staff)
    response = client.post(
        reverse("councils:term-end", kwargs={"slug": council.slug, "pk": term.pk}),
        {"ends_on": TODAY - datetime.timedelta(days=1), "reason": "Pārcēlās uz citu novadu."},
    )
    assert response.status_code == 302
    client.force_login(member)
    review = reverse(
        "councils:review", kwargs={"slug": council.slug, "pk": meeting.pk, "item": item.pk}
    )
    assert client.get(review).status_code == 403
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Pārcēlās uz citu novadu." in page
