"""One reminder sweep over 100,000 deadlines: its time, and that it writes each reminder once.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_sweep_bench \\
        .venv/bin/python bench/sweep.py [--deadlines 100000] [--people 1000]

Use a scratch PostgreSQL database (it is migrated and written to; created if missing). A
deadline of the bench's own (``bench-deadline``) is due today for ``--deadlines`` objects,
each with one of ``--people`` recipients; the real sweep (``portal.outbox.reminders.sweep``)
runs twice at once in two processes, then once more. It prints the seconds of each and checks:
exactly ``--deadlines`` rows, none doubled, the two sweeps at once wrote them between them (each
counts only its own rows) and the later sweep wrote nothing. Delivery is left out (nothing is
queued): this measures the sweep. Goal (issue 18): ≤ 30 s, zero duplicates.
"""

import argparse
import datetime
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def register(deadlines):
    from django.contrib.auth import get_user_model

    import portal.notifications
    from portal.models import Municipality
    from portal.outbox.reminders import Deadline, Occasion, register_deadline

    portal.notifications.enqueue_on_commit = lambda *args, **kwargs: None  # no delivery
    municipality = Municipality.objects.get(slug="sweep-bench")
    people = list(get_user_model().objects.filter(email__endswith="@sweep-bench.invalid"))

    def dues(today):
        yield today + datetime.timedelta(days=1), "bench"

    def occasions(_subject, _due):
        for number in range(deadlines):
            yield Occasion(
                municipality=municipality,
                occasion=f"bench:{number}",
                ids={"object": number},
                recipients=[people[number % len(people)]],
            )

    register_deadline(
        Deadline(
            code="bench-deadline",
            kind="activity-record-reminder",
            dues=dues,
            occasions=occasions,
            days_before=(10, 2),
            working_days=False,
        )
    )


def only_the_bench_deadline():
    from portal.outbox import reminders

    for code in [code for code in reminders._deadlines if code != "bench-deadline"]:
        del reminders._deadlines[code]


def sweep_once(deadlines, queue):
    setup()
    register(deadlines)
    only_the_bench_deadline()
    from portal.outbox.reminders import sweep

    started = time.monotonic()
    written = sweep()
    queue.put((written, time.monotonic() - started))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadlines", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database.")
    setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from portal.models import Municipality, Notification

    call_command("migrate", verbosity=0)
    Notification.objects.filter(kind="activity-record-reminder", key__contains=":bench:").delete()
    with connection.cursor() as cursor:
        # The rows of the previous run are gone: without this every run finds more dead rows
        # in the table and its indexes than the last (and autovacuum may not have come by).
        cursor.execute(f"VACUUM ANALYZE {Notification._meta.db_table}")
    Municipality.objects.get_or_create(slug="sweep-bench", defaults={"name": "Sweep bench"})
    User = get_user_model()
    User.objects.bulk_create(
        [User(email=f"person{n}@sweep-bench.invalid") for n in range(args.people)],
        ignore_conflicts=True,
    )
    connection.close()

    queue = multiprocessing.Queue()
    together = [
        multiprocessing.Process(target=sweep_once, args=(args.deadlines, queue)) for _ in range(2)
    ]
    for process in together:
        process.start()
    for process in together:
        process.join()
    results = [queue.get() for _ in together]
    later = multiprocessing.Process(target=sweep_once, args=(args.deadlines, queue))
    later.start()
    later.join()
    again = queue.get()

    rows = Notification.objects.filter(key__contains=":bench:")
    doubled = rows.values("user", "key").annotate(n=Count("pk")).filter(n__gt=1).count()
    for number, (written, seconds) in enumerate(results, 1):
        print(f"sweep {number} (two at once): {seconds:.1f} s, {written} rows written")
    print(f"a later sweep: {again[1]:.1f} s, {again[0]} rows written")
    print(f"rows: {rows.count()} for {args.deadlines} deadlines, doubled: {doubled}")
    ok = (
        rows.count() == args.deadlines
        and doubled == 0
        and sum(written for written, _ in results) == args.deadlines
        and again[0] == 0
        and max(seconds for _, seconds in results) <= 30
    )
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
