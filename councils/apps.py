from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Councils")

    def ready(self):
        from portal.page_cache import follow_app

        follow_app(self.label)  # its cached pages follow every change of its rows
