# Kopienu portāls — production image: gunicorn serving portal.wsgi, static files by WhiteNoise.
# The same image runs the Celery worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

# Pango and HarfBuzz for WeasyPrint, DejaVu fonts for Latvian letters in PDFs,
# gettext to compile translations, Node.js and npm for htmx from package-lock.json.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
        nodejs npm \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Front-end packages (runtime only: htmx), pinned by package-lock.json.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Python dependencies first, so that a code change does not reinstall them.
# pyproject.toml installs no package of its own (packages = []): the code runs from /app.
COPY pyproject.toml ./
RUN pip install .

COPY . .

# Translations and static files are built into the image. The key only lets the production
# settings load at build time; the real SECRET_KEY comes from the environment at run time.
RUN SECRET_KEY=build-time-only-not-secret \
        python manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=staticfiles \
    && SECRET_KEY=build-time-only-not-secret \
        python manage.py collectstatic --noinput -v 0

RUN groupadd --system --gid 1000 portal \
    && useradd --system --uid 1000 --gid portal --home-dir /app --shell /usr/sbin/nologin portal \
    && mkdir -p /app/media \
    && chown portal:portal /app/media
USER portal

EXPOSE 8000
# WEB_CONCURRENCY sets gunicorn's number of workers (default 1 if unset: set it to 2-4 per core).
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--forwarded-allow-ips", "*", "--timeout", "60"]
