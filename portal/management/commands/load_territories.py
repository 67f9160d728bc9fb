"""``python manage.py load_territories FILE.yaml --host HOST``: add or update a municipality.

Creates or updates the municipality of the file's root row and its whole territory tree
(safe to run again) and serves it on the given host names. Everything else about it — its
sender address, contact details, accessibility date, staff — is edited in the admin.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.territory_files import load_municipality, read_entries


class Command(BaseCommand):
    help = (
        "Create or update a municipality and its territory tree from a YAML file, and serve "
        "it on the given host names. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a YAML list of {slug, name, kind, parent} rows")
        parser.add_argument(
            "--host",
            action="append",
            default=[],
            dest="hosts",
            help="a host name that serves the municipality (repeat for more)",
        )

    def handle(self, *args, file, hosts, **options):
        try:
            municipality, territories = load_municipality(read_entries(file), hosts=hosts)
        except (OSError, ValidationError) as error:
            message = "; ".join(getattr(error, "messages", [str(error)]))
            raise CommandError(message) from error
        neighbourhoods = sum(1 for t in territories.values() if t.is_neighbourhood)
        served = ", ".join(host.name for host in municipality.hosts.all()) or "no host yet"
        self.stdout.write(
            self.style.SUCCESS(
                f"{municipality.name}: {len(territories)} territories, "
                f"{neighbourhoods} neighbourhoods; served on {served}."
            )
        )
