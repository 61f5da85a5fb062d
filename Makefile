# EX Impact: `make run` serves the demo, `make test` runs everything. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
WORKERS ?= 1
THREADS ?= 4
# Test processes per database run (pytest-xdist); each gets its own database.
TEST_WORKERS ?= 2
export FLASK_APP := eximpact:create_app

.PHONY: install run db test test-sqlite test-postgres lint format bench bench-postgres loadtest clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Re-installs only when the dependency pins change.
$(VENV)/.installed: setup.cfg pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@

install: $(VENV)/.installed

$(VENV)/.installed-load: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,dev,load]'
	touch $@

db: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed demo --if-empty

run: db
	@echo ""
	@echo "EX Impact is starting on http://127.0.0.1:$(PORT)/"
	@echo "Demo sign-ins (password: eximpact-demo): admin@example.com, hr@example.com,"
	@echo "  manager@example.com, ambassador@example.com, employee@example.com"
	@echo ""
	PORT=$(PORT) $(BIN)/gunicorn --workers $(WORKERS) --threads $(THREADS) --bind 127.0.0.1:$(PORT) \
		-c gunicorn.conf.py --access-logfile - 'eximpact:create_app()'

# The whole suite on SQLite, then again on a real PostgreSQL server (with the browser tests).
test: install
	@bash .ci/system-packages
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install
	$(BIN)/pytest -p no:cacheprovider -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-postgres: install
	bash .ci/with-postgres $(BIN)/pytest -p no:cacheprovider -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# BENCH_SIZE=large for a large customer's size (see bench/__init__.py).
bench: install
	$(BIN)/python -m bench

# The same on a throw-away PostgreSQL server (.ci/with-postgres gives TEST_DATABASE_URL).
bench-postgres: install
	bash .ci/with-postgres bash -c 'BENCH_DATABASE_URL="$$TEST_DATABASE_URL" $(BIN)/python -m bench'

# PostgreSQL, Redis and gunicorn (4 workers) under 50 Locust users and injected faults,
# then the database checked against what the server acknowledged. See README.md.
loadtest: $(VENV)/.installed-load
	@bash .ci/loadtest-packages
	bash .ci/with-postgres $(BIN)/python -m loadtest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
