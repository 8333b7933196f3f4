# The README's two commands: `make serve` and `make test`. Both set up everything they need.
# gunicorn settings (workers from the cores, timeouts, logs) live in gunicorn.conf.py; GUNICORN_* variables override them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := qararat.settings

.PHONY: serve test test-postgres postgres setup data lint clean browser-deps messages fuzz-api opensearch test-opensearch

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

# Static files are collected the way they are served: hashed names and their manifest
# (staticfiles.json) for both `make data` and `make serve`, whichever runs first. The hashed collection
# also keeps the plain copies, so a server with QARARAT_HASHED_STATIC=0 works from it too.
# QARARAT_HASHED_STATIC=0 in the environment turns it off for both alike.
data serve: export QARARAT_HASHED_STATIC ?= 1

# Database, the bundled documents and the search index, ready to serve (idempotent).
data: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_corpus
	$(BIN)/python manage.py rebuild_index --noinput --verbosity 0
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

serve: data
	@echo "Serving Qararat at http://$(HOST):$(PORT)/"
	$(BIN)/gunicorn -c gunicorn.conf.py qararat.wsgi:application --bind $(HOST):$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Debian's Chromium for the browser tests (tests/browser), installed when missing and we may use apt.
# Without it those tests are skipped, unless QARARAT_REQUIRE_BROWSER=1 (.ci/run) makes that a failure.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else SUDO="none"; fi; \
	  if [ "$$SUDO" = none ]; then echo "Chromium missing and apt-get not allowed: browser tests will be skipped"; \
	  else $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium; fi; \
	fi

test: lint browser-deps
	$(BIN)/python -m pytest

# schemathesis against a live gunicorn over the bundled corpus, from /api/openapi.json (ops/fuzz_api.py).
fuzz-api: setup
	$(BIN)/python -m ops.fuzz_api

# The same suite against PostgreSQL (`make postgres` installs and starts Debian's server and makes the role).
# The browser tests are left out: their gunicorn uses its own SQLite database in a temporary data folder.
POSTGRES_URL ?= postgres://qararat:qararat@127.0.0.1:5432/qararat
postgres:
	ops/setup_postgres.sh

test-postgres: setup
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/python -m pytest -m "not browser"

# A 3-node OpenSearch 2.19 cluster on 127.0.0.1:9200-9202 in the foreground, data in var/opensearch, Ctrl-C
# stops it (ops/opensearch_cluster.py; `start`/`stop`/`status` there for the background). Needs java and mvn.
opensearch:
	$(PYTHON) -m ops.opensearch_cluster run --nodes 3

# The whole suite (but the browser tests, whose gunicorn has its own Whoosh folder) against a running
# cluster (`make opensearch`, or `python3 -m ops.opensearch_cluster start`): every test gets its own index
# there, and tests/test_opensearch_faults.py kills a node mid-search. A missing cluster is a failure here.
test-opensearch: setup
	QARARAT_TEST_ENGINE=opensearch QARARAT_REQUIRE_OPENSEARCH=1 $(BIN)/python -m pytest -m "not browser"

# After changing interface strings: extract them, fill the English from locale/translate_en.py, compile.
messages: setup
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=bench --ignore=fixtures --ignore=tests --ignore=var
	$(BIN)/python locale/translate_en.py
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) var build *.egg-info
