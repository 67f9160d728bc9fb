"""The reminder sweep: computed keys, so each reminder goes out once; working days in Latvia."""

import dataclasses
import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from communities.models import Community, Membership
from communities.outbox.activity import ACTIVITY_RECORD_REMINDER
from portal import tasks
from portal.models import Notification, NotificationOptOut
from portal.outbox import notify_many, reminders
from portal.outbox.reminders import all_deadlines, current_stage, days_before, is_working_day
from tests.communities.factories import CommunityFactory, MembershipFactory
from tests.portal.factories import MunicipalityFactory, UserFactory, default_municipality

pytestmark = [pytest.mark.django_db, pytest.mark.dates]
LOCKS = next(d for d in all_deadlines() if d.code == "activity-record-locks")


def test_working_days_skip_weekends_and_latvian_public_holidays():
    assert not is_working_day(datetime.date(2026, 11, 18))  # Proclamation Day, a Wednesday
    assert not is_working_day(datetime.date(2026, 5, 4))  # Restoration of Independence
    assert not is_working_day(datetime.date(2026, 11, 21))  # a Saturday
    assert is_working_day(datetime.date(2026, 11, 17))
    # Friday 20 November 2026: Thursday 19th is one day, Wednesday 18th a holiday.
    assert days_before(datetime.date(2026, 11, 20), 2) == datetime.date(2026, 11, 17)
    assert days_before(datetime.date(2026, 11, 20), 2, working_days=False) == datetime.date(
        2026, 11, 18
    )
    # Wednesday 6 May 2026: 4 May (Monday) and 1 May (Friday) are holidays.
    assert days_before(datetime.date(2026, 5, 6), 2) == datetime.date(2026, 4, 30)
    assert days_before(datetime.date(2026, 11, 20), 10) == datetime.date(2026, 11, 5)


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        ("2026-11-04", None),  # before the first reminder
        ("2026-11-05", 10),
        ("2026-11-16", 10),
        ("2026-11-17", 2),
        ("2026-11-18", 2),  # a sweep that missed the 17th still sends the last one
        ("2026-11-20", 2),
        ("2026-11-21", None),  # locked
    ],
)
def test_which_reminder_is_due(today, stage):
    due = datetime.date(2026, 11, 20)
    assert current_stage(LOCKS, due, datetime.date.fromisoformat(today)) == stage


def test_the_lock_date_is_a_setting_of_the_municipality():
    municipality = default_municipality()
    assert municipality.activity_record_lock_date(2025) == datetime.date(2026, 1, 31)
    municipality.activity_record_locks_on_month = 2
    municipality.activity_record_locks_on_day = 29
    assert municipality.activity_record_lock_date(2026) == datetime.date(2027, 2, 28)
    assert municipality.activity_record_lock_date(2027) == datetime.date(2028, 2, 29)
    municipality.activity_record_locks_on_day = 30
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "activity_record_locks_on_day" in error.value.message_dict


@pytest.fixture
def world():
    """A municipality whose records lock on 20 November, with communities in every state."""
    municipality = default_municipality()
    municipality.activity_record_locks_on_month = 11
    municipality.activity_record_locks_on_day = 20
    municipality.save()
    leaders = {}
    for status in Community.Status.values:
        community = CommunityFactory(status=status, name=f"Kopiena {status}")
        leaders[status] = UserFactory(language="en" if status == "active" else "lv")
        MembershipFactory(community=community, user=leaders[status], role="leader")
        MembershipFactory(community=community, role=Membership.Role.BOARD)
        MembershipFactory(community=community, role=Membership.Role.MEMBER)
    # Another municipality keeps the default date (31 January): nothing is due there.
    elsewhere = CommunityFactory(
        status=Community.Status.ACTIVE, municipality=MunicipalityFactory(name="Beta")
    )
    MembershipFactory(community=elsewhere, role=Membership.Role.LEADER)
    return leaders


def sweep_on(day):
    with freeze_time(f"{day} 09:00:00"):
        output = io.StringIO()
        call_command("send_reminders", stdout=output)
        assert "new reminder" in output.getvalue()
        return tasks.deliver_due()


def test_the_sweep_run_twice_sends_each_reminder_once(world):
    assert sweep_on("2026-11-05") == 2  # the leaders of the verified and the active one
    assert sweep_on("2026-11-05") == 0
    assert sweep_on("2026-11-06") == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world["active"].email, world["verified"].email]
    )

    assert sweep_on("2026-11-17") == 2  # two working days before (the 18th is a holiday)
    assert sweep_on("2026-11-17") == 0
    assert sweep_on("2026-11-20") == 0
    assert sweep_on("2026-11-23") == 0
    assert len(mail.outbox) == 4
    keys = Notification.objects.filter(kind=ACTIVITY_RECORD_REMINDER)
    assert keys.count() == 4
    assert {row.key.rsplit(":", 1)[1] for row in keys} == {"10", "2"}


def test_the_reminder_says_what_to_do_in_the_leaders_language(world):
    sweep_on("2026-11-17")

    message = next(m for m in mail.outbox if m.to == [world["active"].email])
    assert message.subject == "Kopiena active: complete the activity record of 2025"
    assert "20.11.2026" in message.body
    assert "2 working days are left." in message.body
    assert "What to do next" in message.body
    assert "http://testserver/en/communities/" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    latvian = next(m for m in mail.outbox if m.to == [world["verified"].email])
    assert "/lv/communities/" in latvian.body


