"""The portal beside minimal Django: throughput of each page as a share of its counterpart's.

    make bench                       # 10,000 communities in 3 municipalities
    make bench ARGS="--quick"        # a short smoke run (3 s a page)

Serves the portal the way production does — gunicorn, 2 sync workers, PostgreSQL,
``DB_CONN_MAX_AGE=60``, production settings, Redis as the cache when ``REDIS_URL`` is set —
on a scratch database filled by ``manage.py seed_bench``, and loads it over loopback with
``wrk`` through ``perfbase.py compare`` (``../shared/bench/perfbase.py``, or ``PERFBASE``),
which serves a minimal Django project with views of the same shapes in the same run.
Prints, for every page, requests a second of the portal and of its minimal counterpart and
the ratio (the goal: at least 0.5, on the way to 0.8; nothing rendered is cached, so this is the
speed of every visit). ``--cache-down`` measures every page again with the cache's Redis
unreachable, a second column. Needs PostgreSQL on 127.0.0.1:5432 (user postgres,
trust) and ``wrk`` (``apt-get install -y wrk``).
"""

import argparse
import glob
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERFBASE = Path(os.environ.get("PERFBASE", ROOT.parent / "shared" / "bench" / "perfbase.py"))
PORT = int(os.environ.get("BENCH_PORT", "8123"))
HOST = "bench-1.localhost"  # three levels deep; bench-2 is two levels deep

# Who is signed in: nobody (False), the staff member (True) or a resident (RESIDENT), the
# author of the first submission to ``bench-feedback``.
RESIDENT = "resident"

# name: (path, counterpart view of perfbase, who is signed in)
PAGES = {
    "home": ("/lv/", "page", False),
    "registry": ("/lv/communities/", "list10k", False),
    "registry, filtered": ("/lv/communities/?legal_form=informal&status=active", "list10k", False),
    "registry, searched": ("/lv/communities/?q=kekavas", "list10k", False),
    "registry, last page": ("/lv/communities/?page=last", "list10k", False),
    "community page": ("/lv/communities/kopiena-0/", "detail", False),
    "community page, resident": ("/lv/communities/kopiena-0/", "page_auth", RESIDENT),
    "territory list": ("/lv/territories/", "page", False),
    "municipality page": ("/lv/territories/bench-1/", "page", False),
    "neighbourhood page": ("/lv/territories/apkaime-1/", "page", False),
    "verification queue": ("/lv/communities/verification/?status=", "page_auth", True),
    "good-practice stories": ("/lv/good-practice/", "list10k", False),
    "good-practice stories, filtered": (
        "/lv/good-practice/?form=needs&topic=culture",
        "list10k",
        False,
    ),
    "consultation list": ("/lv/consultations/", "list10k", False),
    "feedback page": ("/lv/consultations/bench-feedback/feedback/?page=10", "list10k", False),
    "consultation page, resident": ("/lv/consultations/bench-feedback/", "page_auth", RESIDENT),
    "participation index": ("/lv/participation/", "page", False),
    "grant rounds": ("/lv/grants/", "page", False),
    "round page": ("/lv/grants/karta-1/", "detail", False),
    "application list": ("/lv/grants/karta-1/applications/", "page_auth", True),
    "application page": ("/lv/grants/karta-1/applications/900001/", "page_auth", True),
    "staff dashboard": ("/lv/dashboard/", "page_auth", True),
    "council page": ("/lv/councils/bench-padome/", "detail", False),
    "council review view": (
        "/lv/councils/bench-padome/meetings/900001/items/900001/review/?page=10",
        "list10k",
        True,
    ),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=10_000)
    parser.add_argument("--municipalities", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load a page")
    parser.add_argument("--quick", action="store_true", help="3 s a page, for a smoke run")
    parser.add_argument(
        "--cache-down",
        action="store_true",
        help="measure every page a second time with the cache's Redis unreachable (a column)",
    )
    parser.add_argument(
        "--only",
        help="comma-separated beginnings of page names to measure ('registry' is all four)",
    )
    args = parser.parse_args()
    if not PERFBASE.exists():
        sys.exit(f"{PERFBASE} is missing: set PERFBASE to the path of perfbase.py.")
    ensure_wrk()
    wanted = [part.strip() for part in (args.only or "").split(",") if part.strip()]
    pages = {n: p for n, p in PAGES.items() if not wanted or n.startswith(tuple(wanted))}
    duration = 3 if args.quick else args.duration
    env = server_environment()
    manage = [sys.executable, "manage.py"]
    run(manage + ["migrate", "--noinput", "-v", "0"], env)
    run(
        manage
        + [
            "seed_bench",
            f"--communities={args.communities}",
            f"--municipalities={args.municipalities}",
        ],
        env,
    )
    run(manage + ["collectstatic", "--noinput", "-v", "0"], env)
    cookies = {False: None, True: staff_session(env), RESIDENT: resident_session(env)}
    columns = {"cache up": measure(pages, env, duration, cookies)}
    if args.cache_down:
        down = {**env, "CACHE_REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"}
        columns["cache down"] = measure(pages, down, duration, cookies)
    print_table(pages, columns, args)


def measure(pages, env, duration, cookies):
    """``{page: (portal req/s, minimal req/s, counterpart)}`` with a server of ``env``."""
    server = start_server(env)
    try:
        results = {}
        for who, cookie in cookies.items():
            chosen = {n: p for n, p in pages.items() if p[2] == who}
            if chosen:
                results.update(compare(chosen, server.pid, duration, cookie))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return results


def closed_port():
    """A port nothing listens on (Redis "down": every call fails at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_wrk():
    """wrk loads the servers; as root on Debian it is installed from Debian's packages."""
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")


def server_environment():
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
    if not env["DATABASE_URL"].startswith("postgres"):
        sys.exit(
            "make bench measures PostgreSQL: set DATABASE_URL to a scratch PostgreSQL database."
        )
    ensure_database(env["DATABASE_URL"])
    if "REDIS_URL" not in env and redis_answers():
        env["REDIS_URL"] = "redis://127.0.0.1:6379/14"  # the cache, as docker-compose has it
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        DB_CONN_MAX_AGE="60",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(Path(tempfile.gettempdir()) / "portal-bench-static"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def ensure_database(url):
    name = url.rsplit("/", 1)[-1]
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            f"select 1 from pg_database where datname='{name}'",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if exists != "1":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)


def redis_answers():
    try:
        reply = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "ping"], capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return reply.stdout.strip() == "PONG"


