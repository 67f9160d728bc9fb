"""Personal data, whole (issue 25, item 5): "Your data" holds what the portal keeps about the
person in every app, and a relation to the user that is neither exported nor left out with a
reason fails; the privacy notice covers every app, names the services outside the portal and
the retention periods, and is linked from every form that asks for personal data; deleting an
account covers the new apps the same way."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from communities.models import Community, Membership, StoryQuestion
from consultations.models import NeighbourhoodFollow, ProblemReport, Submission
from councils.models import Attendance, ReviewComment
from front import personal_data as whole
from front.views.privacy import SECTIONS, personal_data
from grants.models import Question
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.consultations.factories import ConsultationFactory
from tests.councils.factories import MeetingFactory, seat_for
from tests.grants.factories import RoundFactory
from tests.portal.factories import NeighbourhoodFactory, UserFactory
from tests.portal.test_gdpr_account_deletion import everything_stored
from tests.practice.factories import PNG, StoryFactory

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Ilze Visur", "ilze.visur@example.lv"


def relations_to_the_user():
    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is user_model:
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_relation_to_a_person_is_exported_or_left_out_with_a_reason():
    exported = whole.exported_relations()
    missing = sorted(relations_to_the_user() - set(exported) - set(whole.LEFT_OUT))
    assert not missing, f"neither in 'Your data' nor in LEFT_OUT with a reason: {missing}"
    assert all(len(reason) > 40 for reason in whole.LEFT_OUT.values())
    assert not set(exported) & set(whole.LEFT_OUT)


def test_nothing_is_listed_that_is_no_relation_to_a_person():
    listed = set(whole.exported_relations()) | set(whole.LEFT_OUT)
    assert listed <= relations_to_the_user()
    assert set(whole.exported_relations().values()) <= set(SECTIONS)


def test_every_section_reads_for_a_person_with_nothing(client):
    person = UserFactory()
    data = personal_data(person)
    assert set(data) == {"downloaded_at", *SECTIONS}
    client.force_login(person)
    page = client.get(reverse("my-data")).content.decode()
    for section in whole.SECTIONS:
        assert str(section.title) in page


def a_person_in_every_app(client):
    """Ilze reports a problem with a photo and a point, follows her neighbourhood, submits an
    opinion, asks a story's authors and a grant round, signs in, and sits on a council."""
    person = UserFactory(full_name=NAME, email=EMAIL)
    EmailAddress.objects.create(user=person, email=EMAIL, verified=True, primary=True)
    area = NeighbourhoodFactory(name="Upmalas apkaime")
    client.post(reverse("account_login"), {"login": EMAIL, "password": "wrong-password-1"})
    client.force_login(person)
    reported = client.post(
        reverse("problems:report-create"),
        {
            "neighbourhood": area.pk,
            "category": "road",
            "title": "Bedre Upmalas ielā",
            "description": "Dziļa bedre pie mājas Nr. 4.",
            "address": "Upmalas iela 4",
            "latitude": "56.812345",
            "longitude": "24.234567",
            "photo": SimpleUploadedFile("bedre.png", PNG, content_type="image/png"),
        },
    )
    assert reported.status_code == 302
    followed = client.post(reverse("consultations:following"), {"territories": [area.pk]})
    assert followed.status_code == 302
    consultation = ConsultationFactory(title="Upmalas parka pārbūve")
    submitted = client.post(
        reverse("consultations:submission-create", args=[consultation.slug]),
        {"text": "Lūdzu saglabāt vecos ozolus.", "show_name": "on"},
    )
    assert submitted.status_code == 302, submitted.context["form"].errors
    story = StoryFactory(title="Upmalas talka")
    asked = client.post(
        reverse("practice:story-ask", args=[story.pk]), {"message": "Kā jūs sarunājāt ar mežu?"}
    )
    assert asked.status_code == 302
    grant_round = RoundFactory(title="Apkaimju kārta 2027")
    client.post(
        reverse("grants:question-ask", args=[grant_round.slug]),
        {"text": "Vai drīkst pieteikt soliņus?"},
    )
    assert Question.objects.filter(asked_by=person).exists()
    return person


