"""Good practice and agreements of the demo municipalities, built through the services.

Each municipality gets published stories (in Ķekava one of them from Mežinieku apkaime, the
association the guidelines name), one story waiting for review, a signed cooperation
memorandum and a delegation agreement ending within 60 days (so its reminder is due).
Idempotent: stories and agreements are keyed on their community and title; dates are
relative to today. Called from ``front.demo.build_all``.
"""

import io
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.pdf import one_page_pdf

from ..models import Agreement, Community, ExperienceOffer, Membership, Story, StoryQuestion
from ..services import agreements as agreement_services
from ..services import stories as story_services

# The staff member who reviews and signs, per municipality.
STAFF = {"kekavas-novads": "staff@demo.lv", "riga": "riga.staff@demo.lv"}
# Communities whose stories come first, per municipality (the rest take the others).
PREFERRED = {"kekavas-novads": ["mezinieku-kopiena", "daugmales-kopiena"], "riga": []}

STORIES = [
    {
        "title": "Mežinieku mežmalas takas atjaunošana",
        "problem": (
            "Mežinieku apkaimes mežmalas taka bija aizaugusi un pēc lietavām dubļaina; "
            "seniori un vecāki ar ratiem to vairs neizmantoja."
        ),
        "actions": (
            "Apkaimes forumā vienojāmies par talku, kopā ar pašvaldības kontaktpersonu "
            "saskaņojām maršrutu, trīs sestdienās izcirtām krūmus un ieklājām šķembas."
        ),
        "partners": "Kaimiņi, pašvaldības labiekārtošanas nodaļa, vietējais kokapstrādes uzņēmums",
        "costs": "1200 EUR par šķembām un soliem; ap 300 brīvprātīgo darba stundu",
        "funding": "Pašvaldības projektu konkurss un kaimiņu ziedojumi",
        "results": "Taku katru dienu izmanto ap 150 cilvēku; pie tās uzstādīti trīs soli.",
        "lessons": "Materiālus pasūtītu agrāk un talkas datumus izziņotu mēnesi iepriekš.",
        "participation_forms": ["needs", "mobilisation", "implementation"],
        "topic": "environment",
        "photo": "Kaimiņi ar grābekļiem un ķerrām uz atjaunotās meža takas",
    },
    {
        "title": "Kaimiņu svētki, kas kļuva par tradīciju",
        "problem": "Kaimiņi cits citu nepazina, un jaunie iedzīvotāji jutās sveši.",
        "actions": (
            "Sarīkojām pirmos kaimiņu svētkus pagalmā: katrs atnesa ēdienu, bērniem "
            "bija spēles, un uz stenda varēja uzrakstīt, ko apkaimē vajadzētu uzlabot."
        ),
        "partners": "Dzīvokļu īpašnieku biedrība, bibliotēka",
        "costs": "200 EUR par teltīm un galdiem",
        "funding": "Biedru naudas",
        "results": "Svētkos piedalījās 90 kaimiņi; no stenda ierosinājumiem tapa divi projekti.",
        "lessons": "Vajadzēja laikus domāt par lietus plānu.",
        "participation_forms": ["needs", "mobilisation"],
        "topic": "culture",
        "photo": "Kaimiņi pie gariem galdiem pagalmā svētku laikā",
    },
    {
        "title": "Drošs ceļš uz skolu",
        "problem": "Bērni uz skolu gāja pa ielu bez ietves.",
        "actions": (
            "Saskaitījām gājējus rīta stundās, sagatavojām kopīgu viedokli pašvaldībai un "
            "piedalījāmies ielas pārbūves plānošanā."
        ),
        "partners": "Skolas padome, pašvaldības satiksmes speciālists",
        "costs": "Tikai brīvprātīgo laiks",
        "funding": "Nav vajadzīgs",
        "results": "Ielas pārbūves projektā iekļauta ietve un apgaismota gājēju pāreja.",
        "lessons": "Skaitīšanas datus vajag apkopot tabulā, ko pašvaldība var izmantot uzreiz.",
        "participation_forms": ["needs", "planning", "monitoring"],
        "topic": "safety",
        "photo": "",
        "under_review": True,
    },
]

# Riga's first story instead of Mežinieku's (the others are shared by both demos).
RIGA_FIRST = {
    **STORIES[0],
    "title": "Zaļie pagalmi starp daudzdzīvokļu mājām",
    "problem": "Pagalmi starp mājām bija noplukuši, un bērniem nebija ēnas vasarā.",
    "actions": (
        "Kopā ar māju apsaimniekotāju izstrādājām stādīšanas plānu, sarīkojām divas "
        "talkas un iestādījām 24 kokus un krūmus."
    ),
    "partners": "Māju apsaimniekotājs, pašvaldības dārzniecība",
    "costs": "800 EUR par stādiem",
    "funding": "Pašvaldības apkaimju iniciatīvu konkurss",
    "results": "Trīs pagalmos ir ēna un soli; kaimiņi paši laista jaunos kokus.",
    "photo": "Kaimiņi stāda jaunu kļavu pagalmā starp mājām",
}

