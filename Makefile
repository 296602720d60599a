# Kennisbank Herstel Groningen: the two commands a newcomer needs are `make run` and `make test`.
# Everything else here is what those two use, plus benchmarks and lint.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Django reads PORT: in development the public base URL (SITE_URL) defaults to this port.
export PORT
# The PostgreSQL leg of the test suite (this machine's server, trust auth).
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/kennisbank_ci

# Python >= 3.12 is required (Django 6). Try the usual names, then pyenv's installs.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 /usr/local/bin/python3.13 /usr/local/bin/python3.12; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$p; break; fi; done)

.PHONY: bench-load bench-site bench-site-postgres deploy-check run test test-sqlite test-postgres lint format install migrate demo bench-import bench-search bench-search-postgres bench-relevance bench-relevance-postgres clean

run: install migrate demo  ## install, migrate, load demo content and serve on http://127.0.0.1:8000
	@echo "Kennisbank draait op http://127.0.0.1:$(PORT)/ (stoppen: Ctrl+C)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install  ## the whole suite: lint, the floors contract, then SQLite and PostgreSQL legs
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

# Browser tests run in a session of their own: they flush the database between tests and
# restore the migrated data, which is only reliable without the other tests in the session.
PYTEST := $(BIN)/pytest -q -p no:cacheprovider

test-sqlite: install
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(PYTEST) -m "not browser"
	env -u DATABASE_URL $(PYTEST) -m browser

test-postgres: install
	@echo "== test suite on PostgreSQL ($(PG_TEST_URL)) =="
	DATABASE_URL=$(PG_TEST_URL) $(PYTEST) --create-db -m "not browser"
	DATABASE_URL=$(PG_TEST_URL) $(PYTEST) --create-db -m browser

# The production stack on loopback (gunicorn, db_worker, nginx) from a fresh PostgreSQL
# database; fetches a page, static, a rendition and documents, then stops (deploy/check.sh).
DEPLOY_CHECK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kennisbank_deploycheck
deploy-check: install
	DEPLOY_CHECK_DATABASE_URL=$(DEPLOY_CHECK_DATABASE_URL) bash deploy/check.sh

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 or newer found. Install one (e.g. 'apt-get install python3.12' or 'pyenv install 3.12') and run again, or pass PYTHON=/path/to/python3.12."; \
		exit 1; fi
	@if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "Creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	@rm -rf build *.egg-info
	@touch $@

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: install
	$(BIN)/python manage.py load_demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media static .pytest_cache .ruff_cache

# The benchmarks live in the top-level app `bench`, which only the development settings
# (and the tests) install; name them explicitly so an exported production setting cannot hide it.
BENCH := DJANGO_SETTINGS_MODULE=config.settings.dev

BENCH_FILES ?= 5000
bench-import: install  ## import benchmark into an empty scratch SQLite database (BENCH_FILES=N)
	rm -f var/bench-import.sqlite3*; mkdir -p var
	$(BENCH) DATABASE_URL=sqlite:///$(CURDIR)/var/bench-import.sqlite3 $(BIN)/python manage.py migrate -v0
	$(BENCH) DATABASE_URL=sqlite:///$(CURDIR)/var/bench-import.sqlite3 $(BIN)/python manage.py bench_import --files $(BENCH_FILES)

BENCH_DOCS ?= 50000
bench-search: install  ## search benchmark on a scratch SQLite database (BENCH_DOCS=N)
	rm -f var/bench-search.sqlite3*; mkdir -p var
	$(BENCH) DATABASE_URL=sqlite:///$(CURDIR)/var/bench-search.sqlite3 $(BIN)/python manage.py migrate -v0
	$(BENCH) DATABASE_URL=sqlite:///$(CURDIR)/var/bench-search.sqlite3 $(BIN)/python manage.py bench_search --docs $(BENCH_DOCS)

