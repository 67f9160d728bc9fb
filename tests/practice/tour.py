"""The pages of good practice, agreements and open data in the shared page tour
(tests/page_tour.py): rows with long words, then each page as the role that sees most."""

from communities.models import ExperienceOffer, Story, StoryQuestion
from tests.practice.factories import PNG, AgreementFactory, StoryFactory


def build_practice_world(world, long_word):
    from django.core.files.uploadedfile import SimpleUploadedFile

    community = world["community"]
    story = StoryFactory(
        community=community,
        title=f"Kā mēs sakopām upes krastu {long_word}",
        partners=long_word,
        participation_forms=["needs", "planning", "mobilisation"],
    )
    story.photos.create(
        image=SimpleUploadedFile("p.png", PNG, content_type="image/png"),
        alt_text=f"Kaimiņi talkā {long_word}",
    )
    draft = StoryFactory(community=community, status=Story.Status.DRAFT, title="Melnraksts")
    submitted = StoryFactory(community=community, status=Story.Status.SUBMITTED, title=long_word)
    question = StoryQuestion.objects.create(
        story=story, asker=world["people"]["resident"], message=f"Kā? {long_word}"
    )
    ExperienceOffer.objects.create(community=community, note=f"Talkas {long_word}")
    signed = AgreementFactory(community=community, title=f"Memorands {long_word}")
    draft_agreement = AgreementFactory(community=community, status="draft", title=long_word)
    # Signed with a scan kept for the parties; and a draft still waiting for its document.
    protected = AgreementFactory(
        community=community,
        kind="delegation",
        title=f"Deleģējums {long_word}",
        document_public=False,
    )
    unsigned = AgreementFactory(
        community=community, status="draft", document=None, title=f"Bez dokumenta {long_word}"
    )
    return {
        "story": story,
        "draft_story": draft,
        "submitted_story": submitted,
        "question": question,
        "agreement": signed,
        "draft_agreement": draft_agreement,
        "protected_agreement": protected,
        "unsigned_agreement": unsigned,
    }


def practice_pages(world, page, national_host):
    practice = world["practice"]
    slug = world["community"].slug
    story, draft = practice["story"], practice["draft_story"]
    return [
        page("good practice", "anonymous", "/lv/good-practice/"),
        page("good practice, filtered", "anonymous", "/lv/good-practice/?form=needs"),
        page("a story", "anonymous", story.get_absolute_url()),
        page("communities glad to share", "anonymous", "/lv/good-practice/sharing/"),
        page("agreements", "anonymous", "/lv/agreements/"),
        page("an agreement", "anonymous", practice["agreement"].get_absolute_url()),
        page("open data", "anonymous", "/lv/open-data/"),
        page("asking the authors", "resident", f"/lv/good-practice/{story.pk}/ask/"),
        page("a story (leader)", "leader", story.get_absolute_url()),
        page("writing a story", "leader", f"/lv/good-practice/write/{slug}/"),
        page("editing a story", "leader", f"/lv/good-practice/{draft.pk}/edit/"),
        page(
            "a story with errors",
            "leader",
            f"/lv/good-practice/write/{slug}/",
            post={"action": "save"},
        ),
        page("replying to a question", "leader", practice["question"].get_absolute_url()),
        page("offering experience", "leader", f"/lv/good-practice/share/{slug}/"),
        page("stories to review", "staff", "/lv/good-practice/review/"),
        page(
            "reviewing a story",
            "staff",
            f"/lv/good-practice/{practice['submitted_story'].pk}/review/",
        ),
        page("agreements (staff)", "staff", "/lv/agreements/"),
        page("recording an agreement", "staff", "/lv/agreements/add/"),
        page("editing an agreement", "staff", f"/lv/agreements/{practice['agreement'].pk}/edit/"),
        page(
            "recording a signature",
            "staff",
            f"/lv/agreements/{practice['draft_agreement'].pk}/sign/",
        ),
        page(
            "an agreement with a protected scan (leader)",
            "leader",
            practice["protected_agreement"].get_absolute_url(),
        ),
        page(
            "recording a signature with its document",
            "staff",
            f"/lv/agreements/{practice['unsigned_agreement'].pk}/sign/",
        ),
        page("national good practice", "anonymous", "/lv/good-practice/", host=national_host),
        page("national open data", "anonymous", "/lv/open-data/", host=national_host),
    ]
