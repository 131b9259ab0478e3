# cosummit — `make run` serves the demo summit, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# The first Python >= 3.12 on PATH.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages install system-packages clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "cosummit needs Python 3.12 or newer on PATH."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

# Debian packages the suite needs: gettext (msgfmt) and Chromium for browser tests.
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -q && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi

# Compile the French catalogue; `--check` fails on broken placeholders.
messages:
	msgfmt --check -o src/cosummit/locale/fr/LC_MESSAGES/django.mo src/cosummit/locale/fr/LC_MESSAGES/django.po

# The compiled French catalogue (.mo) is committed, so `make run` needs no gettext.
run: install
	DEBUG=true $(BIN)/python -m cosummit migrate --no-input -v0
	DEBUG=true $(BIN)/python -m cosummit demo --if-empty
	@DEBUG=true $(BIN)/python -m cosummit worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true $(BIN)/python -m cosummit runserver $(HOST):$(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: $(VENV)/.installed-test system-packages lint messages
	DEBUG=true $(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
