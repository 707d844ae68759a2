"""What trust costs: a batch with hostile inputs next to the same batch without them (the bounds must make
bad inputs cheap to refuse), and reviews with their version check and serialised write."""

from __future__ import annotations

import json
import tempfile
import zlib
from pathlib import Path

from corpus import text_corpus

from rasd.ingest import read_bytes, read_text
from rasd.pipeline import process_document
from rasd.resources import load_resources
from rasd.settings import Settings
from rasd.store import EventFilter, ReviewAction
from rasd.store.sql import SqlStore

N = 200


def _hostile() -> list[tuple[bytes, str]]:
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = (c.compress(b"\0" * (10 * 1024 * 1024)) + c.flush()) * 100  # 1 MB inflating to 1 GB
    lines = [
        json.dumps({"text": "مقتل " + "9" * 400 + " شخص في هجين", "outlet": 42}),
        '{"text": "x", "n": ' + "7" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"text": "قصف", "published_at": "9999-12-31T23:59:59+14:00"}),
    ]
    return [
        (bomb, "bomb.warc.gz"),
        ("\n".join(lines).encode(), "bad.jsonl"),
        ("قصفت قوات النظام بلدة الأتارب. ".encode() * 60_000, "one-line.txt"),  # 3.4 MB, one line
    ]


def bench(reporter) -> None:
    settings = Settings.load()
    good = [(t.encode(), f"r{i}.txt") for i, t in enumerate(text_corpus(N, seed=11))]
    hostile = _hostile()

    def read_all(inputs) -> int:
        n = 0
        for data, name in inputs:
            for _ in read_bytes(data, name, settings):
                n += 1
        return n

    reporter.measure("trust", f"read {N} reports", lambda: read_all(good), unit="inputs")
    reporter.measure(
        "trust",
        f"read {N} reports + 3 hostile inputs (bomb, bad JSONL, 3 MB line)",
        lambda: read_all(good + hostile),
        unit="inputs",
        baseline=f"read {N} reports",
    )

    tmp = Path(tempfile.mkdtemp(prefix="rasd-bench-trust-"))
    store = SqlStore(f"sqlite:///{tmp / 'r.sqlite'}", settings)
    res = load_resources(settings)
    for t in text_corpus(50, seed=5):
        doc = read_text(t, settings)
        p = process_document(doc, res)
        store.save_processed(doc, list(p.mentions), list(p.events))
    ids = [e["event_id"] for e in store.query_event_dicts(EventFilter(limit=1000))[0]]

    def reviews() -> int:
        for i, eid in enumerate(ids):
            _, version = store.get_event_versioned(eid)
            store.review_versioned(
                eid,
                ReviewAction("edit", "bench", changes={"notes": f"n{i}"}, expected_version=version),
            )
        return len(ids)

    reporter.measure(
        "trust", "reviews (read version, validate, check, write, audit)", reviews, unit="reviews"
    )
    store.close()
