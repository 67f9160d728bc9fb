"""The round list, the application list and the ranking run a fixed number of queries
whatever the number of applications (5 or 200)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from grants.models import Application, Criterion, EvaluatorAssignment, Round, Score
from tests.communities.factories import CommunityFactory
from tests.grants.factories import RoundFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def build(count):
    round_ = RoundFactory(
        status=Round.Status.EVALUATION, deadline=timezone.now() - datetime.timedelta(days=1)
    )
    RoundFactory(title="Otra kārta")
    communities = CommunityFactory.create_batch(count, neighbourhoods=[])
    applications = Application.objects.bulk_create(
        Application(
            round=round_,
            community=community,
            title=f"Projekts {number}",
            status=Application.Status.ELIGIBLE,
            submitted_at=timezone.now(),
        )
        for number, community in enumerate(communities)
    )
    judges = UserFactory.create_batch(2)
    for judge in judges:
        EvaluatorAssignment.objects.create(round=round_, user=judge)
    criteria = list(Criterion.objects.filter(round=round_))
    Score.objects.bulk_create(
        Score(application=a, evaluator=j, criterion=c, score=3, justification="Labi")
        for a in applications
        for j in judges
        for c in criteria
    )
    return round_


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "name", ["grants:round-list", "grants:application-list", "grants:round-ranking"]
)
def test_fixed_number_of_queries_at_5_and_200_applications(client, staff, name):
    client.force_login(staff)
    counts = []
    for size in (5, 200):
        Score.objects.all().delete()
        Application.objects.all().delete()
        Round.objects.all().delete()
        round_ = build(size)
        url = reverse(name) if name == "grants:round-list" else reverse(name, args=[round_.slug])
        count_queries(client, url)  # warm the per-process caches
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 15, counts


def test_the_round_list_for_anonymous_visitors(client, django_assert_max_num_queries):
    build(5)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("grants:round-list")).status_code == 200


@pytest.mark.parametrize("rows", [2, 40])
def test_the_application_page_runs_a_fixed_number_of_queries(
    client, staff, django_assert_max_num_queries, rows
):
    from grants.models import BudgetLine, InKindContribution

    round_ = build(3)
    application = round_.applications.order_by("pk").first()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            application=application,
            category=BudgetLine.Category.values[n % len(BudgetLine.Category.values)],
            description=f"Rinda {n}",
            amount=10 + n,
        )
        for n in range(rows)
    )
    InKindContribution.objects.bulk_create(
        InKindContribution(
            application=application,
            kind=InKindContribution.Kind.values[0],
            description=f"Darbs {n}",
            value=5,
        )
        for n in range(rows)
    )
    client.force_login(staff)
    url = reverse("grants:application-detail", args=[round_.slug, application.pk])
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    assert f"Rinda {rows - 1}" in response.content.decode()


def test_the_application_page_reads_only_the_lists_the_application_has(client, staff):
    """Its query says which lists hold anything (``EXISTS`` each); an empty one costs no
    query, and every one with rows is shown."""
    from grants.models import ApplicationStatusChange, Attachment, BudgetLine, InKindContribution
    from tests.portal.factories import NeighbourhoodFactory

    round_ = build(1)
    application = round_.applications.get()
    client.force_login(staff)
    url = reverse("grants:application-detail", args=[round_.slug, application.pk])
    count_queries(client, url)  # warm the per-process caches
    empty = count_queries(client, url)
    page = client.get(url).content.decode()
    assert "Nav pievienotu datņu." in page  # "No files attached."
    BudgetLine.objects.create(
        application=application,
        category=BudgetLine.Category.values[0],
        description="Krāsa solam",
        amount=10,
    )
    InKindContribution.objects.create(
        application=application,
        kind=InKindContribution.Kind.values[0],
        description="Talkas darbs",
        value=5,
    )
    Attachment.objects.create(application=application, title="Tāme", file="tame.pdf")
    application.neighbourhoods.add(NeighbourhoodFactory(name="Zaļā apkaime"))
    ApplicationStatusChange.objects.create(
        application=application, from_status="draft", to_status="submitted", reason="Iesniegts"
    )
    assert count_queries(client, url) == empty + 5
    page = client.get(url).content.decode()
    for shown in ("Krāsa solam", "Talkas darbs", "Tāme", "Zaļā apkaime", "Iesniegts"):
        assert shown in page, shown
    assert "Nav pievienotu datņu." not in page


@pytest.mark.parametrize("rows", [3, 120])
def test_the_round_page_turns_its_answers_and_results_a_page_at_a_time(
    client, django_assert_max_num_queries, rows
):
    from grants.models import Question

    round_ = build(rows)
    Application.objects.filter(round=round_).update(
        status=Application.Status.AWARDED, awarded_amount=100
    )
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.RESULTS)
    Question.objects.bulk_create(
        Question(round=round_, text=f"Jautājums {n}", answer=f"Atbilde {n}", published=True)
        for n in range(rows)
    )
    url = reverse("grants:round-detail", args=[round_.slug])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="qa"') == min(rows, 20)
    assert len(response.context["results"].object_list) == min(rows, 50)
    if rows > 50:
        assert "?results=2#results-heading" in page and "?questions=2#qa-heading" in page
        later = client.get(url + "?questions=6&results=3").content.decode()
        assert "Jautājums 119" in later and "Jautājums 0<" not in later
