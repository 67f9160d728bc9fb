from django.core.management.base import BaseCommand

from communities.services.agreements import expire_agreements


class Command(BaseCommand):
    help = "Mark signed agreements whose term is over as expired (Celery beat does it daily)."

    def handle(self, *args, **options):
        moved = expire_agreements()
        self.stdout.write(f"{moved} agreement(s) expired.")
