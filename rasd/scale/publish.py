"""Writing the batch's datasets: ``documents/``, ``mentions/``, ``events/`` (hive-partitioned by
``country`` and ``month``) and ``failures/``, from the shards' work files and the dedup decisions.

Everything is written under a fresh directory first, then each dataset is swapped into place, so a
reader never sees a half-written dataset and a publish killed part-way is simply redone on rerun.
Documents, mentions and failures are written one task per shard (bodies are read and written once,
never shuffled); events one task per partition of the merged events.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rasd.scale import schema
from rasd.scale.dedup import DocumentDecisions, order_of
from rasd.scale.shards import Shard
from rasd.scale.worker import shard_dir

DATASETS = ("documents", "mentions", "events", "failures")


def _write_partitioned(t: pa.Table, root: Path, basename: str) -> None:
    if t.num_rows == 0:
        return
    pq.write_to_dataset(
        t,
        root,
        partition_cols=list(schema.PARTITION_KEYS),
        basename_template=basename + "-{i}.parquet",
        existing_data_behavior="overwrite_or_ignore",
    )


def publish_shard(shard: Shard, out: str, stage: str, decisions: DocumentDecisions) -> dict[str, int]:
    """One shard's documents, mentions and failures into the staged datasets."""
    src = shard_dir(Path(out), shard)
    root = Path(stage)
    docs = pq.read_table(src / "documents.parquet").to_pylist()
    keep: dict[int, tuple[str, str]] = {}
    rows = []
    for d in docs:
        order = order_of(shard.index, d["record"])
        if order in decisions.dropped:
            continue
        keep[d["record"]] = (d["country"], d["month"])
        d.update(shard=shard.path, near_duplicate_of=decisions.near_duplicate_of.get(order))
        rows.append(d)
    _write_partitioned(schema.table(rows, schema.DOCUMENTS), root / "documents", f"shard-{shard.key}")
    mentions = []
    for m in pq.read_table(src / "mentions.parquet").to_pylist():
        part = keep.get(m["record"])
        if part is not None:
            m["country"], m["month"] = part
            mentions.append(m)
    mention_schema = pa.schema([*schema.MENTIONS, ("country", pa.string()), ("month", pa.string())])
    _write_partitioned(schema.table(mentions, mention_schema), root / "mentions", f"shard-{shard.key}")
    failures = pq.read_table(src / "failures.parquet")
    (root / "failures").mkdir(parents=True, exist_ok=True)
    pq.write_table(failures, root / "failures" / f"shard-{shard.key}.parquet")
    return {"documents": len(rows), "mentions": len(mentions), "failures": failures.num_rows}


def publish_events(part: Any, stage: str, index: int) -> dict[str, int]:
    """One partition of the merged events (rows built by ``dedup.merge_group``) into the staged dataset."""
    rows = []
    merged = 0
    for text in part["row"]:
        row = json.loads(text)
        if row["event_date"]:
            row["event_date"] = dt.date.fromisoformat(row["event_date"])
        merged += len(row["merged_event_ids"])
        rows.append(row)
    rows.sort(key=lambda r: r["event_id"])
    _write_partitioned(schema.table(rows, schema.EVENTS), Path(stage) / "events", f"part-{index:05d}")
    return {"events": len(rows), "merged": merged}


def write_failures(rows: list[dict[str, Any]], stage: str, name: str) -> None:
    """Failure rows the driver holds itself (a shard whose task failed as a whole)."""
    (Path(stage) / "failures").mkdir(parents=True, exist_ok=True)
    pq.write_table(schema.table(rows, schema.FAILURES), Path(stage) / "failures" / f"{name}.parquet")


def new_stage(out: Path) -> Path:
    stage = out / f".publish-{uuid.uuid4().hex[:12]}"
    for name in DATASETS:
        (stage / name).mkdir(parents=True)
    return stage


def swap_in(out: Path, stage: Path) -> None:
    """Replace each published dataset with its staged version."""
    for name in DATASETS:
        target = out / name
        old = out / f".old-{name}-{uuid.uuid4().hex[:8]}"
        if target.exists():
            target.rename(old)
        (stage / name).rename(target)
        shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(stage, ignore_errors=True)


def clean_leftovers(out: Path) -> None:
    """Directories a killed batch left behind (staged datasets, half-written shards)."""
    for p in list(out.glob(".publish-*")) + list(out.glob(".old-*")):
        shutil.rmtree(p, ignore_errors=True)
    for p in (out / "_shards").glob("*.tmp-*") if (out / "_shards").exists() else []:
        shutil.rmtree(p, ignore_errors=True)