bench-search-postgres: install  ## the same on PostgreSQL (database kennisbank_bench)
	-psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS kennisbank_bench'
	psql -h 127.0.0.1 -U postgres -qc 'CREATE DATABASE kennisbank_bench'
	$(BENCH) DATABASE_URL=postgres://postgres@127.0.0.1:5432/kennisbank_bench $(BIN)/python manage.py migrate -v0
	$(BENCH) DATABASE_URL=postgres://postgres@127.0.0.1:5432/kennisbank_bench $(BIN)/python manage.py bench_search --docs $(BENCH_DOCS)

# Relevance: the judged Dutch query set (bench/relevance/) over the demo site plus test lessons,
# asked end to end through /api/zoeken/. BENCH_RELEVANCE_ARGS=--failures lists every miss;
# `make -s bench-relevance BENCH_RELEVANCE_ARGS=--json` prints the report as JSON only.
# Uses ELASTICSEARCH_URL when it is set.
BENCH_RELEVANCE_ARGS ?=
bench-relevance: install  ## relevance benchmark on a scratch SQLite database
	rm -f var/bench-relevance.sqlite3*; mkdir -p var
	$(BENCH) DATABASE_URL=sqlite:///$(CURDIR)/var/bench-relevance.sqlite3 $(BIN)/python manage.py migrate -v0
	$(BENCH) DATABASE_URL=sqlite:///$(CURDIR)/var/bench-relevance.sqlite3 $(BIN)/python manage.py bench_relevance $(BENCH_RELEVANCE_ARGS)

bench-relevance-postgres: install  ## the same on PostgreSQL (database kennisbank_bench_relevance)
	-psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS kennisbank_bench_relevance'
	psql -h 127.0.0.1 -U postgres -qc 'CREATE DATABASE kennisbank_bench_relevance'
	$(BENCH) DATABASE_URL=postgres://postgres@127.0.0.1:5432/kennisbank_bench_relevance $(BIN)/python manage.py migrate -v0
	$(BENCH) DATABASE_URL=postgres://postgres@127.0.0.1:5432/kennisbank_bench_relevance $(BIN)/python manage.py bench_relevance $(BENCH_RELEVANCE_ARGS)

BENCH_LESSONS ?= 10000
bench-load: install  ## the deployed stack (nginx + gunicorn, PostgreSQL) under wrk: search, a lesson, a dossier PDF
	BENCH_LESSONS=$(BENCH_LESSONS) bash bench/load.sh

# The whole site under load: gunicorn (deploy/gunicorn.conf.py, production settings) and the
# task worker on a free loopback port, on a scratch database with the demo site plus N
# synthetic lessons of the search benchmark; every endpoint asked twice (cold, warm), anonymous
# and signed in; req/s, p50/p95/p99, non-2xx, worker RSS, first search after a publish (see
# bench/site.py). N is BENCH_DOCS when given (make bench-site BENCH_DOCS=50000), else 10000. A
# database built for the same N is reused (BENCH_SITE_ARGS=--rebuild builds it anew).
# SQLite (var/bench-site-N.sqlite3) unless DATABASE_URL names a PostgreSQL database whose
# name starts with kb_site_; bench-site-postgres uses kb_site_N on this machine's server.
BENCH_SITE_DOCS := $(if $(filter command line environment,$(origin BENCH_DOCS)),$(BENCH_DOCS),10000)
BENCH_SITE_ARGS ?=
bench-site: install  ## the site under load on a scratch database (BENCH_DOCS=N, default 10000)
	mkdir -p var
	$(BENCH) DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/var/bench-site-$(BENCH_SITE_DOCS).sqlite3} $(BIN)/python manage.py bench_site --docs $(BENCH_SITE_DOCS) $(BENCH_SITE_ARGS)

bench-site-postgres: install  ## the same on PostgreSQL (database kb_site_N, created when missing)
	$(BENCH) DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_site_$(BENCH_SITE_DOCS) $(BIN)/python manage.py bench_site --docs $(BENCH_SITE_DOCS) $(BENCH_SITE_ARGS)
