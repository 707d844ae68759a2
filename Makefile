# rasd: `make run` and `make test` work on a fresh machine (Python >= 3.11 on PATH).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
RASD   := $(VENV)/bin/rasd
STAMP  := $(VENV)/.installed
DB     ?= sqlite:///rasd.sqlite
SAMPLE := rasd/data/examples
PORT   ?= 8765

.PHONY: install run serve test bench bench-compare lint clean web-assets

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## Process the bundled sample into the embedded SQLite store, print its events and where the map is served.
## `make run SERVE=1` then serves the map and the API until Ctrl-C.
run: install
	$(RASD) run $(SAMPLE) --db $(DB)
	$(RASD) export --db $(DB) --format table
	@echo "Map: http://127.0.0.1:$(PORT)/  (API: /api/events, OpenAPI: /docs) — served by: make serve  (or: make run SERVE=1)"
	@if [ -n "$(SERVE)" ]; then $(RASD) serve --db $(DB) --port $(PORT); fi

serve: install
	$(RASD) serve --db $(DB) --port $(PORT)

## Re-vendor the page's JavaScript libraries and rebuild the Natural Earth basemap (needs node, npm and the registries).
web-assets:
	python3 scripts/vendor_web.py
	$(PY) -m pip install -q shapely pyshp
	$(PY) scripts/build_basemap.py

## The whole suite: unit, property, SQLite and PostgreSQL store, API and browser tests.
test: install
	$(PY) -m pytest -q -n 2 --dist loadfile

## CPU-time medians of >= 3 paired runs; results also in bench-results/ (`make bench SECTIONS="dedup start"`).
bench: install
	$(PY) benchmarks/run.py $(SECTIONS)

## `make bench-compare A B`: two result files (or commit ids) of bench-results/ side by side.
ifeq (bench-compare,$(firstword $(MAKECMDGOALS)))
  COMPARE_ARGS := $(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS))
  $(eval $(COMPARE_ARGS):;@:)
endif
bench-compare: install
	$(PY) benchmarks/compare.py $(COMPARE_ARGS)

lint: install
	$(VENV)/bin/ruff check rasd tests benchmarks scripts
	$(VENV)/bin/ruff format --check rasd tests benchmarks scripts

clean:
	rm -rf $(VENV) rasd.sqlite .pytest_cache test-output web/node_modules
