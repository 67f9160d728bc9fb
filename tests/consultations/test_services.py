"""The consultations' services: the rules of the issue, checked without HTTP."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from communities.models import Community, JointOpinion, Membership
from consultations.boilerplate import is_boilerplate
from consultations.models import Consultation, Submission
from consultations.models.submissions import AnswerStatus
from consultations.services.answers import answer_submissions, correct_answer, extend_answer
from consultations.services.consultations import (
    complete_consultation,
    create_consultation,
    publish_consultation,
)
from consultations.services.following import set_followed
from consultations.services.submissions import submit_opinion
from portal.models import Notification
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.consultations.factories import (
    EXPLANATION,
    TODAY,
    ConsultationFactory,
    SubmissionFactory,
    closed,
)
from tests.portal.factories import NeighbourhoodFactory, ParishFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _details(**overrides):
    return {
        "title": "Ābeļu ielas pārbūve",
        "kind": Consultation.Kind.DECISION,
        "description": "Plāns pārbūvēt ielu.",
        "opens_on": TODAY,
        "closes_on": TODAY + 29 * DAY,
        **overrides,
    }


# Minimum period per kind -------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "minimum"),
    [
        (Consultation.Kind.PLANNING, 30),
        (Consultation.Kind.REGULATION, 14),
        (Consultation.Kind.DECISION, 21),
        (Consultation.Kind.BUDGET, 21),
    ],
)
def test_the_minimum_period_depends_on_the_kind(municipality, staff, kind, minimum):
    short = _details(kind=kind, closes_on=TODAY + (minimum - 2) * DAY)
    with pytest.raises(ValidationError) as refused:
        create_consultation(actor=staff, municipality=municipality, **short)
    assert refused.value.error_dict["short_period_reason"][0].code == "period_too_short"

    enough = _details(kind=kind, title=f"x {kind}", closes_on=TODAY + (minimum - 1) * DAY)
    consultation = create_consultation(actor=staff, municipality=municipality, **enough)
    assert consultation.period_days == minimum


def test_a_shorter_period_is_kept_with_its_reason(municipality, staff):
    consultation = create_consultation(
        actor=staff,
        municipality=municipality,
        **_details(closes_on=TODAY + 9 * DAY, short_period_reason="Valsts termiņš 15. decembrī."),
    )
    assert consultation.short_period_reason == "Valsts termiņš 15. decembrī."
    assert consultation.status == Consultation.Status.DRAFT
    assert consultation.status_changes.count() == 1


def test_the_minimums_are_municipality_settings(municipality, staff):
    municipality.min_planning_consultation_days = 45
    municipality.save()
    with pytest.raises(ValidationError):
        create_consultation(
            actor=staff,
            municipality=municipality,
            **_details(kind=Consultation.Kind.PLANNING, closes_on=TODAY + 40 * DAY),
        )


def test_it_closes_after_it_opens(municipality, staff):
    with pytest.raises(ValidationError) as refused:
        create_consultation(
            actor=staff, municipality=municipality, **_details(closes_on=TODAY - DAY)
        )
    assert "closes_on" in refused.value.error_dict


# Invitations -------------------------------------------------------------------------


def test_publishing_invites_communities_and_followers_at_any_depth(municipality, staff):
    parish = ParishFactory()
    village = NeighbourhoodFactory(parent=parish, is_neighbourhood=False, kind="ciems")
    deep = NeighbourhoodFactory(parent=village)  # a neighbourhood two levels down
    elsewhere = NeighbourhoodFactory()
    leader, board, member, outsider = (UserFactory() for _ in range(4))
    community = CommunityFactory(neighbourhoods=[deep])
    MembershipFactory(community=community, user=leader, role=Membership.Role.LEADER)
    MembershipFactory(community=community, user=board, role=Membership.Role.BOARD)
    MembershipFactory(community=community, user=member, role=Membership.Role.MEMBER)
    far = CommunityFactory(neighbourhoods=[elsewhere])
    MembershipFactory(community=far, user=outsider, role=Membership.Role.LEADER)
    follower, other_follower = UserFactory(), UserFactory()
    set_followed(actor=follower, municipality=municipality, territories=[deep])
    set_followed(actor=other_follower, municipality=municipality, territories=[elsewhere])
    consultation = create_consultation(
        actor=staff, municipality=municipality, neighbourhoods=[parish], **_details()
    )

    publish_consultation(actor=staff, consultation=consultation)

    invited = set(
        Notification.objects.filter(kind="consultation-invitation").values_list(
            "user__email", flat=True
        )
    )
    assert invited == {leader.email, board.email, follower.email}
    assert consultation.status == Consultation.Status.PUBLISHED


def test_publishing_twice_is_refused(municipality, staff):
    consultation = create_consultation(actor=staff, municipality=municipality, **_details())
    publish_consultation(actor=staff, consultation=consultation)
    with pytest.raises(ValidationError):
        publish_consultation(actor=staff, consultation=consultation)


# Submissions -------------------------------------------------------------------------


def test_after_the_close_date_nothing_is_accepted(resident):
    consultation = closed()
    with pytest.raises(ValidationError) as refused:
        submit_opinion(actor=resident, consultation=consultation, text="Vēlu.")
    assert refused.value.code == "closed"
    assert not Submission.objects.exists()


def test_before_the_opening_nothing_is_accepted(resident):
    consultation = ConsultationFactory(opens_on=TODAY + DAY, closes_on=TODAY + 30 * DAY)
    with pytest.raises(ValidationError):
        submit_opinion(actor=resident, consultation=consultation, text="Agri.")


def test_the_last_day_is_still_open(resident):
    consultation = ConsultationFactory(opens_on=TODAY - 20 * DAY, closes_on=TODAY)
    submit_opinion(actor=resident, consultation=consultation, text="Pēdējā dienā.")
    assert Submission.objects.count() == 1


def test_a_leader_submits_the_joint_opinion_and_it_enters_the_record(leader, community):
    consultation = ConsultationFactory()
    submission = submit_opinion(
        actor=leader, consultation=consultation, text="Kopienas viedoklis.", community=community
    )
    assert submission.is_joint
    assert JointOpinion.objects.filter(community=community).count() == 1


def test_only_a_leader_submits_the_joint_opinion(member, board_member, community):
    consultation = ConsultationFactory()
    for person in (member, board_member):
        with pytest.raises(ValidationError) as refused:
            submit_opinion(
                actor=person, consultation=consultation, text="Mēs.", community=community
            )
        assert refused.value.code == "not_leader"


def test_a_community_not_yet_verified_does_not_speak_for_the_neighbourhood(leader, community):
    Community.objects.filter(pk=community.pk).update(status=Community.Status.INACTIVE)
    community.refresh_from_db()
    with pytest.raises(ValidationError):
        submit_opinion(
            actor=leader, consultation=ConsultationFactory(), text="Mēs.", community=community
        )


# Answers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Pieņemts zināšanai.",
        "pieņemts zināšanai",
        "Paldies par viedokli!",
        "Paldies par Jūsu viedokli. Pieņemts zināšanai.",
        "Noted.",
        "Thank you for your opinion.",
        "Thank you for your opinion, it has been noted.",
        "Paldies par viedokli, tas tiks ņemts vērā.",
    ],
)
def test_boilerplate_answers_are_refused(staff, text):
    submission = SubmissionFactory(consultation=closed())
    with pytest.raises(ValidationError) as refused:
        answer_submissions(
            actor=staff, submissions=[submission], status=AnswerStatus.ACCEPTED, explanation=text
        )
    assert refused.value.error_dict["explanation"][0].code in {"boilerplate", "required"}
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RECEIVED


def test_thanks_followed_by_a_real_explanation_is_an_answer():
    assert not is_boilerplate(f"Paldies par viedokli. {EXPLANATION}")
    assert not is_boilerplate(
        "Thank you. The crossing is added to the second draft because 200 children cross here."
    )


def test_an_answer_moves_the_submission_records_history_and_emails_the_submitter(staff):
    consultation = closed()
    submission = SubmissionFactory(consultation=consultation)

    answer_submissions(
        actor=staff,
        submissions=[submission],
        status=AnswerStatus.PARTLY,
        explanation=EXPLANATION,
    )

    submission.refresh_from_db()
    assert submission.status == Submission.Status.ANSWERED
    assert submission.answer.status == AnswerStatus.PARTLY
    assert submission.answered_on == TODAY
    assert submission.answered_late is False
    change = submission.changes.get(event="answer_given")
    assert change.actor == staff
    assert "daļēji" in change.headline or "partly" in change.headline
    assert Notification.objects.filter(
        kind="consultation-answer-given", user=submission.author
    ).exists()


def test_similar_submissions_are_answered_together_and_each_shows_it(staff):
    consultation = closed()
    first, second, third = (SubmissionFactory(consultation=consultation) for _ in range(3))

    answer = answer_submissions(
        actor=staff,
        submissions=[first, second],
        status=AnswerStatus.NOT_ACCEPTED,
        explanation=EXPLANATION,
    )

    for submission in (first, second):
        submission.refresh_from_db()
        assert submission.answer == answer
        assert submission.changes.filter(event="answer_given").count() == 1
    third.refresh_from_db()
    assert third.answer is None
    assert Notification.objects.filter(kind="consultation-answer-given").count() == 2


def test_an_answered_submission_is_not_answered_again(staff):
    submission = SubmissionFactory(consultation=closed())
    answer_submissions(
        actor=staff, submissions=[submission], status="accepted", explanation=EXPLANATION
    )
    submission.refresh_from_db()
    with pytest.raises(ValidationError):
        answer_submissions(
            actor=staff, submissions=[submission], status="accepted", explanation=EXPLANATION
        )


def test_a_correction_keeps_the_earlier_answer_and_its_reason(staff):
    submission = SubmissionFactory(consultation=closed())
    answer = answer_submissions(
        actor=staff, submissions=[submission], status="accepted", explanation=EXPLANATION
    )
    with pytest.raises(ValidationError):
        correct_answer(
            actor=staff, answer=answer, status="partly", explanation=EXPLANATION, reason=""
        )
    corrected = correct_answer(
        actor=staff,
        answer=answer,
        status="partly",
        explanation=EXPLANATION + " Apgaismojums – nākamgad.",
        reason="Budžets ļauj tikai pāreju.",
    )
    assert corrected.earlier_status == "accepted"
    assert corrected.earlier_explanation == EXPLANATION
    assert corrected.correction_reason == "Budžets ļauj tikai pāreju."
    assert submission.changes.filter(event="answer_corrected").count() == 1


def test_a_late_answer_is_counted_late(staff):
    consultation = ConsultationFactory(opens_on=TODAY - 90 * DAY, closes_on=TODAY - 60 * DAY)
    submission = SubmissionFactory(consultation=consultation)
    answer_submissions(
        actor=staff, submissions=[submission], status="accepted", explanation=EXPLANATION
    )
    submission.refresh_from_db()
    assert submission.answered_late is True
    assert submission.working_days_to_answer > 30


# Extension ---------------------------------------------------------------------------


def test_the_extension_needs_a_reason_and_stays_within_a_month(staff):
    consultation = closed()
    submission = SubmissionFactory(consultation=consultation)
    until = consultation.response_due_on + 5 * DAY
    with pytest.raises(ValidationError) as refused:
        extend_answer(actor=staff, submission=submission, until=until, reason=" ")
    assert "reason" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        extend_answer(
            actor=staff,
            submission=submission,
            until=consultation.closes_on + 40 * DAY,
            reason="Jāprasa ceļu dienestam.",
        )
    assert "until" in refused.value.error_dict

    extend_answer(actor=staff, submission=submission, until=until, reason="Jāprasa ceļu dienestam.")
    submission.refresh_from_db()
    assert submission.due_on == until
    assert submission.changes.filter(event="answer_extended").exists()


# Completion --------------------------------------------------------------------------


def test_completion_is_refused_while_a_submission_has_no_answer(staff):
    consultation = closed()
    answered_one, waiting = (
        SubmissionFactory(consultation=consultation),
        SubmissionFactory(consultation=consultation),
    )
    answer_submissions(
        actor=staff, submissions=[answered_one], status="accepted", explanation=EXPLANATION
    )
    with pytest.raises(ValidationError) as refused:
        complete_consultation(actor=staff, consultation=consultation)
    assert refused.value.code == "unanswered"

    waiting.refresh_from_db()
    answer_submissions(
        actor=staff, submissions=[waiting], status="provided", explanation=EXPLANATION
    )
    complete_consultation(actor=staff, consultation=consultation)
    assert consultation.status == Consultation.Status.COMPLETED


def test_an_open_consultation_is_not_completed(staff):
    consultation = ConsultationFactory()
    with pytest.raises(ValidationError) as refused:
        complete_consultation(actor=staff, consultation=consultation)
    assert refused.value.code == "still_open"