def test_a_leader_who_turned_reminders_off_gets_none(world):
    NotificationOptOut.objects.create(user=world["active"], kind=ACTIVITY_RECORD_REMINDER)

    sweep_on("2026-11-17")

    assert [m.to for m in mail.outbox] == [[world["verified"].email]]


def test_nothing_is_due_outside_the_reminder_days(world):
    for day in ("2026-11-04", "2026-11-21", "2027-06-01"):
        assert sweep_on(day) == 0
    assert not Notification.objects.exists()


def test_the_default_lock_date_reminds_in_january():
    community = CommunityFactory(status=Community.Status.ACTIVE)
    leader = UserFactory()
    MembershipFactory(community=community, user=leader, role="leader")

    # 31 January 2027 is a Sunday: ten working days before it is Monday the 18th, two
    # working days Thursday the 28th.
    assert sweep_on("2027-01-15") == 0
    assert sweep_on("2027-01-18") == 1
    assert sweep_on("2027-01-27") == 0
    assert sweep_on("2027-01-28") == 1
    keys = Notification.objects.filter(user=leader).values_list("key", flat=True)
    assert sorted(keys) == sorted(
        f"activity-record-reminder:{community.pk}:2026:2027-01-31:{days}" for days in (10, 2)
    )


def test_a_batch_writes_each_new_row_once_and_counts_only_its_own(world):
    """``notify_many`` (PostgreSQL: one INSERT … ON CONFLICT DO NOTHING per batch) writes rows
    like ``notify`` does, skips people without an address and rows already there, and returns
    how many rows it wrote itself."""
    municipality = default_municipality()
    english, latvian = world["active"], world["verified"]
    no_address = UserFactory()
    no_address.email = ""
    first = [
        ("1:2025:2026-11-20:2", {"community": 1, "due": "2026-11-20"}, [english, no_address]),
        ("2:2025:2026-11-20:2", {"community": 2}, [latvian, english, latvian]),
    ]

    assert notify_many(ACTIVITY_RECORD_REMINDER, municipality=municipality, items=first) == 3

    rows = Notification.objects.filter(kind=ACTIVITY_RECORD_REMINDER)
    assert sorted(rows.values_list("user", "key")) == sorted(
        [
            (english.pk, "activity-record-reminder:1:2025:2026-11-20:2"),
            (english.pk, "activity-record-reminder:2:2025:2026-11-20:2"),
            (latvian.pk, "activity-record-reminder:2:2025:2026-11-20:2"),
        ]
    )
    row = rows.get(user=english, key__contains=":1:")
    assert (row.email, row.language, row.municipality, row.context) == (
        english.email,
        "en",
        municipality,
        {"community": 1, "due": "2026-11-20"},
    )
    assert (row.status, row.attempts, row.last_error, row.claimed_at) == ("pending", 0, "", None)
    assert row.next_attempt_at <= timezone.now() and row.created_at <= timezone.now()
    assert list(Notification.objects.due().filter(pk=row.pk)) == [row]

    again = [*first, ("3:2025:2026-11-20:2", {"community": 3}, [latvian])]
    assert notify_many(ACTIVITY_RECORD_REMINDER, municipality=municipality, items=again) == 1
    assert notify_many(ACTIVITY_RECORD_REMINDER, municipality=municipality, items=again) == 0
    assert rows.count() == 4


def test_a_sweep_in_many_small_batches_writes_every_reminder_once(world, monkeypatch):
    monkeypatch.setattr(reminders, "BATCH", 1)
    other = CommunityFactory(status=Community.Status.ACTIVE, name="Kopiena other")
    MembershipFactory(community=other, user=UserFactory(), role="leader")

    assert sweep_on("2026-11-17") == 3
    assert sweep_on("2026-11-17") == 0
    assert len(mail.outbox) == 3


def test_a_sweep_stopped_halfway_keeps_its_batches_and_the_next_writes_the_rest(world, monkeypatch):
    monkeypatch.setattr(reminders, "BATCH", 1)
    for number in range(3):
        community = CommunityFactory(status=Community.Status.ACTIVE, name=f"Kopiena {number}")
        MembershipFactory(community=community, user=UserFactory(), role="leader")

    def stops_at_the_fourth(subject, due):
        for number, occasion in enumerate(LOCKS.occasions(subject, due)):
            if number == 3:
                raise RuntimeError("the worker died")
            yield occasion

    broken = dataclasses.replace(LOCKS, occasions=stops_at_the_fourth)
    monkeypatch.setitem(reminders._deadlines, LOCKS.code, broken)
    with freeze_time("2026-11-17 09:00:00"), pytest.raises(RuntimeError):
        reminders.sweep()
    # The batches written before the crash stay (the third occasion was still being batched).
    assert Notification.objects.count() == 2

    monkeypatch.setitem(reminders._deadlines, LOCKS.code, LOCKS)
    assert sweep_on("2026-11-17") == 5
    assert sweep_on("2026-11-17") == 0
    assert len({m.to[0] for m in mail.outbox}) == len(mail.outbox) == 5
