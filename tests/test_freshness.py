"""Every page shows the current data on the next request (issue 24).

Over the whole page tour (tests/page_tour.py), each page as the role that sees the most of it:
every text of every row that the page shows is changed in the database *without* any signal
(``update()``, as another process or a bulk write would), then the next request must show each
new text. A person's name is such a text (``User.full_name``), so renaming a shown person is
part of it. Then one shown child row (an event, a submission, an answer, a comment, ...) is
deleted, and the next request must no longer show it.

Nothing here knows which page shows what: the rows are found by their texts in the page.
"""

import re

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils.html import escape

from tests.page_tour import build_world, tour

pytestmark = pytest.mark.django_db

OUR_APPS = ("portal", "communities", "grants", "consultations", "councils")
SHORTEST = 8  # shorter texts ("Rīga", "2026") also match inside unrelated words and numbers
# Texts that name something other pages and hosts are found by, or that are not shown as
# written (folded for search, paths in the territory tree).
NOT_TEXTS = {"path", "sort_name", "search_text", "password", "language", "municipality_id"}
NOT_MODELS = {"MunicipalityHost", "Report", "Notification", "SecurityEvent"}
# Rows whose removal a page must show at once: what a list on a page is made of.
CHILD_ROWS = (
    "communities.Event",
    "communities.JointOpinion",
    "communities.Membership",
    "communities.StoryPhoto",
    "consultations.Submission",
    "consultations.ProblemReport",
    "grants.Question",
    "grants.Criterion",
    "councils.ReviewComment",
    "councils.AgendaItem",
)


