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

## Read the bundled sample: parsed metadata, clean body, and what rasd recognises in it.
## (Events, the SQLite store and the map arrive with `rasd run` / `rasd serve`; see README "Status".)
run: install
	$(RASD) show $(SAMPLE)/syria-tv-2018-11-27-deir-ez-zor.txt
	@if $(RASD) --help | grep -q " mentions "; then $(RASD) mentions $(SAMPLE); fi
	@if $(RASD) --help | grep -q " extract "; then $(RASD) extract $(SAMPLE); fi
	@if $(RASD) --help | grep -q " run "; then $(RASD) run $(SAMPLE) --db $(DB) && $(RASD) export --db $(DB) --format table; fi
	@if $(RASD) --help | grep -q " serve "; then echo "Map: $(RASD) serve --db $(DB)  →  http://127.0.0.1:8765/"; \
	  else echo "Map: not served yet (rasd serve is not built in this version; see README Status)."; fi

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
