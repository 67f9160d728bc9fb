"""The feedback report of a consultation with 1,000 submissions: computing its data and
rendering its PDF through the reports kit, timed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_feedback_bench \\
        .venv/bin/python bench/feedback_report.py [--submissions 1000] [--joint 20]

Use a scratch PostgreSQL database (it is migrated and written to; created if missing). One
completed consultation of a municipality of the bench's own (``feedback-bench``) gets
``--submissions`` answered submissions (``--joint`` of them communities' joint opinions, half
of the residents' with their names shown), each answered with a substantive explanation,
some answers corrected. Then, as a reader's click and the worker do: ``feedback_data`` (the
request) and ``request_report`` (nothing queued), then ``portal.reports.render`` (the worker:
the template and WeasyPrint). It prints the seconds of each and the PDF's pages, and checks
the goal (issue 18): ≤ 10 s for the whole, data plus PDF. It also prints the CPU seconds of
the process and the load average: on a machine busy with other work the wall-clock time grows
while the CPU time stays.
"""

import argparse
import datetime
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOAL_SECONDS = 10

OPINION = (
    "Lūdzu paredzēt drošu gājēju pāreju pie skolas un apgaismojumu visā ielas garumā; "
    "vakaros bērni iet mājās pa tumsu, un automašīnas brauc ātri. Ierosinu arī soliņus "
    "pie autobusa pieturas un koku stādījumus gar ietvi, kas dotu ēnu vasarā."
)
EXPLANATION = (
    "Gājēju pāreja pie skolas tiks iekļauta projekta otrajā redakcijā, jo satiksmes uzskaite "
    "rāda, ka tur ielu šķērso vairāk nekā 200 bērnu dienā; apgaismojumu paredzam visā posmā."
)


def setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def seed(submissions, joint):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from communities.models import Community
    from consultations.models import Answer, Consultation, Submission
    from consultations.models.submissions import AnswerStatus
    from portal.models import Municipality

    municipality, _ = Municipality.objects.get_or_create(
        slug="feedback-bench", defaults={"name": "Ķekavas novads (etalons)"}
    )
    Consultation.objects.filter(municipality=municipality).delete()
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        municipality=municipality,
        title="Ābeļu ielas pārbūves tehniskais projekts",
        slug="abelu-ielas-parbuve",
        kind=Consultation.Kind.PLANNING,
        description="Pašvaldība plāno pārbūvēt ielu.",
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today - datetime.timedelta(days=30),
        status=Consultation.Status.COMPLETED,
    )
    User = get_user_model()
    User.objects.bulk_create(
        [
            User(email=f"person{n}@feedback-bench.invalid", full_name=f"Iedzīvotājs Nr. {n}")
            for n in range(submissions)
        ],
        ignore_conflicts=True,
    )
    people = list(User.objects.filter(email__endswith="@feedback-bench.invalid").order_by("pk"))
    communities = []
    for n in range(joint):
        community, _ = Community.objects.get_or_create(
            municipality=municipality,
            slug=f"kopiena-{n}",
            defaults={"name": f"Ābeļu apkaimes kopiena {n}", "status": "active"},
        )
        communities.append(community)
    statuses = AnswerStatus.values
    answers = Answer.objects.bulk_create(
        [
            Answer(
                consultation=consultation,
                status=statuses[n % len(statuses)],
                explanation=EXPLANATION,
                corrected_at=timezone.now() if n % 50 == 0 else None,
                correction_reason="Precizēts pēc padomes ieteikuma." if n % 50 == 0 else "",
            )
            for n in range(submissions)
        ]
    )
    Submission.objects.bulk_create(
        [
            Submission(
                consultation=consultation,
                author=people[n],
                community=communities[n] if n < joint else None,
                text=OPINION,
                show_name=n % 2 == 0,
                status=Submission.Status.ANSWERED,
                answer=answers[n],
                answered_on=today - datetime.timedelta(days=20),
                working_days_to_answer=n % 15,
                answered_late=n % 15 > 10,
            )
            for n in range(submissions)
        ]
    )
    return consultation


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--joint", type=int, default=20)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database.")
    setup()
    from django.core.management import call_command
    from pypdf import PdfReader

    import portal.reports
    from consultations.reports import FEEDBACK_REPORT, feedback_data
    from portal.models import Report

    call_command("migrate", verbosity=0)
    consultation = seed(args.submissions, args.joint)
    Report.objects.filter(municipality=consultation.municipality).delete()
    portal.reports._queue = lambda report_id: None  # the bench renders it itself, below

    started, cpu = time.monotonic(), time.process_time()
    data = feedback_data(consultation)
    report = portal.reports.request_report(
        FEEDBACK_REPORT,
        actor=None,
        municipality=consultation.municipality,
        subject=f"consultation:{consultation.pk}",
        data=data,
    )
    asked = time.monotonic()
    status = portal.reports.render(report.pk)
    done, cpu = time.monotonic(), time.process_time() - cpu

    report.refresh_from_db()
    with report.file.open("rb") as pdf:
        pages = len(PdfReader(io.BytesIO(pdf.read())).pages)
    total = done - started
    print(f"submissions: {consultation.submissions.count()}, report {status}")
    print(f"data and asking (the request): {asked - started:.2f} s")
    print(f"rendering the PDF (the worker): {done - asked:.2f} s")
    print(f"together: {total:.2f} s for {pages} pages (goal ≤ {GOAL_SECONDS} s)")
    load = os.getloadavg()[0]
    print(f"of which this process on the CPU: {cpu:.2f} s (load average {load:.1f})")
    ok = status == Report.Status.READY and total <= GOAL_SECONDS
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
