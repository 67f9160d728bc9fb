"""Tests: SQLite unless DATABASE_URL says otherwise; tasks eager unless a test asks for a worker."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import REDIS_URL, env, env_bool

SECRET_KEY = "test-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker started by a test sends with the file backend (EMAIL_BACKEND in its environment).
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# A worker started by a test runs with false: what it queues goes through the broker.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)
CELERY_BROKER_URL = REDIS_URL or "memory://"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / ".test-media")))  # noqa: F405 (workers: the test's)
PORTAL_DEMO_ACCOUNTS = True
# The test client's "testserver" falls back to the first municipality.
PORTAL_UNKNOWN_HOST_FALLBACK = True
PORTAL_SITE_SCHEME = "http"
PORTAL_SITE_PORT = ""

# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
