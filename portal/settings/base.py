"""Settings shared by every environment. Everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
# The municipalities' host names live in the database (Municipality → host names), so Django's
# own check lets every host through and portal.hosts.MunicipalityMiddleware, the first
# middleware, answers 400 to any host that is neither a municipality's nor the national one.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "*")
# The installation's own host names: the national view across the municipalities.
PORTAL_NATIONAL_HOSTS = env_list("PORTAL_NATIONAL_HOSTS", "localhost")
# Links never come from a request (portal.links.municipality_url: the host rows, the first
# national host, PORTAL_SITE_SCHEME and PORTAL_SITE_PORT), and the host a request is for is
# its own Host header, never a forwarded one.
USE_X_FORWARDED_HOST = False
USE_X_FORWARDED_PORT = False
# An unknown host gets the first municipality instead of a 400 (development and tests only).
PORTAL_UNKNOWN_HOST_FALLBACK = env_bool("PORTAL_UNKNOWN_HOST_FALLBACK", False)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_htmx",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "portal",
    "communities",
    "grants",
    "consultations",
    "councils",
    "front",  # the top floor: pages reading several apps, root URLconfs, seed_demo
]

MIDDLEWARE = [
    "portal.hosts.MunicipalityMiddleware",
    "portal.limits.RequestSizeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session and CSRF middleware: it sees every cookie set on the way out.
    "portal.middleware.CookieResponsesPrivateMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.security_log.SecurityRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.PrivatePagesMiddleware",
    "portal.middleware.StaffSessionMiddleware",
    "portal.middleware.StaffMFAMiddleware",
]

ROOT_URLCONF = "front.urls"
# The installation's own host (PORTAL_NATIONAL_HOSTS): the national view (portal/hosts.py).
NATIONAL_URLCONF = "front.national_urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {% url %} with each address worked out once per process.
            "builtins": ["portal.templatetags.addresses"],
        },
    }
]

FORM_RENDERER = "portal.forms.PortalFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
    )
}
# PostgreSQL: parameters bound on the server, and a query run five times on a connection is
# prepared there, so PostgreSQL plans it once per connection instead of on every request (a
# third to two thirds of its CPU time on our pages: docs/performance.md). Off with
# DB_PREPARED_STATEMENTS=false (e.g. behind a pooler in transaction mode).
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env_bool(
    "DB_PREPARED_STATEMENTS", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two Redis instances in production (docker-compose.yml, docs/worker.md): REDIS_URL is
# Celery's broker (queues and results: persistent, never evicted), CACHE_REDIS_URL the cache
# (a memory limit with allkeys-lru, nothing on disk). A memory limit and an eviction policy
# apply to a whole instance, so on a shared one they would evict the queues too. Without
# CACHE_REDIS_URL the cache uses REDIS_URL (development and CI with one Redis).
REDIS_URL = env("REDIS_URL", "")
CACHE_REDIS_URL = env("CACHE_REDIS_URL", "") or REDIS_URL
if CACHE_REDIS_URL:
    # Redis with short timeouts, answering from the process's memory while Redis is down
    # (portal/cache.py): pages, sign-in and its rate limits never wait for Redis.
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": CACHE_REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Database sessions, read with SQL compiled once per process (portal/sessions.py).
SESSION_ENGINE = "portal.sessions"
# A session not used for this long expires (seconds; two weeks); the daily purge removes its row.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(14 * 24 * 60 * 60)))
# Accounts that act for a municipality or reach the admin: signed out after this many
# seconds without a request, and this long after signing in at most (portal.middleware).
PORTAL_STAFF_SESSION_IDLE_SECONDS = 30 * 60
PORTAL_STAFF_SESSION_MAX_SECONDS = 12 * 60 * 60

# Celery (REDIS_URL): without a broker the tasks run in the web process, at once.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Publishing a task (in a request, after the commit) never waits for a broker that is down:
# one short connection attempt, no retries; the outbox row waits for ``deliver_due``.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
    "max_retries": 0,
    # A task whose worker was killed goes back to the queue after this long (seconds).
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600")),
}
# Workers reconnect when Redis restarts, as long as it takes.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Riga"
# Celery beat: the outbox sends what waits (after a broker or mail-server outage too), and
# the reminder sweep runs every hour of the working day (it writes each reminder once).
CELERY_BEAT_SCHEDULE = {
    "deliver-waiting-messages": {"task": "portal.tasks.deliver_due", "schedule": 60.0},
    "resume-reports": {"task": "portal.tasks.resume_reports", "schedule": 60.0},
    "purge-reports": {"task": "portal.tasks.purge_reports", "schedule": crontab(minute=30, hour=3)},
    # What is past its retention period (portal/retention.py, the privacy notice).
    "purge-old-data": {
        "task": "portal.tasks.purge_old_data",
        "schedule": crontab(minute=45, hour=3),
    },
    "send-reminders": {
        "task": "portal.tasks.send_reminders",
        "schedule": crontab(minute=5, hour="7-19"),
    },
    # Agreements with communities past their end date become expired (issue 19).
    "expire-agreements": {
        "task": "communities.tasks.expire_agreements",
        "schedule": crontab(minute=1, hour=0),
    },
}
# The outbox: attempts before a message is failed, and when a "sending" row is taken back.
PORTAL_OUTBOX_MAX_ATTEMPTS = int(env("PORTAL_OUTBOX_MAX_ATTEMPTS", "8"))
PORTAL_OUTBOX_STUCK_MINUTES = float(env("PORTAL_OUTBOX_STUCK_MINUTES", "15"))
# Reports (portal/reports.py): a render not finished in this long is taken over by another
# worker; tries before a report is failed; days a file is kept after it was last asked for.
PORTAL_REPORT_LEASE_SECONDS = float(env("PORTAL_REPORT_LEASE_SECONDS", "300"))
PORTAL_REPORT_MAX_ATTEMPTS = int(env("PORTAL_REPORT_MAX_ATTEMPTS", "3"))
PORTAL_REPORT_RETENTION_DAYS = int(env("PORTAL_REPORT_RETENTION_DAYS", "30"))
# Retention (portal/retention.py; the privacy notice states these): days after which a sent,
# failed or cancelled message loses its body, its delivery log row goes, a security event
# loses the client's address (and a failed sign-in its login name), and the event goes.
PORTAL_OUTBOX_BODY_RETENTION_DAYS = int(env("PORTAL_OUTBOX_BODY_RETENTION_DAYS", "30"))
PORTAL_DELIVERY_LOG_RETENTION_DAYS = int(env("PORTAL_DELIVERY_LOG_RETENTION_DAYS", "365"))
PORTAL_SECURITY_IP_RETENTION_DAYS = int(env("PORTAL_SECURITY_IP_RETENTION_DAYS", "90"))
PORTAL_SECURITY_EVENT_RETENTION_DAYS = int(env("PORTAL_SECURITY_EVENT_RETENTION_DAYS", "365"))
# The first pause after a failed attempt; each next one doubles (at most an hour).
PORTAL_OUTBOX_RETRY_SECONDS = float(env("PORTAL_OUTBOX_RETRY_SECONDS", "30"))

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's and allauth's, reading the session's person with their role flags (one query).
    "portal.auth_backends.ModelBackend",
    "portal.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email is the login, it must be confirmed, failed logins are rate limited.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
# The sign-up form hashes the password for an address that already has an account too, so
# the answer takes as long as for a new one (no enumeration by time, docs/security.md).
ACCOUNT_FORMS = {"signup": "portal.signup.SignupForm"}
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
# Behind the proxy every client would have the proxy's address: trust exactly this many
# proxies' X-Forwarded-For entries (docker-compose: 1, its Caddy), so that limits key on
# the real client and one script cannot lock everybody out.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
# An account whose password logins are held shut by failures (5 in 5 minutes, by anyone)
# is still open to its owner: a sign-in code by email.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# How long a browser that signed in is remembered as the owner's (portal.adapters).
PORTAL_KNOWN_DEVICE_DAYS = int(env("PORTAL_KNOWN_DEVICE_DAYS", "365"))
# An email when the password or an email address of the account changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    # Sign-in codes (issue 25, item 8): limited per client address only, never per account,
    # so nobody can hold the owner's way in shut; an account gets at most 5 code emails an
    # hour asked for from browsers that never signed in to it (portal.adapters), and a
    # browser that did always gets its code.
    "request_login_code": "5/m/ip,20/h/ip",
    "login_code_email": "5/h/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "portal.adapters.MFAAdapter"
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", "Kopienu portāls")
# Staff, evaluators and administrators must set up an authenticator app before they work.
PORTAL_REQUIRE_STAFF_MFA = env_bool("PORTAL_REQUIRE_STAFF_MFA", True)

LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Riga"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True

# Uploads: at most this many bytes, checked by their content.
PORTAL_MAX_UPLOAD_BYTES = int(env("PORTAL_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
# A request body larger than this is refused (413) before it is read (portal.limits).
PORTAL_MAX_REQUEST_BYTES = PORTAL_MAX_UPLOAD_BYTES + 1024 * 1024
# Who may read /healthz in detail (Authorization: Bearer <token>); empty: nobody.
# Questions one person may ask the authors of good-practice stories in 24 hours (issue 19).
PORTAL_STORY_QUESTIONS_PER_DAY = int(env("PORTAL_STORY_QUESTIONS_PER_DAY", "3"))
# The licence of the open data (/open-data/): the registry, agreements and stories (issue 19).
PORTAL_OPEN_DATA_LICENCE = env("PORTAL_OPEN_DATA_LICENCE", "CC BY 4.0")
PORTAL_OPEN_DATA_LICENCE_URL = env(
    "PORTAL_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
PORTAL_HEALTHZ_TOKEN = env("PORTAL_HEALTHZ_TOKEN", "")
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = PORTAL_MAX_UPLOAD_BYTES + 1024 * 1024

# PDFs (portal/pdf.py) embed DejaVu from here: Debian's fonts-dejavu-core.
PORTAL_PDF_FONT_DIR = Path(env("PORTAL_PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds to wait for the SMTP server: a server that does not answer delays the outbox only.
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kopienu portāls <portals@localhost>")
# Every absolute link (other municipalities on the national view, emails, iCalendar, open
# data): scheme://<the municipality's primary host, or the first national host>[:port].
PORTAL_SITE_SCHEME = env("PORTAL_SITE_SCHEME", "https")
PORTAL_SITE_PORT = env("PORTAL_SITE_PORT", "")

# The map of problem reports (Leaflet, served from static): the tile server's URL template
# and its attribution. Pages work without it; an empty URL turns the map off.
PORTAL_MAP_TILE_URL = env("PORTAL_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
PORTAL_MAP_ATTRIBUTION = env("PORTAL_MAP_ATTRIBUTION", "© OpenStreetMap contributors")
_TILE_ORIGIN = "/".join(PORTAL_MAP_TILE_URL.split("/")[:3]) if PORTAL_MAP_TILE_URL else ""

# Content-Security-Policy (django-csp 4): only our own origin, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.security_log.JSONFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Security events as JSON lines (docs/security.md): on stderr, for the log collector.
        "security": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "portal.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
