"""Role × page of the consultations, over HTTP, and nothing of one municipality on another's
host. ``ok``: the page answers (200, or a redirect not to the login page); ``login``: an
anonymous visitor is sent to sign in; ``403``/``404``: refused, or not found at all."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from consultations.models import Consultation
from tests.access import Walk, people_for, status
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.consultations.factories import (
    ConsultationFactory,
    SubmissionFactory,
    answered,
    closed,
)
from tests.portal.factories import MunicipalityFactory, UserFactory
from tests.practice.factories import PNG
from tests.roles import ROLES

pytestmark = pytest.mark.django_db
STAFF = {"staff", "admin"}
SIGNED_IN = set(ROLES) - {"anonymous"}


def _expect(allowed, role, hidden_as=None):
    if role in allowed:
        return "ok"
    if hidden_as == "404!":  # a draft: not found, for anonymous visitors too
        return "404"
    if hidden_as and role != "anonymous":
        return hidden_as
    return "login" if role == "anonymous" else "403"


# (name, method, url name, object, extra kwargs, data, allowed, what others get)
CASES = [
    ("list", "get", "consultation-list", None, {}, None, set(ROLES), None),
    ("open page", "get", "consultation-detail", "open", {}, None, set(ROLES), None),
    ("draft page", "get", "consultation-detail", "draft", {}, None, STAFF, "404!"),
    ("new", "get", "consultation-create", None, {}, None, STAFF, None),
    ("edit", "get", "consultation-edit", "open", {}, None, STAFF, None),
    ("publish", "post", "consultation-move", "draft", {"action": "publish"}, {}, STAFF, "404!"),
    ("complete", "post", "consultation-move", "closed", {"action": "complete"}, {}, STAFF, None),
    ("submit to open", "get", "submission-create", "open", {}, None, SIGNED_IN, None),
    ("submit to closed", "get", "submission-create", "closed", {}, None, set(), None),
    ("submissions", "get", "submission-list", "closed", {}, None, STAFF, None),
    ("answer", "get", "answer", "closed", {"query": "?s={submission}"}, None, STAFF, None),
    ("a submission", "get", "submission-detail", "closed", {"pk": True}, None, STAFF, "404"),
    ("its attachment", "get", "submission-attachment", "closed", {"pk": True}, None, STAFF, None),
    ("extend", "get", "answer-extend", "closed", {"pk": True}, None, STAFF, "404"),
    ("correct", "get", "answer-correct", "closed", {"pk": "answered"}, None, STAFF, "404"),
    ("feedback", "get", "feedback", "closed", {}, None, set(ROLES), None),
    ("overdue", "get", "overdue", None, {}, None, STAFF, None),
    ("following", "get", "following", None, {}, None, SIGNED_IN, None),
    ("mine", "get", "submission-mine", None, {}, None, SIGNED_IN, None),
    ("events calendar", "get", "event-list", None, {}, None, STAFF, None),
    ("event form", "get", "event-create", None, {}, None, STAFF, None),
]


def declared():
    """The (role, page, expected answer) triples the matrices of this module check."""
    triples = [(role, case[0], _expect(case[6], role, case[7])) for case in CASES for role in ROLES]
    triples += [(role, case[0], _expect(case[4], role)) for case in PROBLEM_CASES for role in ROLES]
    triples += [(role, page, 200) for page in PUBLIC_PAGES for role in ROLES]
    return triples


def test_role_may_only_do_what_it_is_allowed(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    community = CommunityFactory()
    objects = {
        "open": ConsultationFactory(),
        "draft": ConsultationFactory(status=Consultation.Status.DRAFT),
        "closed": closed(),
    }
    submission = SubmissionFactory(consultation=objects["closed"])
    submission.attachment.save("a.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    done = answered(SubmissionFactory(consultation=objects["closed"]))
    people = people_for(ROLES, community)
    walk = Walk()
    for name, method, url_name, which, extra, data, allowed, hidden_as in CASES:
        kwargs = {}
        if which:
            kwargs["slug"] = objects[which].slug
        if extra.get("pk"):
            kwargs["pk"] = done.pk if extra["pk"] == "answered" else submission.pk
        if extra.get("action"):
            kwargs["action"] = extra["action"]
        url = reverse(f"consultations:{url_name}", kwargs=kwargs)
        url += extra.get("query", "").format(submission=submission.pk)
        for role in ROLES:
            expected = _expect(allowed, role, hidden_as)
            walk.ask(name, role, people[role], expected, url, method=method, data=data)
    walk.assert_all()


def test_the_submitter_and_the_leaders_of_a_joint_opinion_see_it(client):
    community = CommunityFactory()
    leader, board = UserFactory(), UserFactory()
    MembershipFactory(community=community, user=leader, role="leader")
    MembershipFactory(community=community, user=board, role="board")
    submission = SubmissionFactory(consultation=closed(), author=leader, community=community)
    for person in (leader, board):
        client.force_login(person)
        assert client.get(submission.get_absolute_url()).status_code == 200


# Two municipalities ------------------------------------------------------------------


def test_nothing_of_another_municipality_is_found_on_this_host(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    beta = MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])
    theirs = ConsultationFactory(municipality=beta, title="Beta apspriešana", slug="kopiga")
    ConsultationFactory(title="Alfa apspriešana", slug="kopiga-alfa")
    submission = SubmissionFactory(consultation=theirs)
    answered(submission)
    staff_here = UserFactory(is_municipal_staff=True)
    staff_there = UserFactory(staff_of=beta)
    for person in (None, staff_here, submission.author):
        client = Client()
        if person:
            client.force_login(person)
        listing = client.get(reverse("consultations:consultation-list")).content.decode()
        assert "Beta apspriešana" not in listing
        for name, kwargs in [
            ("consultation-detail", {"slug": theirs.slug}),
            ("feedback", {"slug": theirs.slug}),
            ("submission-detail", {"slug": theirs.slug, "pk": submission.pk}),
            ("submission-list", {"slug": theirs.slug}),
            ("answer-extend", {"slug": theirs.slug, "pk": submission.pk}),
        ]:
            response = client.get(reverse(f"consultations:{name}", kwargs=kwargs))
            assert response.status_code in (404, 302), (name, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("account_login"))
        if person is not None:
            mine = client.get(reverse("consultations:submission-mine"))
            assert submission not in mine.context["submissions"]
            overdue = client.get(reverse("consultations:overdue"))
            if overdue.status_code == 200:
                assert "Beta" not in overdue.content.decode()

    client = Client(HTTP_HOST="beta.test")
    client.force_login(staff_here)
    assert client.get(reverse("consultations:overdue")).status_code == 403
    assert (
        client.get(
            reverse("consultations:submission-list", kwargs={"slug": theirs.slug})
        ).status_code
        == 403
    )
    client.force_login(staff_there)
    assert (
        client.get(
            reverse("consultations:submission-list", kwargs={"slug": theirs.slug})
        ).status_code
        == 200
    )


PROBLEM_CASES = [
    ("reports", "get", "report-list", {}, set(ROLES)),
    ("report form", "get", "report-create", {}, SIGNED_IN),
    ("my reports", "get", "report-mine", {}, SIGNED_IN),
    ("report queue", "get", "report-queue", {}, STAFF),
    ("a report", "get", "report-detail", {"pk": True}, set(ROLES)),
    ("its photo", "get", "report-photo", {"pk": True}, STAFF),
    ("close it", "post", "report-action", {"pk": True, "action": "close"}, STAFF),
]


def test_role_and_problem_reports(settings, municipality):
    from consultations.services.problems import answer_report, report_problem
    from tests.portal.factories import NeighbourhoodFactory

    settings.PORTAL_REQUIRE_STAFF_MFA = False
    staff = UserFactory(is_municipal_staff=True)
    report = report_problem(
        actor=UserFactory(),
        municipality=municipality,
        neighbourhood=NeighbourhoodFactory(),
        category="road",
        title="Bedre",
        description="Bedre.",
        photo=ContentFile(PNG, name="p.png"),
    )
    answer_report(
        actor=staff, report=report, answer="Bedri aizbērs nākamnedēļ, jo tā ir bīstama gājējiem."
    )
    people = people_for(ROLES, CommunityFactory())
    walk = Walk()
    for name, method, url_name, extra, allowed in PROBLEM_CASES:
        kwargs = {key: report.pk if key == "pk" else value for key, value in extra.items()}
        url = reverse(f"problems:{url_name}", kwargs=kwargs)
        for role in ROLES:
            walk.ask(name, role, people[role], _expect(allowed, role), url, method=method)
    walk.assert_all()


PUBLIC_PAGES = ("participation", "participation-calendar")


def test_the_participation_index_and_its_feed_are_public(settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    people = people_for(ROLES, CommunityFactory())
    walk = Walk(judge=status)
    for page in PUBLIC_PAGES:
        for role in ROLES:
            walk.ask(page, role, people[role], 200, reverse(page))
    walk.assert_all()


def test_the_national_view_compares_how_municipalities_answer(client, settings, staff):
    from consultations.services.answers import answer_submissions
    from portal.workdays import working_days_between
    from tests.consultations.factories import EXPLANATION, TODAY

    alfa = MunicipalityFactory(name="Alfa novads", hosts=["alfa.test"])
    beta = MunicipalityFactory(name="Beta novads", hosts=["beta.test"])
    done = closed(municipality=alfa)
    on_time = SubmissionFactory(consultation=done)
    answer_submissions(
        actor=staff, submissions=[on_time], status="accepted", explanation=EXPLANATION
    )
    SubmissionFactory(consultation=closed(municipality=alfa))  # waiting, not yet due
    ConsultationFactory(municipality=beta, title="Beta atvērtā apspriešana", slug="beta-open")

    response = Client(HTTP_HOST="localhost").get("/lv/")

    page = response.content.decode()
    rows = {m.name: m for m in response.context["municipalities"]}
    assert rows["Alfa novads"].record.total == 2
    assert rows["Alfa novads"].record.answered == 1
    assert rows["Alfa novads"].record.median_days == working_days_between(done.closes_on, TODAY)
    assert rows["Alfa novads"].record.late == 0
    assert rows["Beta novads"].record is None
    assert "Beta atvērtā apspriešana" in page
    assert "http://beta.test/lv/consultations/beta-open/" in page


def test_another_municipalitys_events_are_not_found_here(settings):
    from consultations.models import MunicipalEvent

    settings.PORTAL_REQUIRE_STAFF_MFA = False
    beta = MunicipalityFactory(name="Beta novads")
    theirs = MunicipalEvent.objects.create(
        municipality=beta, title="Beta forums", kind="forum", starts_at="2030-01-01T10:00Z"
    )
    client = Client()
    client.force_login(UserFactory(is_municipal_staff=True))
    assert "Beta forums" not in client.get(reverse("consultations:event-list")).content.decode()
    for name in ("event-update", "event-delete"):
        url = reverse(f"consultations:{name}", kwargs={"pk": theirs.pk})
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("consultations:event-delete", kwargs={"pk": theirs.pk})).status_code
        == 404
    )
    assert MunicipalEvent.objects.filter(pk=theirs.pk).exists()