def text_fields():
    """``(model, [field names])`` of every model of ours with free text."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model.__name__ in NOT_MODELS:
            continue
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
            and not field.choices
            and not field.unique
            and field.name not in NOT_TEXTS
        ]
        if names:
            found.append((model, names))
    return found


def shown(text, html):
    """Whether ``text`` stands in the page as itself (not inside a longer word)."""
    return re.search(rf"(?<!\w){re.escape(escape(text))}(?!\w)", html) is not None


def is_text(text):
    """A text a person reads, not a code (``received``, ``kopiena_1``) nor several lines."""
    return (
        bool(text)
        and len(text) >= SHORTEST
        and "\n" not in text
        and not re.fullmatch(r"[a-z0-9_.:-]+", text)
    )


def texts_on(html, fields):
    """``{text: [(model, pk, field)]}`` of the rows whose texts the page shows, leaving out
    texts that are also part of a longer one (shown there, they would stay after a change)."""
    found, every = {}, set()
    for model, names in fields:
        for row in model.objects.values("pk", *names):
            for name in names:
                text = row[name]
                every.add(text or "")
                if is_text(text) and shown(text, html):
                    found.setdefault(text, []).append((model, row["pk"], name))
    return {
        text: rows
        for text, rows in found.items()
        if not any(text in other and text != other for other in every)
    }


def changed(text, number):
    """The same length, a new ending: ``Pavasara talka`` → ``Pavasara tal·07`` (a text
    shown on every page, as the municipality's name, is changed hundreds of times: it must
    never outgrow its column)."""
    ending = f"·{number:02d}"
    return f"{text[: max(len(text) - len(ending), 1)]}{ending}"


def fetch(clients, page):
    response = clients[page.role, page.host].get(page.path)
    assert response.status_code == 200, (page.name, response.status_code)
    return response.content.decode()


@pytest.mark.freshness
def test_every_page_shows_a_change_on_the_next_request():
    world = build_world()
    people = world["people"]
    pages = [page for page in tour(world) if page.post is None]
    clients = {}
    for page in pages:
        if (page.role, page.host) not in clients:
            client = Client(HTTP_HOST=page.host)
            if people[page.role] is not None:
                client.force_login(people[page.role])
            clients[page.role, page.host] = client
    fields = text_fields()
    stale, checked, number = [], 0, 0
    for page in pages:
        html = fetch(clients, page)
        if not html.lstrip().lower().startswith("<!doctype html>"):
            continue
        found = texts_on(html, fields)
        expected = {}
        for text, rows in found.items():
            news = []
            for model, pk, name in rows:
                number += 1
                news.append(changed(text, number))
                model.objects.filter(pk=pk).update(**{name: news[-1]})
            expected[text] = (rows, news)
        html = fetch(clients, page)
        for text, (rows, news) in expected.items():
            checked += 1
            if not any(shown(new, html) for new in news):
                where = ", ".join(f"{m.__name__}.{name}" for m, _pk, name in rows)
                stale.append(f"{page.name}: {where} still shows {text!r}")
    # Then removals (after every page's texts: a removed row may be what a later page is of).
    removals = 0
    for page in pages:
        response = clients[page.role, page.host].get(page.path)
        if response.status_code == 404:  # its own row was removed for an earlier page
            continue
        html = response.content.decode()
        removed = remove_a_child_row(html, fields)
        if removed is not None:
            removals += 1
            response = clients[page.role, page.host].get(page.path)
            if response.status_code == 200 and shown(removed, response.content.decode()):
                stale.append(f"{page.name}: a removed row still shows {removed!r}")
    assert checked > 300, checked  # the tour shows hundreds of texts
    assert removals > 10, removals
    assert not stale, "\n".join(stale)


def remove_a_child_row(html, fields):
    """Delete one row of a list the page shows; its text, or ``None`` if none is shown."""
    children = {apps.get_model(label) for label in CHILD_ROWS}
    for text, rows in texts_on(html, fields).items():
        if len(rows) == 1 and rows[0][0] in children:
            model, pk, _name = rows[0]
            model.objects.filter(pk=pk).delete()
            return text
    return None


# The cases that the page cache got wrong, each as a person does it ---------------------------


def visible(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_an_event_a_leader_removes_leaves_the_public_community_page_at_once(client):
    from communities.models import Membership
    from tests.communities.factories import CommunityFactory, EventFactory, MembershipFactory

    community = CommunityFactory()
    event = EventFactory(community=community, title="Rudens talka pie dīķa")
    leader = MembershipFactory(community=community, role=Membership.Role.LEADER).user
    assert "Rudens talka pie dīķa" in visible(client, community.get_absolute_url())

    client.force_login(leader)
    removal = f"{community.get_absolute_url()}events/{event.pk}/delete/"
    assert client.post(removal, {"reason": "Ierakstīts kļūdas pēc."}).status_code == 302
    client.logout()

    assert "Rudens talka pie dīķa" not in visible(client, community.get_absolute_url())


def test_a_council_member_who_renames_themselves_is_shown_renamed_at_once(client):
    from django.urls import reverse

    from tests.councils.factories import CouncilFactory, seat_for
    from tests.portal.factories import UserFactory

    council = CouncilFactory()
    member = UserFactory(full_name="Anna Ozola")
    seat_for(member, council)
    assert "Anna Ozola" in visible(client, council.get_absolute_url())

    client.force_login(member)
    saved = client.post(reverse("profile"), {"full_name": "Anna Bērziņa", "language": "lv"})
    assert saved.status_code == 302
    client.logout()

    page = visible(client, council.get_absolute_url())
    assert "Anna Bērziņa" in page and "Anna Ozola" not in page


def test_the_name_of_a_deleted_account_leaves_the_public_feedback_page_at_once(client, password):
    from django.urls import reverse

    from tests.consultations.factories import ConsultationFactory, SubmissionFactory
    from tests.portal.factories import UserFactory

    consultation = ConsultationFactory()
    author = UserFactory(full_name="Jānis Kalniņš")
    SubmissionFactory(consultation=consultation, author=author, show_name=True)
    feedback = reverse("consultations:feedback", args=[consultation.slug])
    assert "Jānis Kalniņš" in visible(client, feedback)

    client.force_login(author)
    assert client.post(reverse("account-delete"), {"password": password}).status_code == 302

    assert "Jānis Kalniņš" not in visible(client, feedback)
