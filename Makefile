# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export DEMO_PORT ?= $(PORT)

# Point ELASTICSEARCH_URL / DATABASE_URL at existing services to skip the local ones.
LOCAL_ES := $(if $(ELASTICSEARCH_URL),,yes)
# The demo's database on the local PostgreSQL: kept between runs, dropped by `make clean`.
DEV_DB ?= cms_dev
DEV_DATABASE_URL = $(or $(DATABASE_URL),$(shell PG_DB=$(DEV_DB) scripts/postgres url))

.PHONY: help run test lint format venv services es-start es-stop es-status pg-start dev-db browser typescript demo reorganise-demo clean bench bench-quick bench-scale bench-tools soak messages gettext

help:
	@echo "make run    install, start PostgreSQL and Elasticsearch, migrate, load the demo, serve on $(HOST):$(PORT)"
	@echo "make test   install, start PostgreSQL and Elasticsearch, run the whole test suite"
	@echo "make lint   ruff check + ruff format --check + makemigrations --check"
	@echo "make reorganise-demo  apply the 2025 agency mergers (demo/reorganisation-2025.json) to the demo"

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), f"Python 3.11 is required, found {sys.version}"'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

venv: $(STAMP)

es-start:
ifeq ($(LOCAL_ES),yes)
	scripts/elasticsearch start
else
	@echo "Using Elasticsearch at $(ELASTICSEARCH_URL)"
endif

es-stop:
	scripts/elasticsearch stop

es-status:
	scripts/elasticsearch status

pg-start:
ifeq ($(DATABASE_URL),)
	scripts/postgres start
else
	@echo "Using the database at DATABASE_URL"
endif

dev-db:
ifeq ($(DATABASE_URL),)
	PG_DB=$(DEV_DB) scripts/postgres start
else
	@echo "Using the database at DATABASE_URL"
endif

services: es-start

# Debian's Chromium for the browser tests (tests/e2e); Playwright never downloads one.
browser:
	scripts/browser install

# openapi-typescript and tsc for the API's TypeScript contract check (npm ci, exact versions).
typescript:
	scripts/typescript-contract install

# GNU gettext (msgfmt) from Debian: compiles the admin's catalogue and checks it in the suite.
gettext:
	@bash -c '. scripts/common.sh; need_cmd msgfmt gettext'

# The admin's Vietnamese (locale/vi, docs/glossary.md): after editing a .po, compile it and
# commit the .mo with it; tests/editorial/test_catalogue.py fails while they differ.
messages: venv gettext
	$(PY) manage.py compilemessages --locale vi --ignore .venv --ignore var --ignore clients

demo: venv dev-db es-start
	@export DATABASE_URL="$(DEV_DATABASE_URL)"; set -e; \
	$(PY) manage.py migrate --no-input; \
	$(PY) manage.py load_demo; \
	$(PY) manage.py search_rebuild

# The 2025 mergers applied to the demo (docs/reorganisation.md): the plan, then the apply.
reorganise-demo: demo
	@export DATABASE_URL="$(DEV_DATABASE_URL)"; set -e; \
	$(PY) manage.py reorganise --plan demo/reorganisation-2025.json; \
	$(PY) manage.py reorganise --plan demo/reorganisation-2025.json --apply --user admin

# The task workers (search sync, webhook deliveries) run alongside the server and stop with it.
run: demo
	@export DATABASE_URL="$(DEV_DATABASE_URL)"; \
	$(PY) manage.py db_worker --backend search --queue-name '*' --no-reload & search_worker=$$!; \
	$(PY) manage.py db_worker --backend webhooks --queue-name '*' --no-reload & webhook_worker=$$!; \
	trap 'kill $$search_worker $$webhook_worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: venv pg-start es-start browser typescript bench-tools gettext
	@export DATABASE_URL="$${DATABASE_URL:-$$(scripts/postgres url)}"; \
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run && \
	$(PY) -m pytest $(PYTEST_ARGS)

# The full fault soak (docs/deployment.md): 200 publish/unpublish/delete operations over 60 s
# with Elasticsearch stopped, a killed worker, a PostgreSQL restart. `make test` runs 40 / 10 s.
# Throwaway instances only: ES on SOAK_ES_PORT (9330), PostgreSQL on SOAK_PG_PORT (5437).
# Then the model-based consistency test, longer: 20 sequences of 150 operations (`make test`: 6 of 50).
soak: venv pg-start es-start
	@export DATABASE_URL="$${DATABASE_URL:-$$(scripts/postgres url)}"; \
	SOAK_OPERATIONS=$${SOAK_OPERATIONS:-200} SOAK_SECONDS=$${SOAK_SECONDS:-60} \
	$(PY) -m pytest tests/resilience -v -s $(PYTEST_ARGS) && \
	MODEL_TEST_SEQUENCES=$${MODEL_TEST_SEQUENCES:-20} MODEL_TEST_OPERATIONS=$${MODEL_TEST_OPERATIONS:-150} \
	$(PY) -m pytest tests/search/test_model_consistency.py -v $(PYTEST_ARGS)

# Benchmarks (docs/performance.md): their own database and index prefix, kept between runs.
BENCH_ARGS ?=
BENCH_SCALE_ARGS ?=
bench-tools:
	@bash -c '. scripts/common.sh; need_cmd wrk; need_cmd nginx; need_cmd redis-server; need_cmd redis-cli redis-tools'

# The quick run has databases and an index of its own (…_quick), so that it never throws
# away the full run's kept datasets and search index.
bench bench-quick bench-scale: venv pg-start es-start bench-tools
	@base="$${DATABASE_URL:-$$(scripts/postgres url)}"; \
	export DJANGO_SETTINGS_MODULE=cms.settings.bench \
	DATABASE_URL="$${BENCH_DATABASE_URL:-$${base%/*}/cms_bench$(if $(filter bench-quick,$@),_quick)}" \
	ELASTICSEARCH_INDEX_PREFIX="$${BENCH_INDEX_PREFIX:-cms-bench$(if $(filter bench-quick,$@),-quick)}"; \
	quick="$(if $(filter bench-quick,$@),--quick)"; \
	if [ "$@" != bench-scale ]; then $(PY) manage.py bench $$quick $(BENCH_ARGS) || exit $$?; fi; \
	$(PY) manage.py bench_scale $$quick $(BENCH_SCALE_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The demo's data: its database, media and the virtualenv (the suite's databases are its own).
clean:
	@if [ -z "$(DATABASE_URL)" ] && command -v pg_lsclusters >/dev/null 2>&1; then PG_DB=$(DEV_DB) scripts/postgres drop; fi
	rm -rf $(VENV) var .pytest_cache .ruff_cache
