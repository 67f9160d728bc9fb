"""The public pages of consultations, grants and councils: what anonymous visitors see is
cached (``AnonymousCachedMixin``), and any change of the apps' rows shows at once
(``follow_app``: saves, deletes and lifecycle moves)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from consultations.models import Consultation
from councils.models import Council
from grants.models import Round
from portal.history import move_to
from tests.consultations.factories import ConsultationFactory, SubmissionFactory
from tests.councils.factories import CouncilFactory, MeetingFactory
from tests.grants.factories import RoundFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def visit(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return len(captured), html[html.index("<main") : html.index("</main>")]


def pages():
    consultation = ConsultationFactory(title="Parka apspriešana")
    SubmissionFactory(consultation=consultation, text="Pirmais viedoklis par parku.")
    round_ = RoundFactory(title="Pavasara kārta")
    council = CouncilFactory(name="Apkaimju padome")
    MeetingFactory(council=council)
    return {
        "consultation list": reverse("consultations:consultation-list"),
        "feedback page": reverse("consultations:feedback", args=[consultation.slug]),
        "participation index": reverse("participation"),
        "grant rounds": reverse("grants:round-list"),
        "round page": round_.get_absolute_url(),
        "council page": council.get_absolute_url(),
    }


def test_a_second_anonymous_visit_is_served_from_the_cache(client):
    for name, url in pages().items():
        first, page = visit(client, url)
        again, cached = visit(client, url)
        # What is left: the object the address names and its permission check.
        assert again <= 2 and again < first, (name, first, again)
        assert cached == page, name


def test_signed_in_people_get_the_page_rendered_for_them(client):
    url = pages()["consultation list"]
    visit(client, url)
    client.force_login(UserFactory())
    queries, html = visit(client, url)
    assert queries > 2
    assert reverse("consultations:submission-mine") in html  # their own links


def test_a_change_of_each_app_shows_at_once(client, django_capture_on_commit_callbacks):
    urls = pages()
    for url in urls.values():
        visit(client, url)  # cached now
    consultation = Consultation.objects.get(title="Parka apspriešana")
    round_ = Round.objects.get(title="Pavasara kārta")
    council = Council.objects.get(name="Apkaimju padome")

    with django_capture_on_commit_callbacks(execute=True):
        consultation.title = "Parka un laukuma apspriešana"
        consultation.save()
    for name in ("consultation list", "participation index"):
        assert "Parka un laukuma apspriešana" in visit(client, urls[name])[1], name

    with django_capture_on_commit_callbacks(execute=True):
        SubmissionFactory(consultation=consultation, text="Otrais viedoklis par laukumu.")
    assert "Otrais viedoklis par laukumu." in visit(client, urls["feedback page"])[1]

    with django_capture_on_commit_callbacks(execute=True):
        round_.title = "Rudens kārta"
        round_.save()
    assert "Rudens kārta" in visit(client, urls["grant rounds"])[1]
    assert "Rudens kārta" in visit(client, urls["round page"])[1]

    with django_capture_on_commit_callbacks(execute=True):
        council.name = "Apkaimju konsultatīvā padome"
        council.save()
    assert "Apkaimju konsultatīvā padome" in visit(client, urls["council page"])[1]


def test_a_lifecycle_move_shows_at_once(client, django_capture_on_commit_callbacks):
    staff = UserFactory(is_municipal_staff=True)
    round_ = RoundFactory(title="Jaunā kārta", status=Round.Status.DRAFT, published_at=None)
    url = reverse("grants:round-list")
    assert "Jaunā kārta" not in visit(client, url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        move_to(round_, Round.Status.OPEN, actor=staff)  # an update(), not a save()
    assert "Jaunā kārta" in visit(client, url)[1]


def test_a_round_stops_saying_it_is_open_when_its_deadline_passes(client):
    round_ = RoundFactory(deadline=timezone.now() + datetime.timedelta(hours=1))
    sign_in_to_apply = "Piesakieties portālā, lai iesniegtu pieteikumu"
    assert sign_in_to_apply in visit(client, round_.get_absolute_url())[1]
    with freeze_time(timezone.now() + datetime.timedelta(hours=2)):
        assert sign_in_to_apply not in visit(client, round_.get_absolute_url())[1]


def test_council_members_share_the_cached_papers_each_with_their_own_csrf_token(
    django_capture_on_commit_callbacks,
):
    import re

    from django.test import Client

    from councils.models import ReviewComment
    from tests.consultations.factories import closed
    from tests.councils.factories import seat_for

    meeting = MeetingFactory()
    item = meeting.items.create(number=1, title="Apspriešana", consultation=closed())
    submission = SubmissionFactory(consultation=item.consultation)
    first, second = UserFactory(), UserFactory()
    seat_for(first, meeting.council)
    seat_for(second, meeting.council)
    url = reverse(
        "councils:review", kwargs={"slug": meeting.council.slug, "pk": meeting.pk, "item": item.pk}
    )
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(first)
    reader.get(url)  # cached now
    writer = Client(enforce_csrf_checks=True)
    writer.force_login(second)
    queries, html = visit(writer, url)
    assert queries <= 8  # from the cache: the session, the person, the meeting's checks
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = writer.post(
            url,
            {"text": "Jāņem vērā.", "submission": submission.pk, "csrfmiddlewaretoken": token},
        )
    assert response.status_code == 302
    assert ReviewComment.objects.get().author == second
    assert "Jāņem vērā." in visit(reader, url)[1]


def test_staff_share_the_cached_application_page_and_its_leaders_get_their_own(
    client, django_capture_on_commit_callbacks
):
    from allauth.mfa.models import Authenticator
    from django.test import Client

    from tests.communities.factories import CommunityFactory
    from tests.grants.factories import ApplicationFactory

    leader = UserFactory()
    community = CommunityFactory(leader=leader)
    application = ApplicationFactory(title="Soliņi parkā", status="draft", community=community)
    url = reverse("grants:application-detail", args=[application.round.slug, application.pk])
    staff = UserFactory(is_municipal_staff=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    client.force_login(staff)
    first, page = visit(client, url)
    again, cached = visit(client, url)
    assert again < first and cached == page
    edit = reverse("grants:application-edit", args=[application.round.slug, application.pk])
    assert edit not in cached

    applicant = Client()
    applicant.force_login(leader)
    assert edit in visit(applicant, url)[1]  # rendered for the leader, not the staff's copy

    with django_capture_on_commit_callbacks(execute=True):
        application.title = "Soliņi un galdi parkā"
        application.save()
    assert "Soliņi un galdi parkā" in visit(client, url)[1]


def test_staff_get_the_cached_application_list_before_the_round_is_loaded_others_do_not(client):
    from allauth.mfa.models import Authenticator
    from django.test import Client

    from tests.grants.factories import ApplicationFactory
    from tests.portal.factories import MunicipalityFactory

    application = ApplicationFactory(title="Galdi parkā")
    url = reverse("grants:application-list", args=[application.round.slug])
    staff = UserFactory(is_municipal_staff=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    client.force_login(staff)
    visit(client, url)
    again, cached = visit(client, url)
    assert again <= 3 and "Galdi parkā" in cached  # the session, the person, their roles

    elsewhere = UserFactory(staff_of=MunicipalityFactory())
    Authenticator.objects.create(user=elsewhere, type=Authenticator.Type.TOTP, data={})
    for other in (elsewhere, UserFactory()):
        refused = Client()
        refused.force_login(other)
        assert refused.get(url).status_code == 403


def test_the_cached_application_page_of_staff_tells_when_the_deadline_has_passed(client):
    from allauth.mfa.models import Authenticator

    from tests.grants.factories import ApplicationFactory

    round_ = RoundFactory(deadline=timezone.now() + datetime.timedelta(minutes=1))
    application = ApplicationFactory(round=round_, status="draft")
    url = reverse("grants:application-detail", args=[round_.slug, application.pk])
    staff = UserFactory(is_municipal_staff=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    client.force_login(staff)
    passed = "Iesniegšanas termiņš ir beidzies"
    assert passed not in visit(client, url)[1]
    assert visit(client, url)[0] <= 4  # from the cache
    with freeze_time(timezone.now() + datetime.timedelta(minutes=2)):
        assert passed in visit(client, url)[1]