def run(command, env):
    subprocess.run(command, env=env, cwd=ROOT, check=True)


def staff_session(env):
    """A signed-in session of the benchmark's staff member, with an authenticator enrolled."""
    return session(
        env,
        "from django.contrib.auth import get_user_model;"
        "from allauth.mfa.models import Authenticator;"
        "u = get_user_model().objects.get(email='staff@bench.invalid');"
        "Authenticator.objects.get_or_create(user=u, type='totp', defaults={'data': {}});",
    )


def resident_session(env):
    """A signed-in session of a resident: the author of bench-feedback's first submission."""
    return session(
        env,
        "from consultations.models import Submission;"
        "u = Submission.objects.filter(consultation__slug='bench-feedback')"
        ".order_by('pk').first().author;",
    )


def session(env, find_user):
    """The session key of the user ``u`` that the code ``find_user`` finds."""
    code = (
        find_user
        + "from django.test import Client;"
        + "c = Client(); c.force_login(u); print(c.cookies['sessionid'].value)"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def start_server(env):
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            sys.exit(f"Port {PORT} is taken (another benchmark?): set BENCH_PORT.")
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen(
        [
            gunicorn,
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(60):
        if server.poll() is not None:
            sys.exit("gunicorn stopped before it answered")
        try:
            # Liveness (the database only): with --cache-down /healthz rightly answers 503.
            request = urllib.request.Request(f"http://127.0.0.1:{PORT}/healthz/live")
            urllib.request.urlopen(request, timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    sys.exit("gunicorn did not answer on /healthz/live")


def compare(pages, pid, duration, cookie):
    baseline = sorted({counterpart for _, counterpart, _ in pages.values()} | {"trivial"})
    workdir = Path(tempfile.gettempdir()) / "perfbase"
    command = [
        sys.executable,
        str(PERFBASE),
        "compare",
        "--workdir",
        str(workdir),
        "--base-url",
        f"http://127.0.0.1:{PORT}",
        "--header",
        f"Host: {HOST}",
        "--target-pid",
        str(pid),
        "--config",
        "sync2",
        "--baseline-views",
        ",".join(baseline),
        "--conc",
        "8",
        "--reps",
        "1",
        "--duration",
        str(duration),
        "--warmup",
        "2",
        "--keep-db",
    ]
    if cookie:
        command += ["--header", f"Cookie: sessionid={cookie}"]
    for name, (path, _, _) in pages.items():
        command += ["--path", f"{slug(name)}={path}"]
    subprocess.run(command, check=True)
    newest = max(glob.glob(str(workdir / "results" / "compare-*.json")), key=os.path.getmtime)
    with open(newest) as handle:
        runs = json.load(handle)["runs"]
    rps = {}
    for entry in runs:
        rps.setdefault(entry["view"], []).append(entry["rps"])
    medians = {view: statistics.median(values) for view, values in rps.items()}
    return {
        name: (medians[f"ext:{slug(name)}"], medians[counterpart], counterpart)
        for name, (_, counterpart, _) in pages.items()
    }


def slug(name):
    return name.replace(", ", "-").replace(" ", "-")


def print_table(pages, columns, args):
    """One row a page: each column's portal req/s and its ratio to the minimal counterpart
    (measured beside it in the same run). Nothing rendered is cached in either column."""
    print()
    print(f"{args.communities} communities in {args.municipalities} municipalities, c=8, sync2")
    names = list(columns)
    head = " | ".join(f"portal req/s ({name}) | minimal req/s | ratio ({name})" for name in names)
    print(f"| page | minimal view | {head} |")
    print("| --- | --- |" + " ---: | ---: | ---: |" * len(names))
    for page in pages:
        cells = []
        for name in names:
            portal, minimal, counterpart = columns[name][page]
            ratio = portal / minimal
            flag = "" if ratio >= 0.5 else " ✗"
            cells.append(f"{portal:.0f} | {minimal:.0f} | {ratio:.2f}×{flag}")
        print(f"| {page} | {counterpart} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
