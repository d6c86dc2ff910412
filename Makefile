# Leeds Signpost: `make run` serves the bot and the sandbox, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
export HOST PORT

.PHONY: messages models run test test-fast test-sqlite test-future test-postgres lint bench load system-packages clean

$(STAMP): pyproject.toml
	@echo "Setting up Leeds Signpost (first run only, about a minute):"
	@echo "  creating the Python environment in $(VENV)"
	@$(PYTHON) -m venv $(VENV)
	@echo "  installing the packages it needs (the log is in $(VENV)/install.log)"
	@$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip > $(VENV)/install.log 2>&1 \
		|| (cat $(VENV)/install.log; exit 1)
	@$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]" >> $(VENV)/install.log 2>&1 \
		|| (cat $(VENV)/install.log; exit 1)
	@touch $(STAMP)

# Serve with gunicorn (as the Procfile does), one worker, on an embedded SQLite database.
run: $(STAMP)
	@$(BIN)/signpost db init
	@$(BIN)/signpost run --host $(HOST) --port $(PORT)

# Headless Chromium and PostgreSQL from Debian, for the browser test and the PostgreSQL run.
system-packages:
	.ci/system-packages

lint: $(STAMP)
	$(BIN)/ruff check .

test-sqlite: $(STAMP)
	$(BIN)/pytest -q

# The inner loop: ruff, then the SQLite suite without the slow tests (benches, browsers, several
# processes, hung databases, real waits), on both cores. `make test` still runs everything.
# Bytecode is kept between runs (even where PYTHONDONTWRITEBYTECODE is set), so a second run
# skips compiling and rewriting asserts.
test-fast: $(STAMP)
	$(BIN)/ruff check .
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -q -p no:cacheprovider -m "not slow" -n 2

# The SQLite suite again with the wall clock 400 days ahead (Debian's faketime): nothing may
# depend on today's date. Tests that time real waits on an event loop (real_waits) are left
# out: libfaketime distorts their timeouts, and they hold no dates.
test-future: $(STAMP)
	@if command -v faketime >/dev/null 2>&1; then \
		echo "SQLite suite with the clock 400 days ahead:"; \
		FAKETIME_DONT_FAKE_MONOTONIC=0 faketime -f +400d $(BIN)/pytest -q -p no:cacheprovider \
			-m "not real_waits"; \
	else \
		echo "faketime is not installed (run .ci/system-packages as root); skipping."; \
	fi

# The whole suite again on a throwaway PostgreSQL server on 127.0.0.1 (stopped afterwards).
test-postgres: $(STAMP)
	.ci/with-postgres $(BIN)/pytest -q 

test: $(STAMP) system-packages lint test-sqlite test-future test-postgres

# Gather every source string into bot/wording/locale/messages.pot and merge it into each
# language's catalogue (docs/languages.md); the app reads the PO files as they are.
messages: $(STAMP)
	$(BIN)/python -m tools.extract_messages

# Retrain the crisis and needs classifiers from the training messages (tests/data/*_train.yaml).
models: $(STAMP)
	$(BIN)/python -m tools.train_models

# Scenario answers, understanding figures (English, then which language), SMS segments in every
# language, search times and memory at 100 to 100,000 fictional services, then the load test
# (bare endpoint and conversations in turns); each bounded in time.
bench: $(STAMP)
	$(BIN)/python -m bench.scenarios
	$(BIN)/python -m bench.understanding
	$(BIN)/python -m bench.languages
	$(BIN)/python -m bench.language_segments
	$(BIN)/python -m bench.search_scale --max-seconds 300
	$(BIN)/python -m bench.load --max-seconds 60

load: $(STAMP)
	$(BIN)/python -m bench.load

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
