from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # Every app declares its kinds of message and deadlines in <app>/outbox.py.
        autodiscover_modules("outbox")
        # ... and the kinds of report the worker makes in <app>/reports.py (portal/reports.py).
        autodiscover_modules("reports")

        from .choices import install

        install()  # get_FOO_display() translates only the label it shows
        from . import lookups

        lookups.install()  # an out-of-range id in an `in` list matches nothing (no 500)
        from .middleware import connect_mfa_signals

        connect_mfa_signals()
        from .security_log import connect_security_signals

        connect_security_signals()
        from .stored_files import connect_stored_files

        connect_stored_files()  # files leave with their rows; pictures lose their metadata
