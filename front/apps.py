from django.apps import AppConfig


class FrontConfig(AppConfig):
    """The top floor: installed last, imported by nothing."""

    name = "front"

    def ready(self):
        # The staff dashboard's PDF is a kind of report too (the worker must know it).
        from .views import dashboard  # noqa: F401
