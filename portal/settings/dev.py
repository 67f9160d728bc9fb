"""Local development: the embedded default (SQLite, eager tasks, emails on the console)."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The demo staff account would otherwise have to enrol an authenticator app first.
PORTAL_REQUIRE_STAFF_MFA = env_bool("PORTAL_REQUIRE_STAFF_MFA", False)
PORTAL_DEMO_ACCOUNTS = True
# kekava.localhost:8000 and riga.localhost:8000 serve the demo municipalities, localhost:8000
# the national view, and 127.0.0.1:8000 (or any other host) the first municipality.
PORTAL_UNKNOWN_HOST_FALLBACK = env_bool("PORTAL_UNKNOWN_HOST_FALLBACK", True)
PORTAL_SITE_SCHEME = env("PORTAL_SITE_SCHEME", "http")
PORTAL_SITE_PORT = env("PORTAL_SITE_PORT", "8000")

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
