from django.core.management.base import BaseCommand

from portal.retention import purge


class Command(BaseCommand):
    help = "Purge what is past its retention period (portal.retention): the same as beat's task."

    def handle(self, *args, **options):
        for what, count in purge().items():
            self.stdout.write(f"{what}: {count}")
