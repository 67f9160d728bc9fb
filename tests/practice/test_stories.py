"""Good-practice stories (issue 19, item 1): leaders write, staff return or publish, with
history and emails; the list with its filters; the home, neighbourhood and registration pages."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from communities.models import Story, StoryPhoto
from communities.services.stories import create_story, publish_story, submit_story, update_story
from tests.communities.factories import CommunityFactory, EventFactory, JointOpinionFactory
from tests.portal.factories import NeighbourhoodFactory, ParishFactory, default_municipality
from tests.practice.factories import PNG, StoryFactory

pytestmark = pytest.mark.django_db


def story_data(**overrides):
    data = {
        "title": "Rotaļu laukums Mežmalā",
        "problem": "Bērniem nebija kur spēlēties.",
        "actions": "Savācām parakstus un uzbūvējām laukumu kopā ar pašvaldību.",
        "partners": "Pašvaldība, vietējais veikals",
        "costs": "3000 EUR",
        "funding": "Projektu konkurss",
        "results": "Laukumā spēlējas 40 bērni.",
        "lessons": "Sāktu ātrāk.",
        "participation_forms": ["mobilisation", "implementation"],
        "topic": "children",
    }
    data.update(overrides)
    return data


def photo(name="laukums.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def test_leader_writes_a_story_with_a_photo_and_sends_it(client, leader, community):
    event = EventFactory(community=community)
    opinion = JointOpinionFactory(community=community)
    client.force_login(leader)
    page = client.get(reverse("practice:story-create", args=[community.slug]))
    assert page.status_code == 200
    response = client.post(
        reverse("practice:story-create", args=[community.slug]),
        {
            **story_data(),
            "neighbourhoods": [n.pk for n in community.neighbourhoods.all()],
            "events": [event.pk],
            "joint_opinions": [opinion.pk],
            "photo": photo(),
            "photo_alt": "Bērni šūpojas jaunajās šūpolēs",
        },
    )
    story = Story.objects.get()
    assert response.status_code == 302
    assert story.status == Story.Status.DRAFT
    assert story.municipality == community.municipality
    assert list(story.events.all()) == [event]
    assert story.photos.get().alt_text == "Bērni šūpojas jaunajās šūpolēs"
    assert story.status_changes.get().to_status == "draft"

    page = client.get(story.get_absolute_url())
    assert 'alt="Bērni šūpojas jaunajās šūpolēs"' in page.content.decode()
    image = client.get(story.photos.get().get_absolute_url())
    assert image.status_code == 200 and image["Content-Type"] == "image/png"

    client.post(reverse("practice:story-submit", args=[story.pk]))
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED


def test_a_photo_needs_its_alternative_text_and_must_be_a_picture(client, leader, community):
    client.force_login(leader)
    url = reverse("practice:story-create", args=[community.slug])
    response = client.post(url, {**story_data(), "photo": photo(), "photo_alt": ""})
    assert response.status_code == 200
    assert "Aprakstiet, kas redzams fotoattēlā" in response.content.decode()
    fake = SimpleUploadedFile("a.png", b"not a picture", content_type="image/png")
    response = client.post(url, {**story_data(), "photo": fake, "photo_alt": "Bilde"})
    assert response.status_code == 200
    assert not Story.objects.exists()


def test_staff_return_with_a_reason_then_publish_with_history_and_emails(
    client, staff, leader, community, mailoutbox, django_capture_on_commit_callbacks
):
    story = create_story(actor=leader, community=community, **story_data())
    with django_capture_on_commit_callbacks(execute=True):
        submit_story(actor=leader, story=story)
    assert [m.to for m in mailoutbox] == [[staff.email]]

    client.force_login(staff)
    url = reverse("practice:story-review", args=[story.pk])
    refused = client.post(url, {"decision": "return", "reason": ""})
    assert "Paskaidrojiet, kas līderiem jāmaina." in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "return", "reason": "Pievienojiet izmaksas."})
    story.refresh_from_db()
    assert story.status == Story.Status.RETURNED
    assert "Pievienojiet izmaksas." in mailoutbox[-1].body
    assert mailoutbox[-1].to == [leader.email]

    client.force_login(leader)
    client.post(
        reverse("practice:story-edit", args=[story.pk]),
        {**story_data(costs="2500 EUR"), "version": story.version},
    )
    client.post(reverse("practice:story-submit", args=[story.pk]))
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "publish", "reason": ""})
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED and story.costs == "2500 EUR"
    assert story.published_at is not None
    assert [c.to_status for c in story.status_changes.all()] == [
        "draft",
        "submitted",
        "returned",
        "submitted",
        "published",
    ]
    assert "publicēts" in mailoutbox[-1].subject


def test_staff_do_not_review_their_own_communitys_story(leader, community):
    from portal.models import MunicipalStaff

    MunicipalStaff.objects.create(user=leader, municipality=community.municipality)
    story = StoryFactory(community=community, status=Story.Status.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        publish_story(actor=leader, story=story)
    assert refused.value.code == "own_community"


def test_a_stale_form_does_not_overwrite_another_edit(client, leader, board_member, community):
    story = create_story(actor=leader, community=community, **story_data())
    opened = story.version
    update_story(actor=board_member, story=story, **story_data(title="Cits nosaukums"))
    client.force_login(leader)
    response = client.post(
        reverse("practice:story-edit", args=[story.pk]),
        {**story_data(title="Mans nosaukums"), "version": opened},
    )
    assert response.status_code == 200
    assert "kāds cits ir mainījis šo stāstu" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "Cits nosaukums"


def test_a_story_cannot_point_at_another_communitys_event(leader, community):
    other = EventFactory(community=CommunityFactory())
    with pytest.raises(ValidationError):
        create_story(actor=leader, community=community, **story_data(), events=[other])


def test_the_list_filters_by_form_topic_and_neighbourhood(client):
    municipality = default_municipality()
    parish = ParishFactory(parent=municipality.root)
    here, there = NeighbourhoodFactory(parent=parish), NeighbourhoodFactory(parent=parish)
    a = StoryFactory(
        title="Stāsts A", topic="children", participation_forms=["planning"], neighbourhoods=[here]
    )
    b = StoryFactory(
        title="Stāsts B", topic="environment", participation_forms=["needs"], neighbourhoods=[there]
    )
    StoryFactory(title="Melnraksts", status=Story.Status.DRAFT)
    url = reverse("practice:story-list")

    def titles(**params):
        html = client.get(url, params).content.decode()
        return {title for title in ("Stāsts A", "Stāsts B", "Melnraksts") if title in html}

    assert titles() == {a.title, b.title}
    assert titles(form="planning") == {a.title}
    assert titles(topic="environment") == {b.title}
    assert titles(neighbourhood=here.slug) == {a.title}
    assert titles(neighbourhood=parish.slug) == {a.title, b.title}


@pytest.mark.parametrize("n", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, n):
    community = CommunityFactory()
    for _ in range(n):
        story = StoryFactory(community=community)
        story.photos.create(image=photo(), alt_text="Bilde")
    client.get("/")  # the session, saved once
    with django_assert_max_num_queries(8):
        response = client.get(reverse("practice:story-list"))
    assert response.status_code == 200


def test_published_stories_show_on_home_neighbourhood_and_registration_pages(client, resident):
    municipality = default_municipality()
    empty = NeighbourhoodFactory(parent=ParishFactory(parent=municipality.root))
    story = StoryFactory(title="Kā mēs sākām")
    StoryFactory(title="Vēl nepublicēts", status=Story.Status.SUBMITTED)
    for url in ("/lv/", empty.get_absolute_url()):
        html = client.get(url).content.decode()
        assert story.title in html and "Vēl nepublicēts" not in html
    client.force_login(resident)
    html = client.get(reverse("communities:community-register")).content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    body = html.split("<main", 1)[1]
    assert story.title not in title and story.title in body
    assert story.get_absolute_url() in body


def test_a_card_shows_the_storys_first_photo_read_with_the_story(client):
    story = StoryFactory(title="Ar bildēm")
    StoryPhoto.objects.create(story=story, image="b.png", alt_text="Otrā bilde", position=1)
    first = StoryPhoto.objects.create(story=story, image="a.png", alt_text="Pirmā", position=0)
    plain = StoryFactory(title="Bez bildēm")
    html = client.get("/lv/").content.decode()
    card = html.split(story.title, 1)[1].split("</li>", 1)[0]
    assert f'src="{first.get_absolute_url()}" alt="Pirmā"' in card
    assert "Otrā bilde" not in html
    assert "card__photo" not in html.split(plain.title, 1)[1].split("</li>", 1)[0]


NATIONAL = "localhost"


def test_the_national_view_lists_every_municipalitys_stories_linking_to_their_hosts(
    client, municipality_factory, django_assert_max_num_queries
):
    riga = municipality_factory(name="Rīga", slug="riga", hosts=["riga.example.lv"])
    here = StoryFactory(title="Ķekavas stāsts", topic="children")
    there = StoryFactory(
        title="Rīgas stāsts", topic="environment", community=CommunityFactory(municipality=riga)
    )
    StoryFactory(title="Nepublicēts", status=Story.Status.SUBMITTED)

    home = client.get("/lv/", HTTP_HOST=NATIONAL).content.decode()
    assert here.title in home and there.title in home and "Nepublicēts" not in home
    assert f"//riga.example.lv/lv/good-practice/{there.pk}/" in home

    client.get("/lv/good-practice/", HTTP_HOST=NATIONAL)
    with django_assert_max_num_queries(8):
        listing = client.get("/lv/good-practice/", {"topic": "environment"}, HTTP_HOST=NATIONAL)
    html = listing.content.decode()
    assert there.title in html and here.title not in html
    only_riga = client.get("/lv/good-practice/", {"municipality": "riga"}, HTTP_HOST=NATIONAL)
    assert there.title in only_riga.content.decode()
    assert here.title not in only_riga.content.decode()


def test_a_story_card_escapes_its_texts(client):
    """The cards are written in Python once per list (practice.shown.story_cards_html)."""
    story = StoryFactory(title="Talka & <ugunskurs>", problem="Nebija <b>soliņu</b>.")
    StoryPhoto.objects.create(story=story, image="a.png", alt_text='"Soliņi" & galds', position=0)

    html = client.get(reverse("practice:story-list")).content.decode()

    assert f'<a href="{story.get_absolute_url()}">Talka &amp; &lt;ugunskurs&gt;</a>' in html
    assert "<p>Nebija &lt;b&gt;soliņu&lt;/b&gt;.</p>" in html
    assert 'alt="&quot;Soliņi&quot; &amp; galds"' in html
    assert "<ugunskurs>" not in html and "<b>soliņu" not in html
