"""Issue 26 item 3: a round's state is read from its dates. Once its deadline passes, the
round's page and the list stop saying that applications are accepted on the very next
request — no staff action, no task."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from grants.models import Round
from tests.grants.factories import RoundFactory

pytestmark = pytest.mark.django_db
ACCEPTING = "pieteikumi tiek pieņemti"
CLOSED = "pieteikumu pieņemšana beigusies, gaidāma vērtēšana"


def _pages(client, round_):
    listed = client.get(reverse("grants:round-list")).content.decode()
    page = client.get(round_.get_absolute_url()).content.decode()
    return listed, page


@pytest.mark.parametrize("role", ["anonymous", "leader", "staff"])
def test_after_the_deadline_the_round_no_longer_says_it_accepts_applications(
    client, role, leader, staff
):
    now = timezone.now()
    round_ = RoundFactory(title="Kaimiņu iniciatīvas", deadline=now + datetime.timedelta(hours=1))
    if role != "anonymous":
        client.force_login({"leader": leader, "staff": staff}[role])
    listed, page = _pages(client, round_)
    assert ACCEPTING in listed and ACCEPTING in page and CLOSED not in page

    with freeze_time(now + datetime.timedelta(hours=2)):
        listed, page = _pages(client, round_)
    assert ACCEPTING not in listed and ACCEPTING not in page
    assert CLOSED in listed and CLOSED in page
    assert reverse("grants:application-start", kwargs={"slug": round_.slug}) not in page
    assert Round.objects.get(pk=round_.pk).status == Round.Status.OPEN  # nothing was flipped


def test_the_full_stage_closes_at_its_own_deadline(client):
    now = timezone.now()
    round_ = RoundFactory(
        two_stage=True,
        status=Round.Status.FULL_STAGE,
        deadline=now - datetime.timedelta(days=30),
        full_deadline=now + datetime.timedelta(hours=1),
    )
    assert "tiek pieņemti pilnie pieteikumi" in _pages(client, round_)[1]
    with freeze_time(now + datetime.timedelta(hours=2)):
        listed, page = _pages(client, round_)
    assert "tiek pieņemti pilnie pieteikumi" not in page + listed and CLOSED in page
