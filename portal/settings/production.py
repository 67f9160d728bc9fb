"""Production: every secret from the environment, HTTPS only, no demo accounts."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only"):
    raise RuntimeError("Set SECRET_KEY to a long random value in production.")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The container health check and the proxy's certificate question come over plain HTTP from
# inside the compose network: /healthz, /healthz/live and /healthz/host answer them there.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live|/host)?$"]
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
PORTAL_DEMO_ACCOUNTS = False
PORTAL_UNKNOWN_HOST_FALLBACK = False  # an unknown host is refused (400)
