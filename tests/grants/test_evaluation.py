"""Eligibility, evaluators, conflicts of interest, scores, ranking, decisions (items 4, 5, 8)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership
from grants.models import Application, ConflictDeclaration, Round, Score
from grants.ranking import ranking
from grants.services.applications import save_application, submit_application
from grants.services.evaluation import (
    assign_evaluator,
    check_eligibility,
    close_submissions,
    decide_application,
    declare_conflict,
    invite_shortlisted,
    publish_results,
    score_application,
)
from grants.services.rounds import close_round
from portal.roles import needs_mfa
from tests.communities.factories import MembershipFactory
from tests.grants.factories import ApplicationFactory, RoundFactory
from tests.mfa import enable_totp
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluating_round(db):
    return RoundFactory(
        status=Round.Status.EVALUATION,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )


@pytest.fixture
def judge(evaluating_round):
    user = UserFactory(full_name="Kārlis Vērtētājs")
    assign_evaluator(actor=None, round=evaluating_round, user=user)
    return user


def eligible(round_, **kwargs):
    return ApplicationFactory(round=round_, status=Application.Status.ELIGIBLE, **kwargs)


def score_all(judge, application, values):
    criteria = list(application.round.criteria.all())
    declare_conflict(actor=judge, application=application, has_conflict=False)
    score_application(
        actor=judge,
        application=application,
        scores={c.pk: (v, "Pamatojums") for c, v in zip(criteria, values, strict=True)},
    )


def test_staff_check_eligibility_and_a_refusal_needs_a_reason(staff, evaluating_round):
    application = ApplicationFactory(round=evaluating_round)
    with pytest.raises(ValidationError):
        check_eligibility(actor=staff, application=application, eligible=False)
    check_eligibility(actor=staff, application=application, eligible=True, note="Atbilst")
    application.refresh_from_db()
    assert application.status == Application.Status.ELIGIBLE
    assert application.status_changes.filter(actor=staff, to_status="eligible").exists()


def test_staff_involved_in_the_community_do_not_decide(staff, evaluating_round):
    application = ApplicationFactory(round=evaluating_round)
    MembershipFactory(community=application.community, user=staff)
    with pytest.raises(ValidationError) as refused:
        check_eligibility(actor=staff, application=application, eligible=True)
    assert refused.value.code == "own_community"


def test_an_assigned_evaluator_must_use_mfa(client, settings, evaluating_round):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    person = UserFactory()
    assert not needs_mfa(person)
    assign_evaluator(actor=None, round=evaluating_round, user=person)
    person = type(person).objects.get(pk=person.pk)
    assert needs_mfa(person)
    client.force_login(person)
    response = client.get(reverse("grants:evaluation", args=[evaluating_round.slug]))
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]
    enable_totp(person)
    assert client.get(reverse("grants:evaluation", args=[evaluating_round.slug])).status_code == 200
    staff = UserFactory(is_municipal_staff=True)
    publish_results(actor=staff, round=evaluating_round)
    close_round(actor=staff, round=evaluating_round)
    assert not needs_mfa(type(person).objects.get(pk=person.pk))  # no longer assigned


def test_a_conflicted_evaluator_gets_no_scoring_form_also_by_direct_url(
    client, judge, evaluating_round
):
    application = eligible(evaluating_round)
    client.force_login(judge)
    score_url = reverse("grants:application-score", args=[evaluating_round.slug, application.pk])
    assert client.get(score_url).status_code == 403  # nothing declared yet
    conflict_url = reverse(
        "grants:application-conflict", args=[evaluating_round.slug, application.pk]
    )
    client.post(conflict_url, {"has_conflict": "yes", "note": "Mans kaimiņš"})
    assert ConflictDeclaration.objects.get().has_conflict
    # With a conflict the evaluator does not see the application at all (issue 25, item 1).
    assert client.get(score_url).status_code == 404
    assert client.post(score_url, {}).status_code == 404
    assert client.get(application.get_absolute_url()).status_code == 404
    with pytest.raises(ValidationError):
        score_application(actor=judge, application=application, scores={})
    with pytest.raises(ValidationError):  # a declaration is not changed
        declare_conflict(actor=judge, application=application, has_conflict=False)
    assert application.status_changes.filter(event="conflict_declared", actor=judge).exists()


def test_the_portal_marks_a_known_conflict_that_cannot_be_cleared(client, judge, evaluating_round):
    application = eligible(evaluating_round)
    MembershipFactory(community=application.community, user=judge, role=Membership.Role.MEMBER)
    client.force_login(judge)
    conflict_url = reverse(
        "grants:application-conflict", args=[evaluating_round.slug, application.pk]
    )
    response = client.post(conflict_url, {"has_conflict": "no"})
    assert response.status_code == 302
    declaration = ConflictDeclaration.objects.get()
    assert declaration.has_conflict and declaration.known
    score_url = reverse("grants:application-score", args=[evaluating_round.slug, application.pk])
    assert client.get(score_url).status_code == 404  # a conflict: the application is not theirs


def test_known_conflicts_are_marked_when_the_evaluator_is_assigned(evaluating_round):
    application = eligible(evaluating_round)
    person = UserFactory()
    MembershipFactory(community=application.community, user=person)
    assign_evaluator(actor=None, round=evaluating_round, user=person)
    assert ConflictDeclaration.objects.filter(evaluator=person, known=True).count() == 1


def test_the_evaluator_scores_with_justifications(client, judge, evaluating_round):
    application = eligible(evaluating_round)
    client.force_login(judge)
    conflict_url = reverse(
        "grants:application-conflict", args=[evaluating_round.slug, application.pk]
    )
    response = client.post(conflict_url, {"has_conflict": "no"})
    score_url = reverse("grants:application-score", args=[evaluating_round.slug, application.pk])
    assert response["Location"] == score_url
    first, second = evaluating_round.criteria.all()
    response = client.post(
        score_url,
        {
            f"score_{first.pk}": "4",
            f"justification_{first.pk}": "Svarīgs parkam",
            f"score_{second.pk}": "9",
            f"justification_{second.pk}": "",
        },
    )
    assert response.status_code == 200 and not Score.objects.exists()  # over max, no reason
    response = client.post(
        score_url,
        {
            f"score_{first.pk}": "4",
            f"justification_{first.pk}": "Svarīgs parkam",
            f"score_{second.pk}": "5",
            f"justification_{second.pk}": "Daudz iesaistīto",
        },
    )
    assert response.status_code == 302
    assert Score.objects.count() == 2
    assert application.status_changes.filter(event="scored", actor=judge).exists()


def test_weighted_totals_and_ranking_with_ties(evaluating_round, judge):
    other = UserFactory()
    assign_evaluator(actor=None, round=evaluating_round, user=other)
    a = eligible(evaluating_round, title="A")
    b = eligible(evaluating_round, title="B")
    c = eligible(evaluating_round, title="C")
    # weights 2 and 1: A = (2*5+1*3 + 2*4+1*4)/2 = (13 + 12)/2 = 12.5
    score_all(judge, a, [5, 3])
    score_all(other, a, [4, 4])
    # B = 2*5 + 1*2.5 … one evaluator: 2*4 + 1*5 = 13 and 2*5+1*2 = 12 -> 12.5: a tie with A
    score_all(judge, b, [4, 5])
    score_all(other, b, [5, 2])
    score_all(judge, c, [1, 1])  # C = 3, only one evaluator
    rows = ranking(evaluating_round)
    assert [(r.application.title, r.total, r.rank, r.tied) for r in rows] == [
        ("A", Decimal("12.50"), 1, True),
        ("B", Decimal("12.50"), 1, True),
        ("C", Decimal("3.00"), 3, False),
    ]


def test_decisions_results_and_the_lock_after_publication(
    client, staff, evaluating_round, judge, django_capture_on_commit_callbacks, mailoutbox
):
    leader = UserFactory()
    awarded = eligible(evaluating_round, requested_amount=Decimal("1000.00"))
    MembershipFactory(community=awarded.community, user=leader, role=Membership.Role.LEADER)
    rejected = eligible(evaluating_round)
    with pytest.raises(ValidationError):  # less than requested needs a reason
        decide_application(actor=staff, application=awarded, award=True, amount=Decimal("800"))
    decide_application(
        actor=staff, application=awarded, award=True, amount=Decimal("800"), reason="Budžets"
    )
    with pytest.raises(ValidationError):
        publish_results(actor=staff, round=evaluating_round)  # one undecided
    decide_application(actor=staff, application=rejected, award=False, reason="Vāji")
    with django_capture_on_commit_callbacks(execute=True):
        publish_results(actor=staff, round=evaluating_round)
    awarded.refresh_from_db()
    assert awarded.awarded_amount == Decimal("800.00")
    assert leader.email in [m.to[0] for m in mailoutbox]
    page = client.get(evaluating_round.get_absolute_url()).content.decode()
    assert awarded.title in page and "800,00" in page
    # Locked: nothing decision-relevant changes any more.
    for attempt in (
        lambda: decide_application(actor=staff, application=rejected, award=True),
        lambda: declare_conflict(actor=judge, application=rejected, has_conflict=True),
        lambda: assign_evaluator(actor=staff, round=evaluating_round, user=UserFactory()),
        lambda: score_application(actor=judge, application=rejected, scores={}),
    ):
        with pytest.raises(ValidationError):
            attempt()


def test_two_stage_rounds_invite_the_shortlisted_ideas(
    staff, leader, community, mailoutbox, django_capture_on_commit_callbacks
):
    round_ = RoundFactory(
        two_stage=True,
        stage=Round.Stage.IDEA,
        status=Round.Status.EVALUATION,
        deadline=timezone.now() - datetime.timedelta(days=1),
    )
    idea = ApplicationFactory(
        round=round_,
        community=community,
        status=Application.Status.ELIGIBLE,
        stage=Round.Stage.IDEA,
    )
    other = ApplicationFactory(
        round=round_, status=Application.Status.ELIGIBLE, stage=Round.Stage.IDEA
    )
    decide_application(actor=staff, application=idea, award=True)
    decide_application(actor=staff, application=other, award=False, reason="Ārpus")
    with django_capture_on_commit_callbacks(execute=True):
        invite_shortlisted(
            actor=staff, round=round_, full_deadline=timezone.now() + datetime.timedelta(days=40)
        )
    round_.refresh_from_db()
    idea.refresh_from_db()
    assert round_.status == Round.Status.FULL_STAGE and round_.stage == Round.Stage.FULL
    assert idea.status == Application.Status.INVITED and idea.stage == Round.Stage.FULL
    assert [m.to for m in mailoutbox] == [[leader.email]]
    save_application(
        actor=leader,
        application=idea,
        in_kind=[],
        budget_lines=[{"category": "materials", "description": "Soli", "amount": Decimal(500)}],
    )
    submit_application(actor=leader, application=idea)
    idea.refresh_from_db()
    assert idea.status == Application.Status.SUBMITTED


def test_close_submissions_only_after_the_deadline(staff):
    round_ = RoundFactory()
    with pytest.raises(ValidationError):
        close_submissions(actor=staff, round=round_)
    round_.deadline = timezone.now() - datetime.timedelta(minutes=1)
    round_.save()
    close_submissions(actor=staff, round=round_)
    assert round_.status == Round.Status.EVALUATION


def test_an_assignment_after_sign_in_asks_for_mfa_from_the_next_request(
    client, settings, evaluating_round
):
    settings.PORTAL_REQUIRE_STAFF_MFA = True
    person = UserFactory()
    client.force_login(person)
    page = reverse("grants:evaluation", args=[evaluating_round.slug])
    assert client.get(page).status_code == 403
    assign_evaluator(actor=None, round=evaluating_round, user=person)
    response = client.get(page)
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]
