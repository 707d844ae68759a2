"""``rasd batch``: shards in, a deduplicated Parquet dataset out, on Dask.

The driver (this module) only sequences: expand the shards, submit one task per shard not yet
done (``worker.process_shard``), record each finished shard in the manifest, then run the
cross-shard dedup steps (``dedup``) and publish the datasets (``publish``). Killed at any point,
it resumes: finished shards are not redone, the dedup and publish steps run again over all of them;
a rerun of a finished batch does nothing.
"""

from __future__ import annotations

import fcntl
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.scale import dedup, publish
from rasd.scale.manifest import BatchError, Manifest
from rasd.scale.shards import Shard, expand_shards
from rasd.scale.worker import DONE_FILE, ShardResult, process_shard, shard_dir
from rasd.settings import Settings

logger = logging.getLogger(__name__)


@dataclass
class BatchSummary:
    """What a batch did, for the CLI's summary and the benchmarks."""

    shards: int = 0
    shards_done_now: int = 0
    shards_done_before: int = 0
    shards_failed: list[tuple[str, str]] = field(default_factory=list)
    records: int = 0
    documents: int = 0
    copies_dropped: int = 0
    near_duplicates: int = 0
    events_extracted: int = 0
    events: int = 0
    events_merged: int = 0
    failures: int = 0
    published: bool = False
    #: wall-clock seconds per step: shards, dedup, publish
    seconds: dict[str, float] = field(default_factory=dict)
    #: the highest peak resident memory a worker reported (MiB)
    worker_peak_rss_mib: float = 0.0


def run_batch(
    shard_args: Iterable[str | Path],
    out: str | Path,
    settings: Settings,
    client: Any,
    *,
    on_shard: Callable[[ShardResult | None, str], None] | None = None,
    on_step: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Process ``shard_args`` into the datasets under ``out`` with the Dask ``client``.

    ``on_shard(result, path)`` is called as each shard finishes (``result`` None when its task
    failed as a whole), ``on_step(name)`` as the dedup and publish steps start.

    Raises:
        BatchError: ``out`` belongs to a batch made with other settings, or another batch is writing it.
    """
    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            raise BatchError("another rasd batch is writing this directory", source=str(out)) from e
        return _run_locked(expand_shards(shard_args), out, settings, client, on_shard, on_step)


def _run_locked(shards, out, settings, client, on_shard, on_step) -> BatchSummary:
    from distributed import as_completed

    summary = BatchSummary(shards=len(shards))
    manifest = Manifest.open(out, settings)
    publish.clean_leftovers(out)
    todo = [s for s in shards if not (s.key in manifest.shards and (shard_dir(out, s) / DONE_FILE).exists())]
    summary.shards_done_before = len(shards) - len(todo)
    keys = [s.key for s in shards]
    if not todo and manifest.published and manifest.published.get("shards") == keys:
        for k, v in manifest.published.get("counts", {}).items():
            setattr(summary, k, v)
        return summary  # a finished batch: nothing to do

    t0 = time.perf_counter()
    failed_rows: list[dict[str, Any]] = []
    if todo:
        futures = {
            client.submit(process_shard, s, str(out), settings, key=f"rasd-shard-{s.key}", pure=False): s
            for s in todo
        }
        for fut in as_completed(futures):
            s = futures[fut]
            try:
                r: ShardResult = fut.result()
            except Exception as e:  # the shard's task died as a whole: one failure row, the rest go on
                logger.warning("%s: shard failed: %s: %s", s.path, e.__class__.__name__, e)
                summary.shards_failed.append((s.path, f"{e.__class__.__name__}: {e}"))
                failed_rows.append(
                    {
                        "shard": s.path,
                        "record": -1,
                        "source": s.path,
                        "code": "shard-failed",
                        "message": f"{e.__class__.__name__}: {e}",
                        "stage": "batch",
                    }
                )
                if on_shard:
                    on_shard(None, s.path)
                continue
            manifest.shards[s.key] = {
                "path": s.path,
                "fingerprint": s.fingerprint,
                "records": r.records,
                "documents": r.documents,
                "events": r.events,
                "failures": r.failures,
                "cpu_seconds": round(r.seconds, 3),
                "peak_rss_mib": round(r.peak_rss_mib, 1),
            }
            manifest.save()
            summary.shards_done_now += 1
            summary.worker_peak_rss_mib = max(summary.worker_peak_rss_mib, r.peak_rss_mib)
            if on_shard:
                on_shard(r, s.path)
    summary.seconds["shards"] = time.perf_counter() - t0

    done = [s for s in shards if s.key in manifest.shards and (shard_dir(out, s) / DONE_FILE).exists()]
    for s in done:
        m = manifest.shards[s.key]
        summary.records += m["records"]
        summary.events_extracted += m["events"]

    if on_step:
        on_step("dedup")
    t1 = time.perf_counter()
    decisions = dedup.document_decisions(client, done, str(out), settings)
    merged = dedup.merged_events(done, str(out), settings, decisions.dropped)
    from distributed import wait

    merged = client.persist(merged)
    wait(merged)
    summary.seconds["dedup"] = time.perf_counter() - t1

    if on_step:
        on_step("publish")
    t2 = time.perf_counter()
    stage = publish.new_stage(out)
    doc_futs = [
        client.submit(publish.publish_shard, s, str(out), str(stage), decisions, pure=False) for s in done
    ]
    from dask import delayed

    ev_tasks = [
        delayed(publish.publish_events)(part, str(stage), i) for i, part in enumerate(merged.to_delayed())
    ]
    if failed_rows:
        publish.write_failures(failed_rows, str(stage), "batch")
    for c in client.gather(doc_futs):
        summary.documents += c["documents"]
        summary.failures += c["failures"]
    for c in client.compute(ev_tasks, sync=True):
        summary.events += c["events"]
        summary.events_merged += c["merged"]
    summary.failures += len(failed_rows)
    summary.copies_dropped = len(decisions.dropped)
    summary.near_duplicates = len(decisions.near_duplicate_of)
    publish.swap_in(out, stage)
    summary.seconds["publish"] = time.perf_counter() - t2
    summary.published = True
    if not summary.shards_failed:
        manifest.published = {
            "shards": keys,
            "counts": {
                k: getattr(summary, k)
                for k in (
                    "records",
                    "documents",
                    "copies_dropped",
                    "near_duplicates",
                    "events_extracted",
                    "events",
                    "events_merged",
                    "failures",
                )
            },
        }
    else:
        manifest.published = None  # a rerun retries the failed shards
    manifest.save()
    return summary


__all__ = ["BatchSummary", "Shard", "run_batch"]
