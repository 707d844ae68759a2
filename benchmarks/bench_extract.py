"""The full reading pipeline (ingest → mentions → places → events) next to ingest alone, same reports, and the
CPU time each stage takes of it (where to look first when extraction is slow)."""

from __future__ import annotations

import time

from corpus import text_corpus

from rasd.coding import run as extract_events
from rasd.geo import headline_places, resolve
from rasd.ingest import read_text
from rasd.kb.match import find_mentions
from rasd.pipeline import process_document
from rasd.resources import load_resources
from rasd.settings import Settings
from rasd.text.reading import read

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

    stages: dict[str, float] = {}

    def by_stage() -> int:
        """``process_document``'s stages called one by one, as it calls them, each one's CPU time summed."""
        spent = dict.fromkeys(("ingest", "read", "mentions", "places", "events"), 0.0)
        clock = time.process_time
        for t in texts:
            c0 = clock()
            doc = read_text(t, settings)
            c1 = clock()
            reading = read(doc.body, res.lexicon.segment_breaks)
            c2 = clock()
            mentions = find_mentions(doc.body, res.matcher, reading.norm)
            c3 = clock()
            places = resolve(doc, mentions, res.gazetteer, res.settings)
            title_mentions = find_mentions(doc.title, res.matcher) if doc.title else []
            headline = headline_places(doc, title_mentions, mentions, res.gazetteer, res.settings)
            c4 = clock()
            extract_events(doc, mentions, places, res, reading, headline)
            c5 = clock()
            for name, a, b in zip(spent, (c0, c1, c2, c3, c4), (c1, c2, c3, c4, c5), strict=True):
                spent[name] += b - a
        stages.update(spent)
        return N

    holder: dict = {}
    reporter.measure("extract", "ingest alone", ingest_only)
    r = reporter.measure("extract", "ingest → events (full pipeline)", full, baseline="ingest alone")
    r.extra["events"] = holder["events"]
    s = reporter.measure("extract", "the same, stage by stage", by_stage, memory=False)
    total = sum(stages.values()) or 1.0
    # the last repetition's share of each stage, and its CPU milliseconds per report
    s.extra.update({name: f"{100 * sec / total:.0f}% {1000 * sec / N:.2f}ms" for name, sec in stages.items()})
