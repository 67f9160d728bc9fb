"""``python manage.py seed_demo``: build the demo municipality (idempotent).

The logic lives in ``front.demo``, which builds the portal's rows and then each app's
(``communities/demo/``); its docstring lists the demo accounts and their password.
Demo accounts are created only where ``settings.PORTAL_DEMO_ACCOUNTS`` is True.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from front import demo as builder


class Command(BaseCommand):
    help = (
        "Build a demo municipality with territories, contact persons, demo accounts and "
        "communities in every state. Safe to run again: rows are updated, not duplicated."
    )

    def handle(self, *args, **options):
        with_accounts = bool(getattr(settings, "PORTAL_DEMO_ACCOUNTS", False))
        summary = builder.build_all(with_accounts=with_accounts)
        if not with_accounts:
            self.stdout.write(
                self.style.WARNING(
                    "PORTAL_DEMO_ACCOUNTS is off in these settings: demo accounts and the "
                    "communities that need them were skipped. Built territories, municipality "
                    "settings and contact persons only."
                )
            )
        for label, count in summary.items():
            self.stdout.write(f"  {label}: {count}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        if with_accounts:
            self.stdout.write(
                f"Demo accounts (password {builder.DEMO_PASSWORD}): "
                + ", ".join(spec["email"] for spec in builder.data.ACCOUNTS[:6])
            )
