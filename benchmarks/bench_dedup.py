"""`rasd run`'s cost per new report as the store grows: an empty store vs one holding 20,000 events.

Deduplication looks at what is stored (candidate events, near-duplicate documents), so its cost could grow
with the store; this measures whether it does. The 20k-event store is built once, in bulk (documents with
their MinHash and events as ``rasd run`` would store them, without deduplicating: building it through
``rasd run`` itself would take as long as the effect measured), into ``bench-output/`` and copied before
every repetition. Opening the copy upgrades its schema, so a store built by older code is measured as
an upgraded store.

Measured: reading and storing 100 new reports (a corpus of another seed), per report, CPU seconds, paired
with the same 100 into an empty store. Store work alone is in the notes.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from corpus import text_corpus

from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.resources import load_resources
from rasd.settings import Settings
from rasd.store.sql import SqlStore

EVENTS = 20_000
NEW = 100
CACHE = Path(__file__).resolve().parents[1] / "bench-output" / f"dedup-{EVENTS // 1000}k-v1.sqlite"


def build_store(path: Path, res) -> None:
    """Documents and their events, stored in bulk (no dedup) until ``EVENTS`` events are stored."""
    from rasd.dedup.documents import minhash_of, to_bytes
    from rasd.store import schema as t
    from rasd.store.sql import _event_row
    from rasd.text import normalise_key

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    store = SqlStore(f"sqlite:///{tmp}", res.settings)
    stored, i, seen = 0, 0, set()
    while stored < EVENTS:
        texts = text_corpus(500, seed=1000 + i)
        i += 1
        docs, evs, srcs = [], [], []
        for text in texts:
            p = process_document(read_text(text, res.settings), res)
            d = p.document
            if d.doc_id in seen:
                continue
            seen.add(d.doc_id)
            row = {k: v for k, v in d.to_dict().items() if k in t.documents.c}
            row.update(
                body_norm=normalise_key(d.body),
                minhash=to_bytes(minhash_of(d.body, res.settings.minhash_num_perm)),
                captions=list(d.captions),
            )
            docs.append(row)
            for e in p.events:
                if e.event_id in seen:
                    continue
                seen.add(e.event_id)
                evs.append({"event_id": e.event_id, "version": 1, **_event_row(e)})
                srcs.append({"event_id": e.event_id, "doc_id": d.doc_id})
        with store.engine.begin() as c:
            c.execute(t.documents.insert(), docs)
            c.exec_driver_sql(
                "INSERT INTO documents_fts (doc_id, body_norm) VALUES (?, ?)",
                [(d["doc_id"], d["body_norm"]) for d in docs],
            )
            if evs:
                c.execute(t.events.insert(), evs)
                c.execute(t.event_sources.insert(), srcs)
        stored = store.counts()["events"]
    with store.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    tmp.rename(path)


def _upgraded(path: Path, settings) -> Path:
    """A copy of the built store upgraded to this code's schema, once (the built file stays as it was, so
    older commits can still open it)."""
    from rasd.store.sql import SqlStore

    head = _head()
    target = path.with_name(f"{path.stem}.{head}.sqlite")
    if not target.exists():
        shutil.copyfile(path, target.with_suffix(".tmp"))
        SqlStore(f"sqlite:///{target.with_suffix('.tmp')}", settings).close()
        target.with_suffix(".tmp").rename(target)
    return target


def _head() -> str:
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("rasd.store").joinpath("migrations")))
    return ScriptDirectory.from_config(cfg).get_current_head()


def bench(reporter) -> None:
    settings = Settings.load()
    res = load_resources(settings)
    if not CACHE.exists():
        t0 = time.perf_counter()
        build_store(CACHE, res)
        print(f"built {CACHE.name} in {time.perf_counter() - t0:.0f} s")
    upgraded = _upgraded(CACHE, settings)
    texts = text_corpus(NEW, seed=424242)
    tmp = Path(tempfile.mkdtemp(prefix="rasd-bench-dedup-"))
    state: dict = {}
    counter = iter(range(10**6))

    def fresh(kind: str, copy_from: Path | None):
        def setup() -> None:
            state["kind"] = kind
            path = tmp / f"s{next(counter)}.sqlite"
            if copy_from is not None:
                shutil.copyfile(copy_from, path)
            store = SqlStore(f"sqlite:///{path}", settings)  # opened (and upgraded) untimed
            state["store"] = store

        return setup

    def run_new() -> int:
        """As ``rasd run`` does: read each report, write them ``write_batch`` to a transaction."""
        store = state.pop("store")
        store_s = 0.0
        pending = []
        for i, text in enumerate(texts):
            p = process_document(read_text(text, settings), res)
            pending.append((p.document, list(p.mentions), list(p.events)))
            if len(pending) == getattr(settings, "write_batch", 1) or i == len(texts) - 1:
                t0 = time.process_time()
                if hasattr(store, "save_processed_many"):
                    store.save_processed_many(pending)
                else:  # code from before batched writes (bench-compare with older commits)
                    for item in pending:
                        store.save_processed(*item)
                store_s += time.process_time() - t0
                pending = []
        store.close()
        state.setdefault(state["kind"], []).append(1000 * store_s / NEW)
        return NEW

    reporter.measure(
        "dedup", "rasd run, empty store", run_new, unit="reports", setup=fresh("empty", None), memory=False
    )
    full = reporter.measure(
        "dedup",
        f"rasd run, {EVENTS // 1000}k events stored",
        run_new,
        unit="reports",
        baseline="rasd run, empty store",
        setup=fresh("full", upgraded),
        memory=False,
    )
    for kind in ("empty", "full"):
        full.extra[f"store ms/report ({kind})"] = "/".join(f"{x:.2f}" for x in sorted(state[kind]))
    full.extra["cost per report, full/empty"] = f"{1 / statistics.median(full.ratios):.2f}×"
    shutil.rmtree(tmp, ignore_errors=True)
