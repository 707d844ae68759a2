"""What a Dask worker does with one shard: read it, run ``rasd.pipeline.process_document`` on every
report, and write the shard's work files atomically.

The knowledge bases (actors, gazetteer, matcher, lexicon) are loaded once per worker process and
kept for every later shard (``resources_for``); ``PreloadResources`` loads them when a worker
starts, so the first shard does not pay for it. A report that fails becomes a failure row naming the
shard and the record; nothing a single report does stops the shard, and nothing a shard does stops
the batch.
"""

from __future__ import annotations

import functools
import logging
import os
import resource
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from distributed.diagnostics.plugin import WorkerPlugin

from rasd.budget import time_budget
from rasd.dedup.documents import minhash_of, to_bytes
from rasd.errors import RasdError
from rasd.ingest import unexpected_failure
from rasd.models import Failure
from rasd.pipeline import process_document
from rasd.resources import Resources, load_resources
from rasd.scale import schema
from rasd.scale.shards import Shard, read_shard
from rasd.settings import Settings

logger = logging.getLogger(__name__)

SHARDS_DIR = "_shards"
DONE_FILE = "_DONE"


@functools.lru_cache(maxsize=2)
def resources_for(settings: Settings) -> Resources:
    """The knowledge bases for ``settings``, loaded once per process (a worker keeps them between tasks)."""
    return load_resources(settings)


class PreloadResources(WorkerPlugin):
    """A Dask worker plugin: load the knowledge bases when the worker starts, before its first shard."""

    name = "rasd-preload-resources"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        resources_for(self.settings)


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What a shard task reports back to the driver (the work files are on disk)."""

    key: str
    path: str
    records: int
    documents: int
    events: int
    failures: int
    seconds: float
    peak_rss_mib: float


def shard_dir(out: Path, shard: Shard) -> Path:
    return out / SHARDS_DIR / shard.key


def peak_rss_mib() -> float:
    """This process's peak resident memory (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_shard(shard: Shard, out: str, settings: Settings) -> ShardResult:
    """Read, process and write one shard; idempotent (a shard already written is not redone)."""
    t0 = time.process_time()
    final = shard_dir(Path(out), shard)
    if (final / DONE_FILE).exists():
        return _result_from_disk(shard, final, t0)
    res = resources_for(settings)
    docs: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    record = -1
    for record, item in enumerate(read_shard(shard, settings)):
        if isinstance(item, Failure):
            failures.append(schema.failure_row(shard.path, record, item))
            continue
        source = item.source_uri or item.doc_id
        try:
            with time_budget(settings.document_time_budget_s, source):  # a no-op outside the main thread
                processed = process_document(item, res)
            signature = to_bytes(minhash_of(item.body, settings.minhash_num_perm))
        except RasdError as e:
            f = Failure(source=e.source or source, code=e.code, message=e.message, stage="process")
            failures.append(schema.failure_row(shard.path, record, f))
            continue
        except Exception as e:  # one report never stops a shard: the reason is kept as a failure row
            logger.warning("%s: %s: unexpected %s: %s", shard.path, item.doc_id, e.__class__.__name__, e)
            failures.append(schema.failure_row(shard.path, record, unexpected_failure(source, e, "process")))
            continue
        part = schema.document_partition(item, processed.events, processed.places)
        docs.append(schema.document_row(record, item, signature, part))
        mentions.extend(schema.mention_rows(record, item.doc_id, processed.mentions))
        events.extend(
            {
                "record": record,
                "seq": seq,
                "doc_id": item.doc_id,
                "event_id": e.event_id,
                "event_type": e.event_type,
                "country": schema.event_partition(e)[0],
                "data": schema.event_json(e),
            }
            for seq, e in enumerate(processed.events)
        )
    _write_atomically(
        final,
        {
            "documents": schema.table(docs, schema.SHARD_DOCUMENTS),
            "mentions": schema.table(mentions, schema.SHARD_MENTIONS),
            "events": schema.table(events, schema.SHARD_EVENTS),
            "failures": schema.table(failures, schema.FAILURES),
        },
    )
    return ShardResult(
        key=shard.key,
        path=shard.path,
        records=record + 1,
        documents=len(docs),
        events=len(events),
        failures=len(failures),
        seconds=time.process_time() - t0,
        peak_rss_mib=peak_rss_mib(),
    )


def _write_atomically(final: Path, tables: dict[str, Any]) -> None:
    """Write the tables into a fresh directory beside ``final``, then rename it into place.

    The rename is the commit: a worker killed before it leaves only a ``.tmp-`` directory, which the
    next run removes; a directory named like ``final`` is always whole.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f"{final.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        for name, t in tables.items():
            pq.write_table(t, tmp / f"{name}.parquet")
        (tmp / DONE_FILE).write_text("ok\n")
        try:
            tmp.rename(final)
        except OSError:
            if not (final / DONE_FILE).exists():  # not another attempt's finished copy: a real error
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _result_from_disk(shard: Shard, final: Path, t0: float) -> ShardResult:
    def rows(name: str) -> int:
        return pq.ParquetFile(final / f"{name}.parquet").metadata.num_rows

    docs, fails = rows("documents"), rows("failures")
    return ShardResult(
        key=shard.key,
        path=shard.path,
        records=docs + fails,
        documents=docs,
        events=rows("events"),
        failures=fails,
        seconds=time.process_time() - t0,
        peak_rss_mib=peak_rss_mib(),
    )
