# Two commands: `make run` sets up and starts the app; `make test` sets up and runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup setup-dev system-packages test-tools validate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

setup: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m layers catalogues --compile >/dev/null

setup-dev: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m layers catalogues --compile >/dev/null

# Browser tests use Debian's chromium, the front-end files' own tests Debian's nodejs, npm installs axe-core for
# the accessibility tests, the cluster (scripts/cluster.py) runs Debian's haproxy and nginx, and scripts/edge_bench.py
# its ApacheBench (apache2-utils); installing them needs root (as in CI) or sudo.
system-packages:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	  command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	  command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	  command -v haproxy >/dev/null 2>&1 || missing="$$missing haproxy"; \
	  command -v nginx >/dev/null 2>&1 || missing="$$missing nginx-light"; \
	  command -v ab >/dev/null 2>&1 || missing="$$missing apache2-utils"; \
	  if [ -n "$$missing" ]; then SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; fi

# axe-core at the version package-lock.json pins (tests/browser/test_accessibility.py injects it into the pages)
test-tools: system-packages
	npm ci --no-audit --no-fund --loglevel=error

# (deploy/python: Streamlit is told the machine's addresses rather than asking the network; docs/deploy.md)
run: setup
	PYTHONPATH=deploy/python WB_NO_OUTBOUND=1 $(BIN)/streamlit run app.py

validate: setup
	$(BIN)/python -m layers validate

test: setup-dev system-packages test-tools
	$(BIN)/python -m layers validate
	$(BIN)/python -m pytest
