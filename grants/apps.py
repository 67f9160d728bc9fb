from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants")

    def ready(self):
        from communities.panels import register_panel

        from . import history_events, roles, rules  # noqa: F401 - registers them
        from .panels import subsidy_panel

        register_panel(subsidy_panel)
