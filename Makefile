# The README's two commands: `make serve` and `make test`. Both set up everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := qararat.settings

.PHONY: serve test setup data lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

# Database, the bundled documents and the search index, ready to serve (idempotent).
data: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_corpus
	$(BIN)/python manage.py rebuild_index --noinput --verbosity 0
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

serve: export QARARAT_HASHED_STATIC = 1
serve: data
	@echo "Serving Qararat at http://$(HOST):$(PORT)/"
	$(BIN)/gunicorn qararat.wsgi:application --bind $(HOST):$(PORT) --workers 2 --timeout 60 --access-logfile -

lint: setup
	$(BIN)/ruff check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var build *.egg-info
