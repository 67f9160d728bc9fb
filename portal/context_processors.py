from django.conf import settings


def portal(request):
    return {
        "PORTAL_NAME": "Kopienu portāls",
        "DEMO_ACCOUNTS": getattr(settings, "PORTAL_DEMO_ACCOUNTS", False),
    }
