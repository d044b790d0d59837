# Two commands: `make run` sets up and starts the app; `make test` sets up and runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup setup-dev chromium validate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

setup: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt

setup-dev: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# Browser tests use Debian's chromium; installing it needs root (as in CI) or sudo.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

run: setup
	$(BIN)/streamlit run app.py

validate: setup
	$(BIN)/python -m layers validate

test: setup-dev chromium
	$(BIN)/python -m layers validate
	$(BIN)/python -m pytest