def test_your_data_holds_what_a_person_did_in_every_app(client):
    person = a_person_in_every_app(client)
    seat_for(person)
    meeting = MeetingFactory()
    Attendance.objects.create(meeting=meeting, member=person, attends=True)

    download = json.loads(client.get(reverse("my-data"), {"format": "json"}).content)
    page = client.get(reverse("my-data")).content.decode()

    [problem] = download["problems_reported"]
    assert problem["title"] == "Bedre Upmalas ielā"
    assert (problem["latitude"], problem["longitude"]) == ("56.812345", "24.234567")
    assert problem["address"] == "Upmalas iela 4" and problem["photo"]
    assert [f["territory"] for f in download["neighbourhoods_followed"]] == ["Upmalas apkaime"]
    [opinion] = download["consultation_opinions"]
    assert opinion["text"] == "Lūdzu saglabāt vecos ozolus." and opinion["show_name"] is True
    assert opinion["consultation"] == "Upmalas parka pārbūve"
    [question] = download["questions_to_story_authors"]
    assert question["message"] == "Kā jūs sarunājāt ar mežu?" and question["story"]
    assert [q["text"] for q in download["grant_questions"]] == ["Vai drīkst pieteikt soliņus?"]
    assert len(download["council_seats"]) == 1
    assert download["council_meeting_attendance"][0]["attends"] is True
    kinds = {event["kind"] for event in download["security_events"]}
    assert len(kinds) >= 2  # the failed sign-in naming her address, and her sign-in
    assert any(event["client_ip"] for event in download["security_events"])
    # The page counts each section and lists one at a time.
    for key, text in (
        ("problems_reported", "Bedre Upmalas ielā"),
        ("consultation_opinions", "Lūdzu saglabāt vecos ozolus."),
        ("questions_to_story_authors", "Kā jūs sarunājāt"),
    ):
        assert text not in page
        assert f'href="?section={key}#{key}"' in page
        assert text in client.get(reverse("my-data"), {"section": key}).content.decode()
    # Her part in records kept for others: the history rows her actions wrote.
    assert sum(row["count"] for row in download["part_in_records"]) >= 2  # report, opinion
    # Nobody else's.
    other = Client()
    other.force_login(UserFactory())
    theirs = json.loads(other.get(reverse("my-data"), {"format": "json"}).content)
    assert theirs["problems_reported"] == theirs["consultation_opinions"] == []


def test_deleting_the_account_covers_every_app(client, password):
    person = a_person_in_every_app(client)
    person.set_password(password)
    person.save()
    client.force_login(person)  # a new password ends the other sessions
    led = CommunityFactory(status=Community.Status.ACTIVE)
    MembershipFactory(community=led, user=UserFactory(), role=Membership.Role.LEADER)
    MembershipFactory(community=led, user=person)
    assert EMAIL in everything_stored() and NAME.lower() in everything_stored()

    confirmation = client.get(reverse("account-delete"), HTTP_ACCEPT_LANGUAGE="en")
    assert "problem reports" in confirmation.content.decode() or "problēmu" in (
        confirmation.content.decode()
    )
    response = client.post(reverse("account-delete"), {"password": password})

    assert response.status_code == 302, response.context["refusals"]
    assert response["Location"] == reverse("home")
    stored = everything_stored()
    leaks = [line[:300] for line in stored.split("\n") if EMAIL in line or NAME.lower() in line]
    assert not leaks
    # Only theirs: gone.
    assert not NeighbourhoodFollow.objects.exists()
    assert not StoryQuestion.objects.exists()
    # The municipality's records: kept, without the person.
    report = ProblemReport.objects.get()
    assert report.reporter is None and report.title == "Bedre Upmalas ielā"
    opinion = Submission.objects.get()
    assert opinion.author is None and opinion.public_author() is None
    assert Question.objects.get().asked_by is None
    feedback = Client().get(reverse("consultations:feedback", args=[opinion.consultation.slug]))
    assert NAME not in feedback.content.decode()


