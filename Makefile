# Kopienu portāls — everyday commands. `make help` lists them.
# The README's two commands are `make run` and `make test`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# Python 3.11 for the virtual environment (pyproject.toml asks for >=3.11,<3.12).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
I18N_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles

# Where `make run` serves; e.g. make run ADDR=127.0.0.1:8001 when 8000 is taken.
ADDR ?= 127.0.0.1:8000

# Extra arguments for pytest / bench, e.g. make test ARGS="-m 'not browser' -x"
ARGS ?=

# `make test` runs pytest on both cores (pytest-xdist): JOBS processes, each with a test database
# of its own. JOBS=0 runs the tests in one process (e.g. make test JOBS=0 ARGS="--pdb tests/x.py").
JOBS ?= 2

# Playwright drives Debian's /usr/bin/chromium; it must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help setup deps system-deps browser-deps python-deps node-deps compilemessages \
	migrate seed run prod-local test worker beat lint fmt messages bench bench-inproc

help: ## list the targets
	@echo "Kopienu portāls — make targets:"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*## "}; {printf "  %-16s %s\n", $$1, $$2}'
	@echo
	@echo "Pass extra arguments to pytest or the benchmarks with ARGS, e.g. make test ARGS=\"-m 'not browser'\""

# --- setting up ---------------------------------------------------------------------------

setup: deps seed ## set up a fresh checkout: system packages, .venv, npm, translations, database, demo data

deps: system-deps python-deps node-deps compilemessages ## dependencies and compiled translations, no database

system-deps: ## check (as root: install) gettext, Pango, DejaVu fonts, node+npm
	@bin/ensure-system-deps

browser-deps: ## check (as root: install) Debian's chromium and Java for the browser and HTML tests
	@bin/ensure-system-deps --browser

python-deps: $(VENV)/.installed ## create .venv and install the project with its dev extras

node-deps: node_modules/.installed ## install htmx, axe-core and vnu-jar from package-lock.json

# Re-run pip only when pyproject.toml changed since the last successful install.
$(VENV)/.installed: pyproject.toml | system-deps
	@if [ ! -x $(PY) ]; then \
		if [ -z "$(PYTHON)" ]; then echo "No python3.11 or python3 found: install Python 3.11 first." >&2; exit 1; fi; \
		echo "Creating $(VENV) with $(PYTHON)"; \
		$(PYTHON) -m venv $(VENV); \
	fi
	@echo "Installing Python dependencies into $(VENV)"
	@PYTHONWARNINGS=ignore $(PY) -m pip install -q --disable-pip-version-check -e ".[dev]"
	@touch $@

# Re-run npm only when node_modules is missing or older than the lock file.
node_modules/.installed: package.json $(wildcard package-lock.json) | system-deps
	@echo "Installing npm packages"
	@if [ -f package-lock.json ]; then \
		npm ci --no-audit --no-fund --loglevel=error; \
	else \
		npm install --no-audit --no-fund --loglevel=error; \
	fi
	@touch $@

compilemessages: python-deps ## compile locale/*.po to .mo
	@$(MANAGE) compilemessages $(I18N_IGNORE) -v 0

migrate: python-deps ## apply database migrations (dev database)
	@$(MANAGE) migrate --noinput

seed: migrate ## migrate, then load the demo municipality and demo accounts (idempotent)
	@$(MANAGE) seed_demo

# --- running ------------------------------------------------------------------------------

run: setup ## set up, then serve at http://127.0.0.1:8000 (SQLite, eager tasks, demo data)
	$(MANAGE) runserver $(ADDR)

worker: python-deps ## run a Celery worker (needs REDIS_URL)
	@if [ -z "$${REDIS_URL:-}" ]; then echo "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0): without it tasks run eagerly in the web process." >&2; exit 1; fi
	$(VENV)/bin/celery -A portal worker -l info

beat: python-deps ## run Celery beat, the scheduler of periodic tasks (needs REDIS_URL)
	@if [ -z "$${REDIS_URL:-}" ]; then echo "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0): beat needs a broker." >&2; exit 1; fi
	$(VENV)/bin/celery -A portal beat -l info

prod-local: deps ## the production shape without Docker: gunicorn x2, two workers, beat (local PostgreSQL and Redis; its own Redis for the cache)
	bin/prod-local

# --- checking -----------------------------------------------------------------------------

test: deps browser-deps ## run the whole test suite on both cores (ARGS="..." for pytest, JOBS=0: one process)
	$(PY) -m pytest -n $(JOBS) $(if $(filter 0,$(JOBS)),,--dist loadgroup) $(ARGS)

lint: python-deps ## ruff check, ruff format --check, missing migrations, the import floors
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/lint-imports

fmt: python-deps ## format the code and apply ruff's safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: python-deps ## update locale/lv from the source, then compile
	$(MANAGE) makemessages -l lv -e html,txt,py $(I18N_IGNORE) --ignore=tests
	$(MANAGE) compilemessages $(I18N_IGNORE)

bench: deps ## the portal beside minimal Django on PostgreSQL, ratios per page (ARGS="--quick")
	$(PY) bench/run.py $(ARGS)

bench-inproc: deps ## in-process timings and query counts of the growing pages (SQLite)
	$(PY) bench/inproc.py $(ARGS)
