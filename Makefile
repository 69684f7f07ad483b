# Two commands do everything on a fresh machine with Python >= 3.11 and make:
#   make run    venv, locked install, migrate, reference + demo data, web + worker on http://127.0.0.1:8000
#   make test   the whole test suite (SQLite; set DATABASE_URL=postgresql://... for PostgreSQL)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.8
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test lint lock messages install install-dev migrate data serve browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(UV): $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.installed: $(UV) requirements.lock pyproject.toml
	$(UV) pip sync --python $(BIN)/python --quiet requirements.lock
	$(UV) pip install --python $(BIN)/python --quiet --no-deps -e .
	rm -f $(VENV)/.installed-dev
	touch $@

$(VENV)/.installed-dev: $(UV) requirements-dev.lock pyproject.toml
	$(UV) pip sync --python $(BIN)/python --quiet requirements-dev.lock
	$(UV) pip install --python $(BIN)/python --quiet --no-deps -e .
	rm -f $(VENV)/.installed
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	mkdir -p var
	$(BIN)/lichtermeer manage migrate --no-input
	$(BIN)/lichtermeer manage collectstatic --no-input -v 0

data: migrate
	$(BIN)/lichtermeer catalogue load
	$(BIN)/lichtermeer municipalities load
	$(BIN)/lichtermeer manage load_model_projects
	$(BIN)/lichtermeer interop load
	$(BIN)/lichtermeer manage load_demo

run: data
	$(BIN)/lichtermeer serve --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check src tests bench

lock: $(UV)
	$(UV) pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 -o requirements.lock
	$(UV) pip compile pyproject.toml --quiet --extra dev --generate-hashes --python-version 3.11 -o requirements-dev.lock

# Needs GNU gettext (Debian package gettext); the compiled .mo files are committed so run/test don't.
messages: install-dev
	cd src/lichtermeer && ../../$(BIN)/lichtermeer manage makemessages -l de -l en --ignore=migrations
	cd src/lichtermeer && ../../$(BIN)/lichtermeer manage compilemessages

clean:
	rm -rf $(VENV) var
