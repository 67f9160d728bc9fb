"""A nominee hears she was nominated, consents on the council's page, and hears the outcome
(issue 26, item 2)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import Nomination
from portal.models import Notification
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_nominee_is_told_consents_on_her_page_and_hears_the_appointment(
    client, council, staff, mailoutbox, django_capture_on_commit_callbacks
):
    community = CommunityFactory(status="active", name="Zaļā iela")
    leader, nominee = UserFactory(), UserFactory(full_name="Anna Izvirzītā")
    MembershipFactory(community=community, user=leader, role="leader")
    MembershipFactory(community=community, user=nominee)
    today = timezone.localdate()
    council.nomination_periods.create(opens_on=today, closes_on=today + datetime.timedelta(7))

    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("councils:nominate", args=[council.slug]),
            {"community": community.pk, "nominee": nominee.pk, "motivation": "Aktīva."},
        )
    assert response.status_code == 302
    [message] = [m for m in mailoutbox if m.to == [nominee.email]]
    assert "Zaļā iela" in message.body and "Kas jādara tālāk" in message.body
    assert "#my-nominations" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    nomination = Nomination.objects.get()
    consent = reverse("councils:nomination-move", args=[council.slug, nomination.pk, "consent"])
    assert consent not in client.get(council.get_absolute_url()).content.decode()  # not hers

    client.force_login(nominee)
    page = client.get(council.get_absolute_url()).content.decode()
    assert 'id="my-nominations"' in page and consent in page
    client.post(consent)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.CONSENTED
    page = client.get(council.get_absolute_url()).content.decode()
    assert consent not in page and "piekritāt kandidēt" in page

    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("councils:nomination-move", args=[council.slug, nomination.pk, "appoint"])
        )
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.APPOINTED
    assert Notification.objects.filter(kind="council-nominated", user=nominee).count() == 2
    [appointed] = [m for m in mailoutbox if m.to == [nominee.email] and "iecēla" in m.body]
    assert council.name in appointed.subject


def test_a_nominee_who_declines_herself_gets_no_email_about_it(
    client, council, mailoutbox, django_capture_on_commit_callbacks
):
    community = CommunityFactory(status="active")
    leader, nominee = UserFactory(), UserFactory()
    MembershipFactory(community=community, user=leader, role="leader")
    MembershipFactory(community=community, user=nominee)
    today = timezone.localdate()
    council.nomination_periods.create(opens_on=today, closes_on=today)
    client.force_login(leader)
    client.post(
        reverse("councils:nominate", args=[council.slug]),
        {"community": community.pk, "nominee": nominee.pk, "motivation": "Aktīvs."},
    )
    nomination = Nomination.objects.get()
    client.force_login(nominee)
    client.post(reverse("councils:nomination-move", args=[council.slug, nomination.pk, "decline"]))
    assert Notification.objects.filter(kind="council-nominated", user=nominee).count() == 1
