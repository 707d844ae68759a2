"""The full reading pipeline (ingest → mentions → places → events) next to ingest alone, same reports."""

from __future__ import annotations

from corpus import text_corpus

from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.resources import load_resources
from rasd.settings import Settings

N = 500


def bench(reporter) -> None:
    settings = Settings.load()
    texts = text_corpus(N, seed=11)
    res = load_resources(settings)

    def ingest_only() -> int:
        for t in texts:
            read_text(t, settings)
        return N

    def full() -> int:
        events = 0
        for t in texts:
            events += len(process_document(read_text(t, settings), res).events)
        holder["events"] = events
        return N

    holder: dict = {}
    reporter.measure("extract", "ingest alone", ingest_only)
    r = reporter.measure("extract", "ingest → events (full pipeline)", full, baseline="ingest alone")
    r.extra["events"] = holder["events"]
