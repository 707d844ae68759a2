"""The events of a fixed generated corpus are the same before and after speed work.

Speed changes (the matcher's cached automaton, indexed deduplication, LSH for near-duplicate documents,
batched writes, the spatial cut-off in place resolution) must not change what rasd finds. The expected
file was written by the code before those changes (``python tests/test_same_events.py --write``): every
document's events as extracted, then the store after ``rasd run`` — events with their sources, merges
with their reasons, and near-duplicate links — on SQLite and on PostgreSQL.

The corpus is ``benchmarks/corpus.py``'s text reports plus, for every fifth report, a re-headlined copy
(a near duplicate whose events merge into the original's), so both dedup paths are exercised.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "fixtures" / "speed" / "same-events.json"
N = 150


def _corpus() -> list[str]:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    texts = mod.text_corpus(N, seed=5)
    copies = [t.replace("\n", "\nنقلاً عن مصادر متطابقة\n", 1) for t in texts[::5]]
    return texts + copies


def _event_row(e) -> dict:
    loc = e.location
    return {
        "event_id": e.event_id,
        "doc_ids": sorted(e.doc_ids),
        "type": [e.event_type, e.sub_event_type],
        "date": [e.event_date.isoformat() if e.event_date else None, e.time_precision],
        "actors": [e.actor1.kb_id if e.actor1 else None, e.actor2.kb_id if e.actor2 else None],
        "place": [loc.geonameid, loc.name_ar, loc.lat, loc.lon] if loc else None,
        "geo_precision": e.geo_precision,
        "fatalities": [e.fatalities.best, e.fatalities.min, e.fatalities.max],
        "modality": e.modality,
        "evidence": len(e.evidence),
    }


def _extracted(resources) -> tuple[str, list]:
    from rasd.ingest import read_text
    from rasd.pipeline import process_document

    texts = _corpus()
    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()
    out = []
    for text in texts:
        p = process_document(read_text(text, resources.settings), resources)
        out.append({"doc_id": p.document.doc_id, "events": [_event_row(e) for e in p.events]})
    return digest, out


def _stored(store, resources) -> dict:
    import sqlalchemy as sa

    from rasd.ingest import read_text
    from rasd.pipeline import process_document
    from rasd.store import schema as t

    for text in _corpus():
        p = process_document(read_text(text, resources.settings), resources)
        store.save_processed(p.document, list(p.mentions), list(p.events))
    with store.engine.connect() as c:
        event_ids = [r[0] for r in c.execute(sa.select(t.events.c.event_id).order_by(t.events.c.event_id))]
        merges = sorted(
            [r[0], r[1], r[2]]
            for r in c.execute(
                sa.select(t.merges.c.kept_event_id, t.merges.c.merged_event_id, t.merges.c.reason)
            )
        )
        sources = sorted([r[0], r[1]] for r in c.execute(sa.select(t.event_sources)))
        near = sorted(
            [r[0], r[1]]
            for r in c.execute(
                sa.select(t.documents.c.doc_id, t.documents.c.near_duplicate_of).where(
                    t.documents.c.near_duplicate_of.is_not(None)
                )
            )
        )
    return {
        "events": [_event_row(store.get_event(i)) for i in event_ids],
        "merges": merges,
        "sources": sources,
        "near_duplicates": near,
    }


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_extracted_events_unchanged(resources, expected):
    digest, got = _extracted(resources)
    assert digest == expected["corpus_sha256"], "benchmarks/corpus.py changed: rewrite the expected file"
    assert got == expected["extracted"]


def test_stored_events_unchanged(store, resources, expected):
    got = _stored(store, resources)
    assert got["near_duplicates"] == expected["stored"]["near_duplicates"]
    assert got["merges"] == expected["stored"]["merges"]
    assert got["sources"] == expected["stored"]["sources"]
    assert got["events"] == expected["stored"]["events"]


def _write() -> None:
    """Write the expected file from the code as it is now (only before a change meant to keep events)."""
    import tempfile

    from rasd.resources import load_resources
    from rasd.settings import Settings
    from rasd.store.sql import SqlStore

    res = load_resources(Settings.load())
    digest, extracted = _extracted(res)
    with tempfile.TemporaryDirectory() as tmp:
        store = SqlStore(f"sqlite:///{tmp}/expected.sqlite", res.settings)
        stored = _stored(store, res)
        store.close()
    EXPECTED.write_text(
        json.dumps({"corpus_sha256": digest, "extracted": extracted, "stored": stored}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__" and "--write" in sys.argv:
    _write()
