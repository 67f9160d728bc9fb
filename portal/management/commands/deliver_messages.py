from django.core.management.base import BaseCommand

from portal.outbox.delivery import deliver_due


class Command(BaseCommand):
    help = "Send the messages waiting in the outbox (what Celery beat does every minute)."

    def handle(self, *args, **options):
        sent = deliver_due()
        self.stdout.write(f"{sent} message(s) sent.")
