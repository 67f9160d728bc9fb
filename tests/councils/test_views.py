"""The councils' pages over HTTP, the way staff, a leader and a member use them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation
from councils.models import Council, Meeting, Nomination, Recommendation, ReviewComment, Term
from portal.dates import short_date
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.consultations.factories import EXPLANATION, SubmissionFactory, answered, closed
from tests.councils.factories import CouncilFactory, MeetingFactory, seat_for
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_from_a_new_council_to_an_answered_recommendation(client, staff):
    community = CommunityFactory(status="active", name="Ābeļu kopiena")
    leader, nominee = UserFactory(), UserFactory(full_name="Dace Vītola")
    MembershipFactory(community=community, user=leader, role="leader")
    MembershipFactory(community=community, user=nominee)
    consultation = closed(title="Ielu pārbūve")
    joint = answered(SubmissionFactory(consultation=consultation, community=community))
    SubmissionFactory(consultation=consultation, text="Vajag soliņus.")

    client.force_login(staff)
    response = client.post(
        reverse("councils:council-create"),
        {
            "kind": "advisory",
            "name": "NVO konsultatīvā padome",
            "remit": "Konsultē pašvaldību.",
            "quorum": "majority",
            "term_years": 2,
            "min_candidate_age": 16,
            "notice_working_days": 3,
            "tie_rule": "lots",
            "seats": 3,
            "community_seats": 2,
        },
    )
    council = Council.objects.get()
    assert response.status_code == 302 and response["Location"] == council.get_absolute_url()
    client.post(
        reverse("councils:nominations-open", kwargs={"slug": council.slug}),
        {"opens_on": TODAY, "closes_on": TODAY + datetime.timedelta(days=14)},
    )

    client.force_login(leader)
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Nominations are open" in page or "Pieteikšana" in page or "nominate" in page
    response = client.post(
        reverse("councils:nominate", kwargs={"slug": council.slug}),
        {"community": community.pk, "nominee": nominee.pk, "motivation": "Aktīva kaimiņiene."},
    )
    assert response.status_code == 302, response.content.decode()
    nomination = Nomination.objects.get()

    client.force_login(nominee)
    client.post(
        reverse(
            "councils:nomination-move",
            kwargs={"slug": council.slug, "pk": nomination.pk, "action": "consent"},
        )
    )
    client.force_login(staff)
    client.post(
        reverse(
            "councils:nomination-move",
            kwargs={"slug": council.slug, "pk": nomination.pk, "action": "appoint"},
        )
    )
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.APPOINTED
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Dace Vītola" in page and "Ābeļu kopiena" in page

    starts = timezone.localtime() + datetime.timedelta(days=20)
    client.post(
        reverse("councils:meeting-create", kwargs={"slug": council.slug}),
        {
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "place": "Domes zāle",
            "title": "Ielu pārbūves apspriešanas rezultāti",
            "consultation": consultation.pk,
        },
    )
    meeting = Meeting.objects.get()
    item = meeting.items.get()
    client.post(
        reverse("councils:meeting-publish", kwargs={"slug": council.slug, "pk": meeting.pk})
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED

    client.force_login(nominee)
    review = reverse(
        "councils:review", kwargs={"slug": council.slug, "pk": meeting.pk, "item": item.pk}
    )
    response = client.get(review, {"joint": "yes"})
    assert [row[0]["pk"] for row in response.context["rows"]] == [joint.pk]
    client.post(review, {"text": "Kopienas viedoklis jāņem vērā.", "submission": joint.pk})
    assert ReviewComment.objects.get().submission == joint
    client.post(
        reverse("councils:attendance", kwargs={"slug": council.slug, "pk": meeting.pk}),
        {"attends": "yes"},
    )

    client.force_login(staff)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now())  # the day came
    client.post(
        reverse("councils:presence", kwargs={"slug": council.slug, "pk": meeting.pk}),
        {"present": [nominee.pk]},
    )
    client.post(
        reverse(
            "councils:recommendation",
            kwargs={"slug": council.slug, "pk": meeting.pk, "item": item.pk},
        ),
        {"text": "Iekļaut gājēju pāreju.", "voted": "on", "votes_for": 1, "votes_against": 0},
    )
    assert Recommendation.objects.get().votes_for == 1
    client.post(
        reverse("councils:minutes", kwargs={"slug": council.slug, "pk": meeting.pk}),
        {"minutes": "Sēde notika."},
    )
    response = client.post(
        reverse(
            "councils:answer", kwargs={"slug": council.slug, "pk": meeting.pk, "item": item.pk}
        ),
        {"status": "accepted", "explanation": EXPLANATION},
    )
    assert response.status_code == 302
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Iekļaut gājēju pāreju." in page and "satiksmes" in page


def test_a_late_announcement_asks_for_the_reason_and_shows_it(client, staff):
    meeting = MeetingFactory(
        status=Meeting.Status.DRAFT, starts_at=timezone.now() + datetime.timedelta(days=1)
    )
    client.force_login(staff)
    url = reverse(
        "councils:meeting-publish", kwargs={"slug": meeting.council.slug, "pk": meeting.pk}
    )
    response = client.post(url, {"late_reason": ""})
    assert response.status_code == 200 and response.context["form"].errors
    client.post(url, {"late_reason": "Steidzams budžeta grozījums."})
    client.logout()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Steidzams budžeta grozījums." in page


def test_review_view_has_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    meeting = MeetingFactory()
    consultation = closed()
    item = meeting.items.create(number=1, title="Apspriešana", consultation=consultation)
    member = UserFactory()
    seat_for(member, meeting.council)
    client.force_login(member)
    url = reverse(
        "councils:review", kwargs={"slug": meeting.council.slug, "pk": meeting.pk, "item": item.pk}
    )
    counts = []
    for total in (10, 200):
        have = consultation.submissions.count()
        for number in range(total - have):
            submission = SubmissionFactory(consultation=consultation)
            if number % 2:
                answered(submission)
        ReviewComment.objects.create(item=item, author=member, text="x", submission=submission)
        with django_assert_max_num_queries(15) as queries:
            response = client.get(url)
        counts.append(len(queries.captured_queries))
        assert response.status_code == 200
        assert len(response.context["rows"]) == min(total, 50)
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(15):  # a later page of a filtered list
        response = client.get(url + "?page=2&status=answered")
    assert response.status_code == 200
    assert len(response.context["rows"]) == 50
    assert Consultation.objects.count() == 1


def test_the_national_view_lists_open_nominations_of_every_municipality(staff):
    from django.test import Client

    from councils.services import nominations
    from tests.councils.factories import CouncilFactory
    from tests.portal.factories import MunicipalityFactory

    beta = MunicipalityFactory(name="Beta novads", hosts=["beta.test"])
    theirs = CouncilFactory(municipality=beta, name="Beta konsultatīvā padome")
    ours = CouncilFactory(name="Alfa konsultatīvā padome")
    closed_one = CouncilFactory(name="Slēgtā padome")
    for council in (theirs, ours):
        nominations.open_nominations(
            actor=staff, council=council, opens_on=TODAY, closes_on=TODAY + datetime.timedelta(9)
        )
    closed_one.nomination_periods.create(
        opens_on=TODAY - datetime.timedelta(20), closes_on=TODAY - datetime.timedelta(1)
    )
    page = Client(HTTP_HOST="localhost").get("/lv/").content.decode()
    assert "Beta konsultatīvā padome" in page and "Alfa konsultatīvā padome" in page
    assert "Slēgtā padome" not in page
    assert f"http://beta.test/lv/councils/{theirs.slug}/" in page


def test_a_leader_of_a_community_elsewhere_does_not_nominate_here(client, staff):
    from councils.services import nominations
    from tests.councils.factories import CouncilFactory
    from tests.portal.factories import MunicipalityFactory

    council = CouncilFactory()
    nominations.open_nominations(
        actor=staff, council=council, opens_on=TODAY, closes_on=TODAY + datetime.timedelta(7)
    )
    here, elsewhere = UserFactory(), UserFactory()
    MembershipFactory(community=CommunityFactory(status="active"), user=here, role="leader")
    other = CommunityFactory(status="active", municipality=MunicipalityFactory())
    MembershipFactory(community=other, user=elsewhere, role="leader")
    nominate = reverse("councils:nominate", kwargs={"slug": council.slug})

    client.force_login(here)
    assert nominate in client.get(council.get_absolute_url()).content.decode()
    assert client.get(nominate).status_code == 200

    client.force_login(elsewhere)
    assert nominate not in client.get(council.get_absolute_url()).content.decode()
    assert client.get(nominate).status_code == 403


def test_the_council_page_labels_its_rows_and_finds_the_members_past_one_page(
    client, staff, django_assert_max_num_queries
):
    """Members, the seat history, meetings and recommendations are labelled in Python
    (councils.shown); with more terms than a page of the history, the members still all show."""
    council = CouncilFactory(seats=25)
    names = [f"Loceklis {number:02d}" for number in range(1, 26)]
    for name in names:
        seat_for(UserFactory(full_name=name), council)
    ended = seat_for(UserFactory(full_name="Bijušais Loceklis"), council)
    Term.objects.filter(pk=ended.pk).update(
        starts_on=TODAY - datetime.timedelta(days=900), ends_on=TODAY - datetime.timedelta(days=1)
    )
    meeting = MeetingFactory(council=council, status=Meeting.Status.MINUTED, place="Mazā zāle")
    item = meeting.items.create(number=1, title="Parka labiekārtošana")
    Recommendation.objects.create(
        item=item,
        text="Stādīt <liepas> & ozolus.\n\nUn soliņus.",
        voted=True,
        votes_for=5,
        votes_against=1,
        abstentions=2,
        answer_due_on=TODAY - datetime.timedelta(days=3),
    )

    client.force_login(staff)
    client.get(council.get_absolute_url())  # the session written after signing in
    with django_assert_max_num_queries(13):
        page = client.get(council.get_absolute_url()).content.decode()
    members = page.split('id="members-title"')[1].split("</section>")[0]
    assert all(name in members for name in names) and "Bijušais" not in members
    assert (
        reverse("councils:meeting-detail", kwargs={"slug": council.slug, "pk": meeting.pk}) in page
    )
    assert "Mazā zāle" in page and "Parka labiekārtošana" in page
    answer = reverse(
        "councils:answer", kwargs={"slug": council.slug, "pk": meeting.pk, "item": item.pk}
    )
    assert f'href="{answer}"' in page
    due = short_date(TODAY - datetime.timedelta(days=3))
    assert due in page and "<strong>" in page.split(due)[1][:80]
    assert "par 5, pret 1, atturējās 2" in page
    # Written in Python once per list (councils.shown.recommendations_html): escaped, paragraphs.
    assert "<p>Stādīt &lt;liepas&gt; &amp; ozolus.</p>\n\n<p>Un soliņus.</p>" in page
    history = client.get(council.get_absolute_url(), {"seats": 2}).content.decode()
    assert "Bijušais Loceklis" in history.split('id="seats-title"')[1]
    assert all(
        name in history.split('id="members-title"')[1].split("</section>")[0] for name in names
    )


def test_the_papers_show_the_members_comments_with_their_names(client):
    meeting = MeetingFactory()
    consultation = closed()
    item = meeting.items.create(number=1, title="Apspriešana", consultation=consultation)
    member = UserFactory(full_name="Ilze <Ozola>")
    seat_for(member, meeting.council)
    submission = SubmissionFactory(consultation=consultation)
    ReviewComment.objects.create(item=item, author=member, text="Par visu <b>item</b>.")
    ReviewComment.objects.create(item=item, author=None, text="Par šo.", submission=submission)
    ReviewComment.objects.create(item=item, author=member, text="Arī.", submission=submission)
    client.force_login(member)
    url = reverse(
        "councils:review", kwargs={"slug": meeting.council.slug, "pk": meeting.pk, "item": item.pk}
    )
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    stamp = timezone.localtime(ReviewComment.objects.first().created_at).strftime("%d.%m.%Y. %H:%M")
    assert f'<span class="meta">Ilze &lt;Ozola&gt; · {stamp}</span>' in page
    assert "<p>Par visu &lt;b&gt;item&lt;/b&gt;.</p>" in page
    assert '<p class="meta">biedrs: Par šo.</p><p class="meta">Ilze &lt;Ozola&gt;: Arī.</p>' in page


def test_the_papers_filter_by_status_source_and_neighbourhood(client):
    """Each filter of the council's papers, alone and together (the keys are read by a shape
    for each combination of filters: ``councils.views.meetings._submission_keys``)."""
    from consultations.models import NeighbourhoodFollow
    from tests.portal.factories import NeighbourhoodFactory

    meeting = MeetingFactory()
    consultation = closed()
    item = meeting.items.create(number=1, title="Apspriešana", consultation=consultation)
    area, elsewhere = NeighbourhoodFactory(), NeighbourhoodFactory()
    covering = SubmissionFactory(
        consultation=consultation, community=CommunityFactory(neighbourhoods=[area])
    )
    far_community = SubmissionFactory(
        consultation=consultation, community=CommunityFactory(neighbourhoods=[elsewhere])
    )
    follower = SubmissionFactory(consultation=consultation)
    NeighbourhoodFollow.objects.create(user=follower.author, territory=area)
    other = answered(SubmissionFactory(consultation=consultation))
    member = UserFactory()
    seat_for(member, meeting.council)
    client.force_login(member)
    url = reverse(
        "councils:review", kwargs={"slug": meeting.council.slug, "pk": meeting.pk, "item": item.pk}
    )

    def shown(**chosen):
        response = client.get(url, chosen)
        assert response.status_code == 200
        return {row[0]["pk"] for row in response.context["rows"]}

    assert shown() == {covering.pk, far_community.pk, follower.pk, other.pk}
    assert shown(status="answered") == {other.pk}
    assert shown(status="received") == {covering.pk, far_community.pk, follower.pk}
    assert shown(joint="yes") == {covering.pk, far_community.pk}
    assert shown(joint="no") == {follower.pk, other.pk}
    assert shown(neighbourhood=area.pk) == {covering.pk, follower.pk}
    assert shown(neighbourhood=area.pk, joint="no") == {follower.pk}
    assert shown(neighbourhood=elsewhere.pk, status="answered") == set()
