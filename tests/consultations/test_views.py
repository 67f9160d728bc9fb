"""The consultation pages over HTTP, as the people who use them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, Submission
from consultations.models.submissions import AnswerStatus
from tests.communities.factories import CommunityFactory
from tests.consultations.factories import (
    EXPLANATION,
    TODAY,
    ConsultationFactory,
    SubmissionFactory,
    answered,
    closed,
)
from tests.portal.factories import NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, consultation=None, **kwargs):
    if consultation is not None:
        kwargs["slug"] = consultation.slug
    return reverse(f"consultations:{name}", kwargs=kwargs)


def test_staff_open_a_consultation_with_every_field(client, staff):
    area = NeighbourhoodFactory()
    client.force_login(staff)
    response = client.post(
        url("consultation-create"),
        {
            "title": "Attīstības programma 2027–2033",
            "kind": "planning",
            "description": "Programmas projekts.",
            "easy_summary": "Ko novads darīs septiņos gados.",
            "neighbourhoods": [area.pk],
            "opens_on": TODAY.isoformat(),
            "closes_on": (TODAY + 9 * DAY).isoformat(),
            "short_period_reason": "",
            "responsible": staff.pk,
            "remote_participation": "Tiešsaistē, Zoom saite pieteiktiem.",
            "venue": "Kultūras nams, Rīgas iela 1",
            "meeting_at": f"{(TODAY + 3 * DAY).isoformat()}T18:00",
            "venue_step_free": "on",
        },
    )
    assert response.status_code == 200
    assert "30" in response.context["form"].errors["short_period_reason"][0]

    response = client.post(
        url("consultation-create"),
        {
            "title": "Attīstības programma 2027–2033",
            "kind": "planning",
            "description": "Programmas projekts.",
            "neighbourhoods": [area.pk],
            "opens_on": TODAY.isoformat(),
            "closes_on": (TODAY + 9 * DAY).isoformat(),
            "short_period_reason": "Valsts noteikts termiņš.",
            "responsible": staff.pk,
            "venue": "Kultūras nams",
            "venue_step_free": "on",
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == consultation.get_absolute_url()
    assert consultation.status == Consultation.Status.DRAFT
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Valsts noteikts termiņš." in page
    assert "30" in page


def test_a_draft_is_found_by_staff_only(client, staff, resident):
    draft = ConsultationFactory(status=Consultation.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get(url("consultation-list")).content.decode()
    client.force_login(staff)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert draft.title in client.get(url("consultation-list")).content.decode()


def test_staff_publish_and_the_page_shows_it_open(client, staff):
    consultation = ConsultationFactory(status=Consultation.Status.DRAFT)
    client.force_login(staff)
    response = client.post(url("consultation-move", consultation, action="publish"))
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PUBLISHED
    assert consultation.status_changes.count() == 1


def test_a_resident_submits_with_an_attachment_pointing_at_a_section(client, resident, staff):
    consultation = ConsultationFactory()
    document = consultation.documents.create(
        title="Projekts", file=SimpleUploadedFile("p.pdf", PDF)
    )
    client.force_login(resident)
    response = client.post(
        url("submission-create", consultation),
        {
            "text": "Lūdzu paredzēt veloceliņu.",
            "document": document.pk,
            "section": "3.2. nodaļa",
            "attachment": SimpleUploadedFile("skice.pdf", PDF, content_type="application/pdf"),
            "show_name": "",
        },
    )
    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == submission.get_absolute_url()
    assert submission.section == "3.2. nodaļa"
    assert submission.author == resident
    assert not submission.is_joint
    page = client.get(submission.get_absolute_url())
    assert page.status_code == 200
    download = client.get(url("submission-attachment", consultation, pk=submission.pk))
    assert download.status_code == 200
    assert "no-store" in download["Cache-Control"]

    other = UserFactory()
    client.force_login(other)
    assert client.get(submission.get_absolute_url()).status_code == 404
    assert client.get(url("submission-attachment", consultation, pk=submission.pk)).status_code in (
        403,
        404,
    )
    client.force_login(staff)
    assert (
        client.get(url("submission-attachment", consultation, pk=submission.pk)).status_code == 200
    )


def test_an_attachment_that_is_not_a_document_is_refused(client, resident):
    consultation = ConsultationFactory()
    client.force_login(resident)
    response = client.post(
        url("submission-create", consultation),
        {"text": "Skat. pielikumu.", "attachment": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")},
    )
    assert response.status_code == 200
    assert "attachment" in response.context["form"].errors
    assert not Submission.objects.exists()


def test_a_leader_submits_the_joint_opinion(client, leader, community):
    consultation = ConsultationFactory()
    client.force_login(leader)
    form = client.get(url("submission-create", consultation))
    assert "community" in form.context["form"].fields
    client.post(
        url("submission-create", consultation),
        {"text": "Kopienas kopīgais viedoklis.", "community": community.pk},
    )
    assert Submission.objects.get().community == community


def test_a_member_cannot_submit_for_the_community(client, member, community):
    consultation = ConsultationFactory()
    client.force_login(member)
    form = client.get(url("submission-create", consultation))
    assert "community" not in form.context["form"].fields
    client.post(
        url("submission-create", consultation),
        {"text": "Kopienas vārdā.", "community": community.pk},
    )
    assert Submission.objects.get().community is None


def test_after_the_close_date_the_page_says_so_and_the_server_refuses(client, resident):
    consultation = closed()
    client.force_login(resident)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert url("submission-create", consultation) not in page
    assert "beidzās" in page
    response = client.post(url("submission-create", consultation), {"text": "Vēlu."})
    assert response.status_code == 403
    assert not Submission.objects.exists()


def test_boilerplate_is_refused_beside_the_field_then_a_real_answer_goes_out(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    consultation = closed()
    submission = SubmissionFactory(consultation=consultation)
    client.force_login(staff)
    form = client.get(url("answer", consultation) + f"?s={submission.pk}")
    assert form.status_code == 200
    data = {"submissions": [submission.pk], "status": "accepted"}
    response = client.post(
        url("answer", consultation), {**data, "explanation": "Pieņemts zināšanai."}
    )
    assert response.status_code == 200
    assert "pieņemts zināšanai" in str(response.context["form"].errors["explanation"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("answer", consultation), {**data, "explanation": EXPLANATION})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.is_answered
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [submission.author.email]
    assert EXPLANATION in mailoutbox[0].body


def test_grouped_answer_from_the_submission_list(client, staff):
    consultation = closed()
    first, second = (
        SubmissionFactory(consultation=consultation),
        SubmissionFactory(consultation=consultation),
    )
    client.force_login(staff)
    page = client.get(url("submission-list", consultation))
    assert page.status_code == 200
    client.post(
        url("answer", consultation),
        {"submissions": [first.pk, second.pk], "status": "partly", "explanation": EXPLANATION},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.answer_id == second.answer_id is not None


def test_staff_do_not_answer_their_own_submission(client, staff):
    consultation = closed()
    own = SubmissionFactory(consultation=consultation, author=staff)
    client.force_login(staff)
    response = client.post(
        url("answer", consultation),
        {"submissions": [own.pk], "status": "accepted", "explanation": EXPLANATION},
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert not own.is_answered


def test_completion_is_refused_with_the_reason_then_done(client, staff):
    consultation = closed()
    submission = SubmissionFactory(consultation=consultation)
    client.force_login(staff)
    response = client.post(url("consultation-move", consultation, action="complete"), follow=True)
    assert "bez atbildes: 1" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.PUBLISHED
    answered(submission)
    client.post(url("consultation-move", consultation, action="complete"))
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.COMPLETED


def test_extension_over_http_needs_a_reason_and_is_shown_to_the_submitter(client, staff):
    consultation = closed()
    submission = SubmissionFactory(consultation=consultation)
    until = (consultation.response_due_on + 3 * DAY).isoformat()
    client.force_login(staff)
    response = client.post(
        url("answer-extend", consultation, pk=submission.pk), {"until": until, "reason": ""}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    client.post(
        url("answer-extend", consultation, pk=submission.pk),
        {"until": until, "reason": "Jāsaņem ceļu dienesta atzinums."},
    )
    client.force_login(submission.author)
    page = client.get(submission.get_absolute_url()).content.decode()
    assert "Jāsaņem ceļu dienesta atzinums." in page


def test_the_feedback_page_hides_names_unless_agreed(client):
    consultation = closed()
    hidden = UserFactory(full_name="Slēpta Persona")
    shown = UserFactory(full_name="Rādāma Persona")
    answered(SubmissionFactory(consultation=consultation, author=hidden, show_name=False))
    answered(SubmissionFactory(consultation=consultation, author=shown, show_name=True))
    community = CommunityFactory(name="Upmalas kaimiņi")
    SubmissionFactory(consultation=consultation, author=UserFactory(), community=community)

    response = client.get(url("feedback", consultation))
    page = response.content.decode()

    assert "Slēpta Persona" not in page
    assert hidden.email not in page
    assert "Rādāma Persona" in page
    assert "Upmalas kaimiņi" in page
    figures = response.context["figures"]
    assert (figures.total, figures.answered, figures.joint) == (3, 2, 1)


def test_the_overdue_list_shows_late_answers_only(client, staff):
    late = ConsultationFactory(opens_on=TODAY - 90 * DAY, closes_on=TODAY - 60 * DAY)
    overdue = SubmissionFactory(consultation=late, text="Nokavēta.")
    on_time = SubmissionFactory(consultation=closed(), text="Laikā.")
    client.force_login(staff)
    response = client.get(url("overdue"))
    assert list(response.context["submissions"]) == [overdue]
    assert on_time not in response.context["submissions"]


def test_residents_follow_neighbourhoods(client, resident):
    first, second = NeighbourhoodFactory(), NeighbourhoodFactory()
    client.force_login(resident)
    assert client.get(url("following")).status_code == 200
    client.post(url("following"), {"territories": [first.pk, second.pk]})
    assert set(resident.followed_territories.values_list("territory_id", flat=True)) == {
        first.pk,
        second.pk,
    }
    client.post(url("following"), {"territories": [second.pk]})
    assert list(resident.followed_territories.values_list("territory_id", flat=True)) == [second.pk]


def test_my_submissions(client, resident):
    mine = SubmissionFactory(author=resident)
    SubmissionFactory()
    client.force_login(resident)
    response = client.get(url("submission-mine"))
    assert list(response.context["submissions"]) == [mine]


def test_a_correction_is_shown_on_the_feedback_page(client, staff):
    consultation = closed()
    submission = answered(SubmissionFactory(consultation=consultation))
    client.force_login(staff)
    response = client.post(
        url("answer-correct", consultation, pk=submission.pk),
        {
            "status": "partly",
            "explanation": EXPLANATION + " Apgaismojums – nākamgad.",
            "reason": "Budžets ļauj tikai pāreju.",
        },
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(url("feedback", consultation)).content.decode()
    assert "Budžets ļauj tikai pāreju." in page


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, rows):
    area = NeighbourhoodFactory()
    for _ in range(rows):
        consultation = ConsultationFactory(neighbourhoods=[area])
        SubmissionFactory(consultation=consultation)
    with django_assert_max_num_queries(8):
        assert client.get(url("consultation-list")).status_code == 200


@pytest.mark.parametrize("rows", [10, 200])
def test_the_feedback_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, rows
):
    consultation = closed()
    community = CommunityFactory()
    for number in range(rows):
        submission = SubmissionFactory(
            consultation=consultation,
            community=community if number % 10 == 0 else None,
            show_name=number % 3 == 0,
        )
        if number % 2:
            answered(submission)
    with django_assert_max_num_queries(10):
        response = client.get(url("feedback", consultation))
    assert response.status_code == 200
    assert response.context["figures"].total == rows


def test_the_feedback_page_with_a_thousand_submissions(client, django_assert_max_num_queries):
    consultation = closed()
    author = UserFactory()
    Submission.objects.bulk_create(
        Submission(consultation=consultation, author=author, text=f"Viedoklis {n}")
        for n in range(1000)
    )
    with django_assert_max_num_queries(10):
        response = client.get(url("feedback", consultation) + "?page=20")
    assert response.status_code == 200
    assert response.context["figures"].total == 1000


def test_the_feedback_page_turns_the_joint_opinions_a_page_at_a_time(
    client, django_assert_max_num_queries
):
    consultation = closed()
    Submission.objects.bulk_create(
        Submission(
            consultation=consultation,
            community=CommunityFactory(name=f"Kopiena {number:02}"),
            text=f"Kopīgais viedoklis {number}",
        )
        for number in range(60)
    )
    with django_assert_max_num_queries(10):
        response = client.get(url("feedback", consultation))
    page = response.content.decode()
    assert len(response.context["joint"]) == 50
    assert "?joint=2#joint-title" in page
    later = client.get(url("feedback", consultation) + "?joint=2").content.decode()
    assert "Kopīgais viedoklis 59" in later and "Kopīgais viedoklis 0<" not in later


@pytest.mark.parametrize("rows", [2, 30])
def test_the_consultation_page_for_a_resident_runs_a_fixed_number_of_queries(
    client, resident, django_assert_max_num_queries, rows
):
    consultation = ConsultationFactory(neighbourhoods=[NeighbourhoodFactory()])
    for number in range(rows):
        submission = SubmissionFactory(consultation=consultation, author=resident)
        if number % 2:
            answered(submission)
    client.force_login(resident)
    with django_assert_max_num_queries(12):
        response = client.get(consultation.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["my_submissions"]) == rows


@pytest.mark.parametrize("days", [[7], [3, 9], [4, 1, 8], [10, 2, 6, 5], [0, 0, 3, 11, 2]])
def test_the_median_days_to_answer_reads_the_middle_of_the_list(days):
    import statistics

    from consultations.feedback import figures

    consultation = closed()
    author = UserFactory()
    Submission.objects.bulk_create(
        Submission(consultation=consultation, author=author, text="x", working_days_to_answer=d)
        for d in [*days, None]
    )
    assert figures(consultation.submissions.all()).median_days == statistics.median(days)


def test_the_figures_add_up_as_one_count_per_figure_would():
    """``figures`` counts groups of rows and adds them up: the same as a COUNT per figure,
    overdue ones included (past the consultation's due date, or past an extension)."""
    from django.db.models import Q

    from consultations.feedback import _overdue, figures

    consultation = closed()
    Consultation.objects.filter(pk=consultation.pk).update(response_due_on=TODAY - 2 * DAY)
    community = CommunityFactory()
    answered(SubmissionFactory(consultation=consultation), late=True, days=12)
    answered(SubmissionFactory(consultation=consultation), status=AnswerStatus.PARTLY, days=4)
    answered(SubmissionFactory(consultation=consultation, community=community), days=2)
    SubmissionFactory(consultation=consultation)  # overdue: past the due date
    SubmissionFactory(consultation=consultation, extended_until=TODAY + DAY)  # extended
    SubmissionFactory(consultation=consultation, extended_until=TODAY - DAY)  # and overdue
    SubmissionFactory(consultation=closed())  # another consultation's

    rows = consultation.submissions.all()
    found = figures(rows)
    assert (
        (found.total, found.answered, found.joint)
        == (
            rows.count(),
            rows.filter(status=Submission.Status.ANSWERED).count(),
            rows.filter(community__isnull=False).count(),
        )
        == (6, 3, 1)
    )
    late = rows.filter(Q(answered_late=True) | _overdue(TODAY)).count()
    assert found.late == late == 3
    assert found.by_status == [
        (label, rows.filter(answer__status=value).count()) for value, label in AnswerStatus.choices
    ]
    assert found.median_days == 4
    # The consultation page's line: the same counts.
    assert rows.aggregate_counts() == {"total": 6, "joint": 1, "answered": 3}


def test_the_feedback_page_shows_each_part_of_a_submission_and_its_answer(client):
    """The rows are read as values() and labelled in Python (consultations.shown): the
    document and section, a corrected answer with the earlier one, and the extended date
    of one still waiting."""
    from consultations.models import Answer, ConsultationDocument
    from portal.dates import short_date

    consultation = closed()
    document = ConsultationDocument.objects.create(
        consultation=consultation, title="Tehniskais projekts", file="x.pdf"
    )
    corrected = answered(
        SubmissionFactory(consultation=consultation, document=document, section="3.2.")
    )
    Answer.objects.filter(pk=corrected.answer_id).update(
        corrected_at=timezone.now(),
        correction_reason="Pārrakstīšanās kļūda.",
        earlier_status=AnswerStatus.NOT_ACCEPTED,
        earlier_explanation="Sākotnējais skaidrojums.",
    )
    SubmissionFactory(
        consultation=consultation,
        extended_until=TODAY + 5 * DAY,
        extension_reason="Vajag atzinumu.",
        author=UserFactory(full_name="Rūta Bērziņa"),
        show_name=True,
    )
    SubmissionFactory(
        consultation=consultation,
        text="Pirmā <b>rindkopa</b> & vēl\r\nrinda.\n\nOtrā rindkopa.",
        author=UserFactory(full_name="<Jānis>"),
        show_name=True,
    )

    page = client.get(url("feedback", consultation)).content.decode()

    # The cards are written in Python (consultations.shown.feedback_items): escaped, with
    # paragraphs and line breaks as the linebreaks filter writes them.
    assert "<h3>&lt;Jānis&gt;</h3>" in page
    assert (
        "<p>Pirmā &lt;b&gt;rindkopa&lt;/b&gt; &amp; vēl<br>rinda.</p>\n\n<p>Otrā rindkopa.</p>"
        in (page)
    )
    assert "Tehniskais projekts, 3.2." in page
    assert "Pārrakstīšanās kļūda." in page and "Sākotnējais skaidrojums." in page
    assert short_date(timezone.now()) in page.split("Pārrakstīšanās")[0].rsplit("<strong>", 1)[1]
    assert "Rūta Bērziņa" in page and short_date(TODAY + 5 * DAY) in page
    assert "Vajag atzinumu." in page


@pytest.mark.parametrize(
    "days",
    [[], [5], [5, 5], [2, 2, 2, 9], [1, 4, 4, 4, 4, 7], [0, 3, 3, 8, 8, 8, 20], [6, 1] * 7],
)
def test_the_median_days_come_from_how_many_took_each_number_of_days(days):
    """``figures`` counts the submissions per number of working days and finds the middle
    there: the same number (and type: 4 or 4.5) as ``statistics.median`` of the list."""
    import statistics

    from consultations.feedback import figures

    consultation = closed()
    author = UserFactory()
    Submission.objects.bulk_create(
        Submission(consultation=consultation, author=author, text="x", working_days_to_answer=d)
        for d in [*days, None, None]
    )
    found = figures(consultation.submissions.all()).median_days
    assert repr(found) == repr(statistics.median(days) if days else None)


def test_the_list_s_cards_escape_their_texts_and_link_the_feedback(client):
    """The list's cards are written in Python once per list (consultations.shown.cards_html)."""
    area = NeighbourhoodFactory(name="Ozoli & <Liepas>")
    consultation = ConsultationFactory(title="Parks & <skvērs>", neighbourhoods=[area])
    SubmissionFactory(consultation=consultation)

    page = client.get(reverse("consultations:consultation-list")).content.decode()

    detail = reverse("consultations:consultation-detail", kwargs={"slug": consultation.slug})
    assert f'<h2><a href="{detail}">Parks &amp; &lt;skvērs&gt;</a></h2>' in page
    assert " · Ozoli &amp; &lt;Liepas&gt;</p>" in page
    assert reverse("consultations:feedback", kwargs={"slug": consultation.slug}) in page
    assert "<skvērs>" not in page
