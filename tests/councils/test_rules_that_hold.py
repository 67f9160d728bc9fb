"""Issue 26 item 3, over HTTP as staff and residents would: a published agenda changed later
than the council's notice needs a reason, shown on the agenda; the quorum and the votes count
from who sits on the council and who was present, never from numbers typed."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from councils.models import (
    AgendaItem,
    Candidacy,
    Council,
    Election,
    LotDrawing,
    Meeting,
    Recommendation,
)
from councils.services import elections
from tests.councils.factories import CouncilFactory, MeetingFactory, seat_for
from tests.portal.factories import NeighbourhoodFactory, ParishFactory, UserFactory

pytestmark = pytest.mark.django_db
RIGA = zoneinfo.ZoneInfo("Europe/Riga")


def _url(name, meeting, **kwargs):
    return reverse(name, kwargs={"slug": meeting.council.slug, "pk": meeting.pk, **kwargs})


def _meeting_on(day, status=Meeting.Status.PUBLISHED):
    starts = datetime.datetime.combine(day, datetime.time(17, 0), tzinfo=RIGA)
    meeting = MeetingFactory(council=CouncilFactory(), starts_at=starts, status=status)
    meeting.items.create(number=1, title="Budžeta projekts")
    return meeting


# The 3-working-day rule for every change of a published agenda -----------------------------


@freeze_time("2026-11-30 09:00")  # Monday; the meeting on Wednesday: the notice ended on Friday
def test_an_item_added_or_changed_within_the_notice_needs_a_reason_shown_on_the_agenda(
    client, staff
):
    meeting = _meeting_on(datetime.date(2026, 12, 2))
    client.force_login(staff)
    page = client.get(meeting.get_absolute_url()).content.decode()
    add_form = page.split(_url("councils:item-add", meeting))[1].split("</form>")[0]
    assert 'name="late_reason"' in add_form  # the add form asks for it

    refused = client.post(_url("councils:item-add", meeting), {"title": "Ielu apgaismojums"})
    assert refused.status_code == 200 and meeting.items.count() == 1
    assert "Pamatojiet, kāpēc darba kārtība mainās" in refused.content.decode()

    added = client.post(
        _url("councils:item-add", meeting),
        {"title": "Ielu apgaismojums", "late_reason": "Avārija apgaismojuma tīklā."},
    )
    assert added.status_code == 302
    item = meeting.items.get(number=2)
    assert item.late_change == "added" and item.late_reason == "Avārija apgaismojuma tīklā."

    edit = _url("councils:item-edit", meeting, item=1)
    first = meeting.items.get(number=1)
    edit = _url("councils:item-edit", meeting, item=first.pk)
    assert 'name="late_reason"' in client.get(edit).content.decode()
    client.post(edit, {"title": "Budžeta grozījumi"})
    assert AgendaItem.objects.get(pk=first.pk).title == "Budžeta projekts"  # refused
    client.post(edit, {"title": "Budžeta grozījumi", "late_reason": "Dome mainīja projektu."})
    first.refresh_from_db()
    assert first.title == "Budžeta grozījumi" and first.late_change == "changed"

    client.logout()  # residents read the agenda with the reasons
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Iekļauts darba kārtībā 30.11.2026., pēc paziņošanas termiņa." in page
    assert "Avārija apgaismojuma tīklā." in page
    assert "Mainīts 30.11.2026." in page and "Dome mainīja projektu." in page


@freeze_time("2026-11-23 09:00")  # Monday; the meeting next Monday: in time
def test_in_time_or_in_a_draft_no_reason_is_asked(client, staff):
    client.force_login(staff)
    for meeting in (
        _meeting_on(datetime.date(2026, 11, 30)),
        _meeting_on(datetime.date(2026, 11, 24), status=Meeting.Status.DRAFT),
    ):
        page = client.get(meeting.get_absolute_url()).content.decode()
        add_form = page.split(_url("councils:item-add", meeting))[1].split("</form>")[0]
        assert "<textarea" in add_form and 'name="late_reason"' not in add_form
        client.post(_url("councils:item-add", meeting), {"title": "Ielu apgaismojums"})
        item = meeting.items.get(number=2)
        assert item.late_change == "" and item.late_reason == ""


def test_residents_and_members_do_not_change_the_agenda(client, resident):
    meeting = _meeting_on(timezone.localdate() + datetime.timedelta(days=1))
    member = UserFactory()
    seat_for(member, meeting.council)
    item = meeting.items.get()
    for person in (resident, member):
        client.force_login(person)
        edit = _url("councils:item-edit", meeting, item=item.pk)
        assert client.post(edit, {"title": "X", "late_reason": "Y"}).status_code == 403
        assert client.post(_url("councils:item-add", meeting), {"title": "X"}).status_code == 403
    assert meeting.items.count() == 1


# Quorum and votes from who sits and who was present --------------------------------------


def _vote(client, meeting, item, **votes):
    data = {"text": "Atbalstīt budžeta projektu.", "voted": "on", **votes}
    return client.post(_url("councils:recommendation", meeting, item=item.pk), data)


def test_a_vote_of_three_on_a_council_where_two_sit_is_refused(client, staff):
    meeting = _meeting_on(timezone.localdate())  # today: presence can be recorded
    members = [UserFactory(full_name="Anna Liepa"), UserFactory(full_name="Jānis Kalns")]
    for member in members:
        seat_for(member, meeting.council)  # 5 seats, 2 sitting
    item = meeting.items.get()
    client.force_login(staff)

    before = _vote(client, meeting, item, votes_for=2)
    assert "Vispirms atzīmējiet, kuri locekļi ir klāt" in before.content.decode()

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Anna Liepa" in page and 'name="present"' in page
    client.post(_url("councils:presence", meeting), {"present": [m.pk for m in members]})
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Klāt esošie locekļi: 2; padomes locekļi: 2; kvorumam vajag: 2." in page

    refused = _vote(client, meeting, item, votes_for=3)
    assert refused.status_code == 200 and not Recommendation.objects.exists()
    text = refused.content.decode()
    assert "Balsu vairāk nekā klāt esošo locekļu. Balsis: 3; klāt: 2; padomes locekļi: 2." in text

    assert _vote(client, meeting, item, votes_for=1, votes_against=1).status_code == 302
    assert Recommendation.objects.get().votes_for == 1

    client.force_login(members[0])  # recorded present, never answered beforehand
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Vai piedalīsieties?" in page and "nevarat piedalīties" not in page


def test_no_quorum_when_too_few_of_the_sitting_members_were_present(client, staff):
    meeting = _meeting_on(timezone.localdate())
    members = [UserFactory() for _ in range(3)]
    for member in members:
        seat_for(member, meeting.council)
    stranger = UserFactory()  # sits on no council: not offered, not counted
    client.force_login(staff)
    client.post(_url("councils:presence", meeting), {"present": [members[0].pk, stranger.pk]})
    assert not Meeting.objects.get(pk=meeting.pk).presence_recorded_at
    client.post(_url("councils:presence", meeting), {"present": [members[0].pk]})
    refused = _vote(client, meeting, meeting.items.get(), votes_for=1)
    assert "Nav kvoruma. Klāt: 1; padomes locekļi: 3; lēmumam vajag: 2." in refused.content.decode()
    assert not Recommendation.objects.exists()


def test_only_staff_record_who_is_present(client, resident):
    meeting = _meeting_on(timezone.localdate())
    member = UserFactory()
    seat_for(member, meeting.council)
    for person in (resident, member):
        client.force_login(person)
        response = client.post(_url("councils:presence", meeting), {"present": [member.pk]})
        assert response.status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).presence_recorded_at is None


# Election ties: shown as ties, settled by the council's rule, lots recorded ---------------


def _tied_election(staff, tie_rule=Council.TieRule.LOTS):
    """A residents' council with one seat and two candidates with one vote each; voting
    ended yesterday."""
    parish = ParishFactory(name="Baldones pagasts")
    area = NeighbourhoodFactory(parent=parish, name="Ziemeļi")
    council = CouncilFactory(
        kind=Council.Kind.RESIDENTS, territory=parish, seats=1, tie_rule=tie_rule
    )
    today = timezone.localdate()
    with freeze_time(today - datetime.timedelta(days=10)):
        election = elections.call_election(
            actor=staff,
            council=council,
            stand_until=today - datetime.timedelta(days=8),
            votes_from=today - datetime.timedelta(days=5),
            votes_until=today - datetime.timedelta(days=1),
        )
        candidacies = [
            elections.stand(
                actor=UserFactory(full_name=name),
                election=election,
                territory=area,
                statement="Kopā par parku.",
                meets_conditions=True,
            )
            for name in ("Anna Liepa", "Juris Kalns")
        ]
    with freeze_time(today - datetime.timedelta(days=3)):
        for candidacy in candidacies:
            elections.cast_vote(
                actor=UserFactory(), election=election, candidacy=candidacy, territory=area
            )
    return election


def _election_url(name, election):
    return reverse(name, kwargs={"slug": election.council.slug, "pk": election.pk})


def test_a_tie_is_shown_and_settled_by_lots_recorded_with_who_and_when(client, staff, resident):
    election = _tied_election(staff)
    staff.full_name = "Ilze Ozola"
    staff.save(update_fields=["full_name"])
    client.force_login(staff)
    page = client.get(election.get_absolute_url()).content.decode()
    assert "neizšķirts" in page and "Veikt izlozi" in page

    refused = client.post(_election_url("councils:election-publish", election), follow=True)
    assert "Padomes noteikums ir izloze: vispirms veiciet izlozi." in refused.content.decode()
    assert Election.objects.get(pk=election.pk).status == Election.Status.OPEN

    client.force_login(resident)  # only staff draw
    assert client.post(_election_url("councils:election-lots", election)).status_code == 403
    assert not LotDrawing.objects.exists()

    client.force_login(staff)
    client.post(_election_url("councils:election-lots", election))
    drawing = LotDrawing.objects.get()
    assert drawing.drawn_by == staff and drawing.votes == 1 and drawing.seats == 1
    again = client.post(_election_url("councils:election-lots", election), follow=True)
    assert "Izloze jau ir veikta." in again.content.decode()
    assert LotDrawing.objects.count() == 1

    client.post(_election_url("councils:election-publish", election))
    winner = Candidacy.objects.get(pk=drawing.order[0])
    assert winner.elected and Candidacy.objects.filter(elected=True).count() == 1
    assert election.changes.filter(event="lots_drawn").exists()

    client.logout()  # everyone reads the tie and the drawing with the results
    page = client.get(election.get_absolute_url()).content.decode()
    assert "neizšķirts" in page and "Izloze" in page and "Izlozi veica Ilze Ozola" in page
    assert timezone.localtime(drawing.drawn_at).strftime("%d.%m.%Y.") in page
    lots = page.split('id="lots"')[1]
    assert lots.index(winner.person.full_name) < lots.index(
        Candidacy.objects.get(pk=drawing.order[1]).person.full_name
    )


def test_a_council_whose_rule_is_who_stood_first_publishes_the_tie_without_lots(client, staff):
    election = _tied_election(staff, tie_rule=Council.TieRule.FIRST_STOOD)
    client.force_login(staff)
    page = client.get(election.get_absolute_url()).content.decode()
    assert "neizšķirts" in page and "Veikt izlozi" not in page
    assert "kandidāts, kurš pieteicās pirmais" in page
    client.post(_election_url("councils:election-publish", election))
    assert Candidacy.objects.get(elected=True).person.full_name == "Anna Liepa"
    assert not LotDrawing.objects.exists()
    page = client.get(election.get_absolute_url()).content.decode()
    assert "neizšķirts" in page and "kandidāts, kurš pieteicās pirmais" in page


def test_staff_choose_the_councils_tie_rule_in_its_settings(client, staff):
    council = CouncilFactory(kind=Council.Kind.RESIDENTS, territory=ParishFactory())
    client.force_login(staff)
    edit = reverse("councils:council-edit", kwargs={"slug": council.slug})
    assert 'name="tie_rule"' in client.get(edit).content.decode()
    response = client.post(
        edit,
        {
            "remit": council.remit,
            "quorum": "majority",
            "term_years": 4,
            "min_candidate_age": 16,
            "notice_working_days": 3,
            "tie_rule": "first_stood",
        },
    )
    assert response.status_code == 302
    assert Council.objects.get(pk=council.pk).tie_rule == Council.TieRule.FIRST_STOOD
