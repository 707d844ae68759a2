"""The map's load path: events served page by page through the HTTP API, against the store query it wraps.

The web page fetches /api/meta, then /api/events in pages of 1,000 until it has every event; this measures
that through FastAPI's full stack (in-process TestClient: routing, validation, JSON, gzip) and reports the
ratio to the bare store query plus JSON encoding in the same process.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from corpus import text_corpus
from fastapi.testclient import TestClient

from rasd.api.main import create_app
from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.resources import load_resources
from rasd.settings import Settings
from rasd.store import EventFilter
from rasd.store.sql import SqlStore

N_DOCS = 1500
PAGE = 1000


def bench(reporter) -> None:
    settings = Settings.load()
    res = load_resources(settings)
    store = SqlStore(f"sqlite:///{Path(tempfile.mkdtemp(prefix='rasd-bench-api-'))}/api.sqlite", settings)
    for text in text_corpus(N_DOCS, seed=11):
        p = process_document(read_text(text, settings), res)
        store.save_processed(p.document, list(p.mentions), list(p.events))
    total = store.counts()["events"]

    def bare() -> int:
        n = 0
        for offset in range(0, total, PAGE):
            items, _ = store.query_event_dicts(EventFilter(limit=PAGE, offset=offset))
            n += len(json.dumps(items, ensure_ascii=False))
        return total

    def as_dataclasses() -> int:
        for offset in range(0, total, PAGE):
            events, _ = store.query_events(EventFilter(limit=PAGE, offset=offset))
            json.dumps([e.to_dict() for e in events], ensure_ascii=False)
        return total

    client = TestClient(create_app(settings, store, res))

    def served() -> int:
        client.get("/api/meta").raise_for_status()
        n = 0
        for offset in range(0, total, PAGE):
            r = client.get(
                "/api/events", params={"limit": PAGE, "offset": offset}, headers={"accept-encoding": "gzip"}
            )
            n += len(r.json()["items"])
        assert n == total
        return total

    reporter.measure("api", "store query + JSON (baseline)", bare, unit="events")
    reporter.measure(
        "api",
        "store query via Event dataclasses",
        as_dataclasses,
        unit="events",
        baseline="store query + JSON (baseline)",
    )
    reporter.measure(
        "api",
        "GET /api/meta + /api/events pages",
        served,
        unit="events",
        baseline="store query + JSON (baseline)",
    )
    store.close()
