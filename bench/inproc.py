"""Benchmarks of the pages that grow with the data: time and queries per request.

    .venv/bin/python bench/inproc.py [--communities 1000] [--requests 30]   (make bench-inproc)

Every request renders afresh (nothing rendered is cached), with the cache emptied before each.
Runs against a throwaway SQLite file unless DATABASE_URL is set (then use a scratch
database: the benchmark writes rows). Prints one line per page: median and 95th-percentile
milliseconds, and the number of SQL queries, which must not grow with the row count.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="portal-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["PORTAL_REQUIRE_STAFF_MFA"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    staff, communities = build_data(args.communities)

    host = "bench.localhost"
    anonymous, signed_in = Client(HTTP_HOST=host), Client(HTTP_HOST=host)
    signed_in.force_login(staff)
    pages = [
        ("registry", anonymous, "/lv/communities/"),
        ("registry, filtered", anonymous, "/lv/communities/?legal_form=informal&q=Kopiena"),
        ("registry, last page", anonymous, "/lv/communities/?page=last"),
        ("community page", anonymous, communities[0].get_absolute_url()),
        ("territories", anonymous, "/lv/territories/"),
        ("verification queue", signed_in, "/lv/communities/verification/?status="),
        ("home", anonymous, "/lv/"),
    ]
    print(f"{args.communities} communities, {args.requests} requests a page ({connection.vendor})")
    print(f"{'page':<22}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'peak KiB':>10}")
    for name, client, url in pages:
        timings = []
        for _ in range(args.requests):
            uncached()
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *a, log=queries: log.append(sql) or execute(sql, *a)
        ):
            uncached()
            client.get(url)
        uncached()
        tracemalloc.start()
        client.get(url)
        peak = tracemalloc.get_traced_memory()[1] / 1024
        tracemalloc.stop()
        p95 = sorted(timings)[int(len(timings) * 0.95) - 1]
        print(
            f"{name:<22}{statistics.median(timings):>10.1f}{p95:>9.1f}"
            f"{len(queries):>9}{peak:>10.0f}"
        )


def uncached():
    """Nothing rendered is cached; the cache keeps only counters and sessions: emptied too."""
    from django.core.cache import cache

    cache.clear()


def build_data(count):
    from communities.counts import recount_all
    from communities.models import Community, Membership
    from portal.models import ContactPerson, Municipality, MunicipalStaff, Territory, User

    municipality = Municipality.objects.create(name="Bench novads", slug="bench")
    municipality.hosts.create(name="bench.localhost", is_primary=True)
    root = Territory.objects.create(
        municipality=municipality, name="Bench novads", slug="bench", kind="novads"
    )
    person = ContactPerson.objects.create(
        municipality=municipality, name="Kontaktpersona", email="k@bench.invalid"
    )
    parishes = [
        Territory.objects.create(name=f"Pagasts {i}", slug=f"p-{i}", kind="pagasts", parent=root)
        for i in range(5)
    ]
    neighbourhoods = [
        Territory.objects.create(
            name=f"Apkaime {i}",
            slug=f"a-{i}",
            kind="apkaime",
            parent=parishes[i % 5],
            is_neighbourhood=True,
            contact_person=person,
        )
        for i in range(40)
    ]
    staff = User.objects.create_user("staff@bench.invalid", "x")
    MunicipalStaff.objects.create(user=staff, municipality=municipality)
    users = User.objects.bulk_create([User(email=f"u{i}@bench.invalid") for i in range(count)])
    statuses = ["active", "verified", "submitted", "inactive"]
    communities = Community.objects.bulk_create(
        [
            Community(
                municipality=municipality,
                name=f"Kopiena {i:05d}",
                slug=f"kopiena-{i}",
                status=statuses[i % 4],
                legal_form="informal" if i % 3 else "association",
                register_number="" if i % 3 else f"{40000000000 + i}",
                description="Kaimiņi, kas kopā rīko talkas.",
                declared_residents=30,
            )
            for i in range(count)
        ]
    )
    Through = Community.neighbourhoods.through
    Through.objects.bulk_create(
        [Through(community=c, territory=neighbourhoods[i % 40]) for i, c in enumerate(communities)]
    )
    Membership.objects.bulk_create(
        [
            Membership(community=c, user=users[i], role="leader", status="active")
            for i, c in enumerate(communities)
        ]
    )
    recount_all(municipality)  # the kept counts, as the signals keep them for single saves
    return staff, communities


if __name__ == "__main__":
    main()
