"""``python manage.py seed_bench --communities N --municipalities M``: benchmark data.

Fills a scratch database with the shape ``make bench`` measures (see ``bench.seed.scratch``).
Running it again with the same N and M does nothing; with others it rebuilds the benchmark's
rows. It refuses a database that holds other data unless ``--allow-other-data``. The rows
are written by ``bench/seed/``, which a checkout has and the production image leaves out.
"""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Fill a scratch database with N communities in M municipalities for the benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--communities", type=int, default=10_000)
        parser.add_argument("--municipalities", type=int, default=3)
        parser.add_argument(
            "--allow-other-data",
            action="store_true",
            help="add the benchmark's rows to a database that holds other data",
        )

    def handle(self, *args, communities, municipalities, allow_other_data, **options):
        if communities < 1 or municipalities < 1:
            raise CommandError("--communities and --municipalities must be at least 1.")
        try:
            from bench.seed import scratch as bench
        except ImportError as error:  # the production image has no bench/
            raise CommandError("seed_bench needs the bench/ folder of a checkout.") from error
        try:
            bench.seed(
                communities=communities,
                municipalities=municipalities,
                allow_other_data=allow_other_data,
                log=self.stdout.write,
            )
        except bench.OtherData as error:
            raise CommandError(str(error)) from error
