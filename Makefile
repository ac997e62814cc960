# Bauska SOS Family Support Centre portal. `make help` lists the targets.
SHELL := /bin/bash
# Debian's own Python 3.11 where it is (what a Debian server runs: built with PGO and LTO, about 15%
# less CPU than a plain source build, security fixes from apt), else the first python3.11 or python3
# on PATH that can make a virtual environment.
PYTHON ?= $(shell for p in /usr/bin/python3.11 python3.11 python3; do \
  command -v $$p >/dev/null && $$p -c 'import ensurepip' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# One test worker more than the cores: while one waits (on Chromium, a server starting, a sleep) the
# others keep the cores busy; on 2 cores 3 workers finish about 4% sooner than 2 for the same CPU.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))

.DEFAULT_GOAL := help
.PHONY: help install run serve test lint format check messages bench bench-tools chromium pdf-tools deploy-tools clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(BIN)/python || test -n "$(PYTHON)" || { echo "No Python 3.11 here that can make a virtual environment:" \
	  "apt-get install python3.11-venv, or name one with make install PYTHON=/path/to/python3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

install: $(INSTALLED) ## Create .venv and install the pinned dependencies

run: export PORTAL_BASE_URL ?= http://$(HOST):$(PORT)
run: $(INSTALLED) ## Migrate SQLite, load the demo content once and serve http://127.0.0.1:8000
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) load_demo_data
	$(MANAGE) sync_site_address
	$(MANAGE) runserver $(HOST):$(PORT)

SERVE_ENV ?= .env
serve: export DJANGO_SETTINGS_MODULE ?= portal.settings.production
serve: $(INSTALLED) $(SERVE_ENV) ## Production on one server: gunicorn, the task worker and the scheduled jobs (honcho)
	$(BIN)/honcho -e $(SERVE_ENV) run $(MANAGE) migrate --noinput
	$(BIN)/honcho -e $(SERVE_ENV) run $(MANAGE) createcachetable
	$(BIN)/honcho -e $(SERVE_ENV) run $(MANAGE) collectstatic --noinput --verbosity 0
	$(BIN)/honcho -f deploy/Procfile -e $(SERVE_ENV) start

# A first `make serve` on a machine without an environment file gets one for a local trial on
# http://127.0.0.1:8000 (SQLite, a new random SECRET_KEY); on a server, use deploy/portal.env.example.
$(SERVE_ENV):
	@echo "Writing $@ for a local trial (deploy/portal.env.example lists every variable)."
	@{ echo "DJANGO_SETTINGS_MODULE=portal.settings.production"; \
	  echo "SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	  echo "ALLOWED_HOSTS=127.0.0.1,localhost"; \
	  echo "PORTAL_BASE_URL=http://$(HOST):$(PORT)"; \
	  echo "GUNICORN_BIND=$(HOST):$(PORT)"; \
	  echo "SECURE_SSL_REDIRECT=off"; \
	  echo "ACCOUNT_DEFAULT_HTTP_PROTOCOL=http"; } > $@
	@chmod 600 $@

deploy-tools: ## Install Debian's nginx, wrk, redis-server, rsync, openssl (deployment tests, benchmark) when missing
	@missing=""; for tool in nginx:nginx-light wrk:wrk redis-server:redis-server rsync:rsync openssl:openssl; do \
	  command -v $${tool%%:*} >/dev/null || [ -x /usr/sbin/$${tool%%:*} ] || missing="$$missing $${tool#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; fi

chromium: ## Install Debian's Chromium and its headless shell (the browser tests run in it) when missing
	@command -v chromium >/dev/null && command -v chromium-headless-shell >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-headless-shell >/dev/null; }

pdf-tools: ## Install Debian's poppler-utils (pdftotext, pdftoppm: the browser tests read the PDFs Chromium prints)
	@command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

# The suite runs in one process per core and one more (pytest-xdist, TEST_WORKERS), a test file
# staying on one worker so that a module's shared fixtures are built once; TEST_WORKERS=0 runs it
# in this process.
# Python keeps its bytecode (and pytest its rewritten test modules) in __pycache__ even where the
# environment says PYTHONDONTWRITEBYTECODE, as these machines do: without it every run, every worker
# and every server a test starts compiles the project afresh (about 5 s a worker before any test).
test: $(INSTALLED) chromium pdf-tools deploy-tools ## Install what the tests need and run the whole suite
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest --numprocesses $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(INSTALLED) ## Ruff lint and format check, mypy on the typed modules
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(INSTALLED) ## Let ruff fix imports and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(INSTALLED) ## Django checks, migrations in step, and the deployment check on production settings
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=ci-dummy-$$RANDOM-not-a-real-secret-key-0123456789abcdef \
	  ALLOWED_HOSTS=portal.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

messages: $(INSTALLED) ## Collect interface strings into each app's Latvian .po file and compile them
	@# Each app keeps its own catalogue: its Python code plus its folder of templates/
	@# (home takes the shared templates). makemessages follows the temporary link.
	for app in accounts home campaigns mentoring privacy; do \
	  mkdir -p $$app/locale; \
	  if [ $$app = home ]; then ln -sfn ../templates $$app/_templates; \
	  elif [ -d templates/$$app ]; then ln -sfn ../templates/$$app $$app/_templates; fi; \
	  (cd $$app && ../$(BIN)/python ../manage.py makemessages -l lv --symlinks --no-obsolete --no-location \
	     --ignore='_templates/campaigns/*' --ignore='_templates/mentoring/*' --ignore='_templates/accounts/*' \
	     --ignore='_templates/campaigns' --ignore='_templates/mentoring' \
	     --ignore='_templates/privacy/*' --ignore='_templates/privacy'); \
	  rm -f $$app/_templates; \
	done
	for app in accounts home campaigns mentoring privacy; do (cd $$app && ../$(BIN)/python ../manage.py compilemessages -l lv); done
	@# The admin's packages (Wagtail, wagtail-localize, taggit): locale/lv, kept by hand, never by makemessages.
	$(MANAGE) admin_catalogue
	@# allauth's English phrases in sentence case (locale/en), written from the installed allauth.
	$(MANAGE) english_catalogue

bench: $(INSTALLED) deploy-tools ## Load benchmark: large data set, production gunicorn, wrk per address (a few minutes)
	$(BIN)/python -m bench

clean: ## Remove the virtual environment, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 media .test-media
