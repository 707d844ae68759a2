# rasd: `make run` and `make test` work on a fresh machine (Python >= 3.11 on PATH).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
RASD   := $(VENV)/bin/rasd
STAMP  := $(VENV)/.installed
DB     ?= sqlite:///rasd.sqlite
SAMPLE := rasd/data/examples

.PHONY: install run serve test bench lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Process the bundled sample into the embedded SQLite store and print its events and where the map is served.
run: install
	$(RASD) run $(SAMPLE) --db $(DB)
	$(RASD) export --db $(DB) --format table
	@echo "API: $(RASD) serve --db $(DB)  →  http://127.0.0.1:8765/api/events (OpenAPI at /docs)."
	@echo "Map: not served yet — the web map is the next piece of work (README, Status). Meanwhile: $(RASD) export --db $(DB) --format geojson -o events.geojson"

serve: install
	$(RASD) serve --db $(DB)

## The whole suite: unit, property, SQLite and PostgreSQL store, API and browser tests.
test: install
	$(PY) -m pytest -q -n 2 --dist loadfile

bench: install
	$(PY) benchmarks/run.py

lint: install
	$(VENV)/bin/ruff check rasd tests benchmarks
	$(VENV)/bin/ruff format --check rasd tests benchmarks

clean:
	rm -rf $(VENV) rasd.sqlite .pytest_cache