def test_a_council_member_keeps_the_record_and_is_told_why(client, password):
    person = UserFactory(full_name=NAME)
    person.set_password(password)
    person.save()
    ReviewComment.objects.create(
        item=MeetingFactory().items.create(number=1, title="Budžets"), author=person, text="Jā."
    )
    seat_for(person)
    client.force_login(person)

    response = client.post(reverse("account-delete"), {"password": password})

    assert response.status_code == 200 and response.context["refusals"]
    assert get_user_model().objects.filter(pk=person.pk).exists()


# The privacy notice --------------------------------------------------------------------


def test_the_notice_covers_every_app_third_parties_and_retention(client, settings):
    settings.PORTAL_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.PORTAL_SECURITY_IP_RETENTION_DAYS = 21
    settings.PORTAL_DELIVERY_LOG_RETENTION_DAYS = 400
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "smtp.pasts.example.lv"
    page = client.get(reverse("privacy"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    for app in ("account", "communities", "practice", "consultations", "problems", "grants"):
        assert f'id="privacy-{app}"' in page
    assert 'id="privacy-councils"' in page and 'id="privacy-messages"' in page
    assert "tiles.example.org" in page and "smtp.pasts.example.lv" in page
    assert "21 dienu" in page or "21 day" in page
    assert "400 dienas" in page or "400 days" in page

    settings.PORTAL_MAP_TILE_URL = ""
    settings.EMAIL_HOST = "localhost"
    without = client.get(reverse("privacy")).content.decode()
    assert "tiles.example.org" not in without
    assert "Portāls neizmanto pakalpojumus ārpus sevis" in without


def test_the_default_tile_server_is_named(client):
    assert "tile.openstreetmap.org" in client.get(reverse("privacy")).content.decode()


def links_beside_the_footer(page):
    """How often the page links to the notice besides the footer's link."""
    return page.count(f'href="{reverse("privacy")}"') - 1


def test_every_form_that_asks_for_personal_data_links_to_the_notice(client):
    person = UserFactory()
    community = CommunityFactory(status=Community.Status.ACTIVE)
    led = CommunityFactory(status=Community.Status.ACTIVE)
    MembershipFactory(community=led, user=person, role=Membership.Role.LEADER)
    consultation = ConsultationFactory()
    story = StoryFactory()
    grant_round = RoundFactory()
    assert links_beside_the_footer(client.get(reverse("account_signup")).content.decode()) == 1
    client.force_login(person)
    pages = [
        reverse("profile"),
        reverse("communities:community-register"),
        reverse("communities:membership-request", args=[community.slug]),
        reverse("consultations:submission-create", args=[consultation.slug]),
        reverse("consultations:following"),
        reverse("problems:report-create"),
        reverse("practice:story-ask", args=[story.pk]),
        reverse("practice:story-create", args=[led.slug]),
        reverse("grants:round-detail", args=[grant_round.slug]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert links_beside_the_footer(response.content.decode()) >= 1, url


def test_your_data_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    person = a_person_in_every_app(client)
    first = person.problem_reports.get()
    for number in range(5):
        ProblemReport.objects.create(
            municipality=first.municipality,
            neighbourhood=first.neighbourhood,
            category="road",
            title=f"Bedre {number}",
            description="Bedre.",
            reporter=person,
            due_on=first.due_on,
        )
    shown = {}
    for section in ("", "problems_reported"):
        with django_assert_max_num_queries(15):
            page = client.get(reverse("my-data"), {"section": section})
        assert page.status_code == 200
        shown[section] = page.content.decode()
    assert "6 ieraksti" in shown[""] and "Bedre 4" not in shown[""]
    assert "Bedre 4" in shown["problems_reported"]
    with django_assert_max_num_queries(40):
        download = client.get(reverse("my-data"), {"format": "json"})
    assert len(json.loads(download.content)["problems_reported"]) == 6
