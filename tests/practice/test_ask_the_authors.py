"""Ask the authors (issue 19, item 3): a question relayed by the outbox as plain text, the
asker's address revealed only with the leaders' reply, a few questions a day per person;
the "glad to share our experience" flag and the list of communities offering it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from communities.models import ExperienceOffer, Story, StoryQuestion
from tests.communities.factories import CommunityFactory
from tests.practice.factories import StoryFactory

pytestmark = pytest.mark.django_db

SPAM = '<a href="https://spam.example/">Laimē!</a> https://spam.example/?a=1&b=2'


def ask(client, story, message):
    return client.post(reverse("practice:story-ask", args=[story.pk]), {"message": message})


def test_a_question_reaches_the_leaders_as_plain_text_without_the_askers_address(
    client,
    resident,
    leader,
    board_member,
    community,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    story = StoryFactory(community=community)
    client.force_login(resident)
    assert client.get(reverse("practice:story-ask", args=[story.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, story, f"Kā jūs to izdarījāt? {SPAM}")
    assert response.status_code == 302

    assert sorted(m.to[0] for m in mailoutbox) == sorted([leader.email, board_member.email])
    email = mailoutbox[0]
    assert email.alternatives == [] and email.content_subtype == "plain"
    assert SPAM in email.body  # as typed: not escaped, not made a link
    assert resident.email not in email.body
    question = StoryQuestion.objects.get()

    client.force_login(leader)
    page = client.get(reverse("practice:question-reply", args=[question.pk])).content.decode()
    assert resident.email not in page
    assert '<a href="https://spam.example/">' not in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("practice:question-reply", args=[question.pk]), {"reply": "Ar talku!"})
    answer = mailoutbox[-1]
    assert answer.to == [resident.email]
    assert "Ar talku!" in answer.body and leader.email in answer.body
    page = client.get(reverse("practice:question-reply", args=[question.pk])).content.decode()
    assert resident.email in page  # revealed once the leaders replied


def test_a_few_questions_a_day_per_person(client, resident, settings):
    settings.PORTAL_STORY_QUESTIONS_PER_DAY = 2
    stories = StoryFactory.create_batch(3)
    client.force_login(resident)
    ask(client, stories[0], "Viens")
    ask(client, stories[1], "Divi")
    refused = ask(client, stories[2], "Trīs")
    assert refused.status_code == 200
    assert StoryQuestion.objects.count() == 2
    with freeze_time(timezone.now() + datetime.timedelta(hours=25)):
        client.force_login(resident)
        assert ask(client, stories[2], "Trīs").status_code == 302
    assert StoryQuestion.objects.count() == 3


def test_only_published_stories_take_questions_and_not_from_their_own_leaders(
    client, resident, leader, community
):
    draft = StoryFactory(status=Story.Status.SUBMITTED)
    client.force_login(resident)
    assert ask(client, draft, "?").status_code == 404
    own = StoryFactory(community=community)
    client.force_login(leader)
    assert ask(client, own, "?").status_code == 403
    client.logout()
    assert ask(client, own, "?").status_code == 302  # to the login page
    assert not StoryQuestion.objects.exists()


def test_only_the_storys_leaders_open_its_questions(client, resident, member, community):
    story = StoryFactory(community=community)
    question = StoryQuestion.objects.create(story=story, asker=resident, message="?")
    for person in (resident, member):
        client.force_login(person)
        response = client.get(reverse("practice:question-reply", args=[question.pk]))
        assert response.status_code == 403


def test_leaders_offer_their_experience_and_residents_find_them(client, leader, community):
    other = CommunityFactory(name="Kopiena bez piedāvājuma")
    client.force_login(leader)
    client.post(
        reverse("practice:experience-offer", args=[community.slug]),
        {"offer": "on", "note": "Talku rīkošana"},
    )
    assert ExperienceOffer.objects.get().community == community
    client.logout()
    page = client.get(community.get_absolute_url()).content.decode()
    assert "Talku rīkošana" in page
    sharing = client.get(reverse("practice:sharing")).content.decode()
    assert community.name in sharing and other.name not in sharing

    client.force_login(leader)
    client.post(reverse("practice:experience-offer", args=[community.slug]), {"note": ""})
    assert not ExperienceOffer.objects.exists()


def test_the_registry_finds_the_communities_glad_to_share(client, community):
    other = CommunityFactory(name="Kopiena bez piedāvājuma")
    ExperienceOffer.objects.create(community=community)
    html = client.get(reverse("communities:community-list"), {"shares": "on"}).content.decode()
    assert community.name in html and other.name not in html
    everything = client.get(reverse("communities:community-list")).content.decode()
    assert other.name in everything