AGREEMENTS = [
    {
        "kind": Agreement.Kind.MEMORANDUM,
        "title": "Sadarbības memorands par apkaimes attīstību",
        "purpose": "Pašvaldības un kopienas sadarbība apkaimes attīstības jautājumos.",
        "municipality_duties": (
            "Konsultēties ar kopienu par apkaimi skarošiem lēmumiem; nodrošināt telpas "
            "iedzīvotāju forumiem."
        ),
        "community_duties": "Reizi gadā rīkot iedzīvotāju forumu un iesniegt kopīgu viedokli.",
        "funding": "Bez finansējuma",
        "starts": -200,
        "ends": 530,
        "public": True,
    },
    {
        "kind": Agreement.Kind.DELEGATION,
        "title": "Deleģējuma līgums par apkaimes parka uzturēšanu",
        "purpose": (
            "Pārvaldes uzdevuma nodošana kopienai: apkaimes parka zāliena pļaušana un "
            "soliņu uzturēšana (Valsts pārvaldes iekārtas likuma 46. pants)."
        ),
        "municipality_duties": "Pārskaitīt finansējumu ceturkšņa sākumā; pārbaudīt darbu.",
        "community_duties": "Pļaut zālienu reizi divās nedēļās; reizi ceturksnī ziņot.",
        "funding": "Pašvaldības budžets, ceturkšņa maksājumi",
        "amount": "4800.00",
        "starts": -320,
        "ends": 45,
        "public": False,
    },
]


def _picture(seed):
    """A small generated picture for a demo photo (a sky, a field and a sun)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 400), (150, 200, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 260, 640, 400], fill=(70 + seed * 30 % 80, 140, 70))
    draw.ellipse([480 - seed * 60, 50, 560 - seed * 60, 130], fill=(250, 210, 80))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="demo.png")


def _pdf(title):
    return ContentFile(one_page_pdf(title), name="agreement.pdf")


def _communities(municipality):
    working = list(Community.objects.of(municipality).working().order_by("slug"))
    preferred = PREFERRED.get(municipality.slug, [])
    working.sort(
        key=lambda c: (
            c.slug not in preferred,
            preferred.index(c.slug) if c.slug in preferred else 0,
            c.slug,
        )
    )
    return working


def _leader(community):
    membership = (
        community.memberships.filter(role=Membership.Role.LEADER, status=Membership.Status.ACTIVE)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def build_stories(municipality, staff, communities):
    stories = STORIES if municipality.slug == "kekavas-novads" else [RIGA_FIRST, *STORIES[1:]]
    for number, spec in enumerate(stories):
        if not communities:
            return
        community = communities[number % len(communities)]
        leader = _leader(community)
        if (
            leader is None
            or Story.objects.filter(community=community, title=spec["title"]).exists()
        ):
            continue
        details = {k: v for k, v in spec.items() if k not in ("photo", "under_review")}
        photos = [(_picture(number), spec["photo"])] if spec["photo"] else []
        story = story_services.create_story(
            actor=leader,
            community=community,
            photos=photos,
            neighbourhoods=list(community.neighbourhoods.all()),
            events=list(community.events.recorded()[:2]),
            joint_opinions=list(community.joint_opinions.recorded()[:1]),
            **details,
        )
        story_services.submit_story(actor=leader, story=story)
        if not spec.get("under_review"):
            story_services.publish_story(
                actor=staff, story=story, note="Paldies, ka dalāties pieredzē!"
            )
    first = communities[0] if communities else None
    if first is not None:
        ExperienceOffer.objects.get_or_create(
            community=first, defaults={"note": "Talku rīkošana un pieteikšanās konkursiem"}
        )


def build_agreements(municipality, staff, communities):
    today = timezone.localdate()
    for number, spec in enumerate(AGREEMENTS):
        if not communities:
            return
        community = communities[number % len(communities)]
        agreement = Agreement.objects.filter(community=community, title=spec["title"]).first()
        dates = {
            "starts_on": today + timedelta(days=spec["starts"]),
            "ends_on": today + timedelta(days=spec["ends"]),
        }
        if agreement is not None:  # dates stay relative to today
            Agreement.objects.filter(pk=agreement.pk).update(**dates)
            continue
        agreement = agreement_services.create_agreement(
            actor=staff,
            community=community,
            kind=spec["kind"],
            title=spec["title"],
            purpose=spec["purpose"],
            municipality_duties=spec["municipality_duties"],
            community_duties=spec["community_duties"],
            funding=spec["funding"],
            amount=spec.get("amount"),
            **dates,
        )
        agreement_services.sign_agreement(  # the signed document comes with the signature
            actor=staff,
            agreement=agreement,
            signed_on=dates["starts_on"],
            document=_pdf(spec["title"]),
            document_public=spec["public"],
        )


def build(municipality, *, users):
    staff = users.get(STAFF.get(municipality.slug, ""))
    if staff is None:
        return
    communities = _communities(municipality)
    build_stories(municipality, staff, communities)
    build_agreements(municipality, staff, communities)


def counts():
    return {
        "good-practice stories": Story.objects.count(),
        "questions about stories": StoryQuestion.objects.count(),
        "agreements": Agreement.objects.count(),
    }
