"""``rasd load``: a batch's datasets into a store (SQLite or PostgreSQL), in bulk and idempotently.

The store is opened (and migrated) through ``rasd.store.open_store``; rows are then written in bulk
inside the store's own serialised write transactions (``SqlStore.write``), with SQLAlchemy Core on
its tables (``rasd.store.schema``) and its event row (``rasd.store.sql._event_row``), one
transaction per Parquet file: documents with their mentions, then events with their sources and
merges. Rows already stored (by ``doc_id``, ``event_id``) are
skipped, so a load killed part-way resumes, and loading the same batch twice adds nothing.

Events are stored as the batch merged them: loading into a store that already holds events from
``rasd run`` does not merge across the two (run ``rasd batch`` over all the reports instead).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import sqlalchemy as sa

from rasd.errors import StoreError
from rasd.models import Event
from rasd.scale.manifest import MANIFEST
from rasd.store import schema as t
from rasd.store.sql import _event_row as event_row
from rasd.store.sql import band_rows
from rasd.text import normalise_key

logger = logging.getLogger(__name__)

_CHUNK = 500  # rows per existence query and per insert statement


@dataclass
class LoadSummary:
    documents: int = 0
    documents_present: int = 0
    mentions: int = 0
    events: int = 0
    events_present: int = 0
    merges: int = 0
    failures: int = 0


def _files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.parquet")) if root.exists() else []


def _partition_values(path: Path, root: Path) -> dict[str, str]:
    return dict(p.split("=", 1) for p in path.relative_to(root).parent.parts if "=" in p)


def _existing(c: sa.Connection, col: sa.Column, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(ids), _CHUNK):
        found |= {r[0] for r in c.execute(sa.select(col).where(col.in_(ids[i : i + _CHUNK])))}
    return found


def _insert(c: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), _CHUNK):
        c.execute(table.insert(), rows[i : i + _CHUNK])


def load_dataset(
    out: str | Path, store: Any, *, on_file: Callable[[str, int], None] | None = None
) -> LoadSummary:
    """Load the datasets of the batch at ``out`` into ``store`` (a ``rasd.store.SqlStore``).

    ``on_file(path, rows)`` is called after each file is committed.

    Raises:
        StoreError: ``out`` holds no finished batch.
    """
    root = Path(out)
    if not (root / MANIFEST).exists() or not (root / "documents").exists():
        raise StoreError("not a finished rasd batch (no manifest or no documents/)", source=str(root))
    summary = LoadSummary()
    for path in _files(root / "documents"):
        n = _load_documents(store, root, path, summary)
        if on_file:
            on_file(str(path), n)
    for path in _files(root / "events"):
        n = _load_events(store, path, summary)
        if on_file:
            on_file(str(path), n)
    _load_failures(store, _files(root / "failures"), summary)
    return summary


def _load_documents(store: Any, root: Path, path: Path, summary: LoadSummary) -> int:
    columns = set(t.documents.c.keys())
    rows = []
    for r in pq.read_table(path).to_pylist():
        r["body_norm"] = normalise_key(r["body"])
        r["captions"] = list(r["captions"] or [])
        rows.append({k: v for k, v in r.items() if k in columns})
    mentions_path = root / "mentions" / path.relative_to(root / "documents")
    mention_cols = ("doc_id", "kind", "start", "end", "surface", "normalised", "kb_id", "score")
    mentions = (
        [{k: m[k] for k in mention_cols} for m in pq.read_table(mentions_path).to_pylist()]
        if mentions_path.exists()
        else []
    )

    def tx(c: sa.Connection) -> tuple[int, int]:
        present = _existing(c, t.documents.c.doc_id, [r["doc_id"] for r in rows])
        docs = [r for r in rows if r["doc_id"] not in present]
        _insert(c, t.documents, docs)
        if c.dialect.name == "sqlite" and docs:
            c.exec_driver_sql(
                "INSERT INTO documents_fts (doc_id, body_norm) VALUES (?, ?)",
                [(d["doc_id"], d["body_norm"]) for d in docs],
            )
        # LSH bands, so a later `rasd run` finds its near duplicates among the loaded documents
        _insert(
            c,
            t.document_bands,
            [b for d in docs if d.get("minhash") for b in band_rows(d["doc_id"], d["minhash"])],
        )
        wanted = {d["doc_id"] for d in docs}
        ms = [m for m in mentions if m["doc_id"] in wanted]
        _insert(c, t.mentions, ms)
        return len(docs), len(ms)

    n, m = store.write(tx)
    summary.documents += n
    summary.documents_present += len(rows) - n
    summary.mentions += m
    return n


def _load_events(store: Any, path: Path, summary: LoadSummary) -> int:
    rows = pq.read_table(path, columns=["event_id", "data", "merged_event_ids", "merge_reasons"]).to_pylist()
    now = dt.datetime.now(dt.UTC)
    at = now.isoformat()

    def tx(c: sa.Connection) -> tuple[int, int]:
        present = _existing(c, t.events.c.event_id, [r["event_id"] for r in rows])
        new = [r for r in rows if r["event_id"] not in present]
        events, sources, merges = [], [], []
        for r in new:
            e = Event.from_dict(json.loads(r["data"]))
            e = dataclasses.replace(e, created_at=e.created_at or now, updated_at=now)
            events.append({"event_id": e.event_id, **event_row(e)})
            sources.extend({"event_id": e.event_id, "doc_id": d} for d in e.doc_ids)
            merges.extend(
                {"kept_event_id": e.event_id, "merged_event_id": m, "reason": why, "at": at}
                for m, why in zip(r["merged_event_ids"] or [], r["merge_reasons"] or [], strict=True)
            )
        _insert(c, t.events, events)
        _insert(c, t.event_sources, sources)
        _insert(c, t.merges, merges)
        return len(new), len(merges)

    n, m = store.write(tx)
    summary.events += n
    summary.events_present += len(rows) - n
    summary.merges += m
    return n


def _load_failures(store: Any, paths: Iterable[Path], summary: LoadSummary) -> None:
    """Failure rows not stored yet (the same source, code and message once)."""
    f = t.failures.c

    def tx(c: sa.Connection) -> int:
        seen = {tuple(r) for r in c.execute(sa.select(f.source, f.code, f.message))}
        rows = []
        at = dt.datetime.now(dt.UTC).isoformat()
        for path in paths:
            for r in pq.read_table(path).to_pylist():
                key = (r["source"], r["code"], r["message"])
                if key in seen:
                    continue
                seen.add(key)
                rows.append(
                    {
                        "source": r["source"],
                        "code": r["code"],
                        "message": r["message"],
                        "stage": r["stage"],
                        "at": at,
                    }
                )
        _insert(c, t.failures, rows)
        return len(rows)

    summary.failures += store.write(tx)
