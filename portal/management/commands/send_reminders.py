from django.core.management.base import BaseCommand

from portal.outbox.reminders import sweep


class Command(BaseCommand):
    help = "One reminder sweep: write the reminders due today to the outbox (safe to run twice)."

    def handle(self, *args, **options):
        written = sweep()
        self.stdout.write(f"{written} new reminder(s) written to the outbox.")
