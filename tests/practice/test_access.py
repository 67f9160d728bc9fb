"""Every page of good practice and agreements against every role (the permission matrix of
issue 19), and nothing of one municipality on another's host."""

import pytest

from communities.models import Membership, Story, StoryQuestion
from portal.models import MunicipalStaff
from tests.access import Walk, status
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import MunicipalityFactory, UserFactory, default_municipality
from tests.practice.factories import PNG, AgreementFactory, StoryFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "resident", "member", "leader", "staff", "other_staff", "admin")
HOST = "testserver"
LOGIN = 302  # anonymous people are sent to sign in
OK, DENIED, GONE = 200, 403, 404


@pytest.fixture
def world():
    municipality = default_municipality()
    community = CommunityFactory()
    people = {
        "anonymous": None,
        "resident": UserFactory(),
        "member": UserFactory(),
        "leader": UserFactory(),
        "staff": UserFactory(is_municipal_staff=True),
        "other_staff": UserFactory(),
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }
    MembershipFactory(community=community, user=people["member"], role=Membership.Role.MEMBER)
    MembershipFactory(community=community, user=people["leader"], role=Membership.Role.LEADER)
    other = MunicipalityFactory()
    MunicipalStaff.objects.create(user=people["other_staff"], municipality=other)
    published = StoryFactory(community=community)
    published.photos.create(image=_photo(), alt_text="Bilde")
    draft = StoryFactory(community=community, status=Story.Status.DRAFT)
    submitted = StoryFactory(community=community, status=Story.Status.SUBMITTED)
    question = StoryQuestion.objects.create(story=published, asker=people["resident"], message="?")
    signed = AgreementFactory(community=community, document_public=False)
    agreement_draft = AgreementFactory(community=community, status="draft")
    return {
        "people": people,
        "municipality": municipality,
        "community": community,
        "published": published,
        "draft": draft,
        "submitted": submitted,
        "question": question,
        "signed": signed,
        "agreement_draft": agreement_draft,
    }


def _photo():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("p.png", PNG, content_type="image/png")


def expect(anonymous, resident, member, leader, staff, other_staff, admin):
    values = (anonymous, resident, member, leader, staff, other_staff, admin)
    return dict(zip(ROLES, values, strict=True))


EVERYONE = expect(OK, OK, OK, OK, OK, OK, OK)


# Each page's path, with the world's rows named in braces, and what each role gets.
PAGES = {
    "/lv/good-practice/": EVERYONE,
    "/lv/good-practice/sharing/": EVERYONE,
    "/lv/good-practice/{pub}/": EVERYONE,
    "/lv/good-practice/{pub}/photos/{photo}/": EVERYONE,
    "/lv/good-practice/{draft}/": expect(GONE, GONE, GONE, OK, OK, GONE, OK),
    "/lv/good-practice/{draft}/edit/": expect(GONE, GONE, GONE, OK, DENIED, GONE, DENIED),
    "/lv/good-practice/{pub}/edit/": expect(LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED),
    "/lv/good-practice/write/{slug}/": expect(LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED),
    "/lv/good-practice/share/{slug}/": expect(LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED),
    "/lv/good-practice/review/": expect(LOGIN, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "/lv/good-practice/{sub}/review/": expect(GONE, GONE, GONE, DENIED, OK, GONE, OK),
    "/lv/good-practice/{pub}/ask/": expect(LOGIN, OK, OK, DENIED, OK, OK, OK),
    "/lv/good-practice/questions/{question}/": expect(
        LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED
    ),
    "/lv/agreements/": EVERYONE,
    "/lv/agreements/{signed}/": EVERYONE,
    "/lv/agreements/{adraft}/": expect(GONE, GONE, GONE, GONE, OK, GONE, OK),
    "/lv/agreements/add/": expect(LOGIN, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "/lv/agreements/{signed}/edit/": expect(LOGIN, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "/lv/agreements/{adraft}/sign/": expect(GONE, GONE, GONE, GONE, OK, GONE, OK),
    "/lv/agreements/{signed}/end/": expect(LOGIN, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "/lv/agreements/{signed}/document/": expect(LOGIN, DENIED, DENIED, OK, OK, DENIED, OK),
    "/lv/open-data/": EVERYONE,
}


def declared():
    """The (role, page, expected answer) triples the matrix of this module checks."""
    return [(role, path, expected[role]) for path, expected in PAGES.items() for role in ROLES]


def test_every_page_answers_every_role_as_the_matrix_says(world, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    rows = {
        "slug": world["community"].slug,
        "pub": world["published"].pk,
        "draft": world["draft"].pk,
        "sub": world["submitted"].pk,
        "signed": world["signed"].pk,
        "adraft": world["agreement_draft"].pk,
        "photo": world["published"].photos.get().pk,
        "question": world["question"].pk,
    }
    walk = Walk(judge=status)
    for path, expected in PAGES.items():
        url = path.format(**rows)
        for role in ROLES:
            walk.ask(path, role, world["people"][role], expected[role], url, host=HOST)
    walk.assert_all()


def test_nothing_of_another_municipality_is_found_on_this_host(client, settings):
    settings.PORTAL_REQUIRE_STAFF_MFA = False
    beta = MunicipalityFactory(name="Beta novads", slug="beta", hosts=["beta.test"])
    community = CommunityFactory(municipality=beta, name="Beta kopiena")
    story = StoryFactory(community=community, title="Beta stāsts")
    photo = story.photos.create(image=_photo(), alt_text="Beta bilde")
    question = StoryQuestion.objects.create(story=story, asker=UserFactory(), message="?")
    agreement = AgreementFactory(community=community, title="Beta līgums")
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    for path in (
        f"/lv/good-practice/{story.pk}/",
        f"/lv/good-practice/{story.pk}/photos/{photo.pk}/",
        f"/lv/good-practice/{story.pk}/review/",
        f"/lv/good-practice/questions/{question.pk}/",
        f"/lv/agreements/{agreement.pk}/",
        f"/lv/agreements/{agreement.pk}/document/",
        f"/lv/good-practice/write/{community.slug}/",
    ):
        assert client.get(path).status_code == 404, path
        assert client.get(path, HTTP_HOST="beta.test").status_code != 404, path
    for path in ("/lv/good-practice/", "/lv/agreements/", "/lv/", "/lv/good-practice/sharing/"):
        assert "Beta" not in client.get(path).content.decode(), path
