"""``rasd batch`` on a LocalCluster of two processes: the same events as ``rasd run``, duplicates across
shards merged, resumable after a kill, corrupt shards as failure rows, readable datasets."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest
import sqlalchemy as sa
from scale_reports import happenings, report, write_jsonl

from rasd.runner import run as rasd_run
from rasd.scale import run_batch
from rasd.scale.load import load_dataset
from rasd.store.sql import SqlStore


def snapshot(store: SqlStore) -> dict[str, object]:
    """What an analyst sees in a store: events (less their timestamps), sources, merges, documents."""
    with store.engine.connect() as c:
        events = {}
        for event_id, data in c.execute(sa.text("SELECT event_id, data FROM events")):
            d = json.loads(data) if isinstance(data, str) else data
            events[event_id] = {k: v for k, v in d.items() if k not in ("created_at", "updated_at")}
        q = {
            "sources": "SELECT event_id, doc_id FROM event_sources",
            "merges": "SELECT kept_event_id, merged_event_id, reason FROM merges",
            "documents": "SELECT doc_id, near_duplicate_of FROM documents",
            "mentions": 'SELECT doc_id, kind, start, "end", kb_id FROM mentions',
        }
        out: dict[str, object] = {"events": events}
        for name, sql in q.items():
            out[name] = sorted(tuple(r) for r in c.execute(sa.text(sql)))
    return out


def dataset_events(out: Path) -> dict[str, dict]:
    t = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    return {r["event_id"]: r for r in t.to_pylist()}


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory, shard_files, settings, dask_client):
    out = tmp_path_factory.mktemp("batch") / "out"
    summary = run_batch(shard_files["shards"], out, settings, dask_client)
    return out, summary


def test_batch_equals_rasd_run(tmp_path, batch_out, shard_files, settings, resources):
    out, summary = batch_out
    by_run = SqlStore(f"sqlite:///{tmp_path / 'run.sqlite'}", settings)
    rasd_run(shard_files["shards"], by_run, resources)
    by_batch = SqlStore(f"sqlite:///{tmp_path / 'batch.sqlite'}", settings)
    load_dataset(out, by_batch)
    expected, got = snapshot(by_run), snapshot(by_batch)
    # the corpus exercises every dedup path, so equality below means something
    assert summary.copies_dropped == 1 and summary.near_duplicates >= 1 and summary.events_merged >= 2
    assert len(expected["merges"]) == summary.events_merged
    assert got["events"].keys() == expected["events"].keys()
    for event_id, event in expected["events"].items():
        assert got["events"][event_id] == event, event_id
    for name in ("sources", "merges", "documents", "mentions"):
        assert got[name] == expected[name], name


def test_a_happening_split_across_shards_is_one_event_with_both_sources(batch_out, shard_files):
    out, _ = batch_out
    docs = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table().to_pylist()
    split_id = shard_files["split"]["id"]
    urls = {f"https://example.org/{split_id}/0"}
    ids = {d["doc_id"] for d in docs if d["source_uri"] in urls}
    ids |= {d["doc_id"] for d in docs if d["shard"].endswith("d-pages") and f"{split_id}-1" in d["body"]}
    assert len(ids) == 2
    shards = {d["shard"] for d in docs if d["doc_id"] in ids}
    assert len(shards) == 2
    holding = [e for e in dataset_events(out).values() if ids & set(e["doc_ids"])]
    assert len(holding) == 1, [e["event_id"] for e in holding]
    event = holding[0]
    assert set(event["doc_ids"]) == ids and len(event["merged_event_ids"]) == 1
    assert "km apart" in event["merge_reasons"][0] or "district" in event["merge_reasons"][0]


def test_datasets_are_hive_partitioned_and_readable_by_dask(batch_out):
    import dask.dataframe as dd

    out, summary = batch_out
    dirs = {p.relative_to(out / "events").parts[:2] for p in (out / "events").rglob("*.parquet")}
    assert ("country=SY", "month=2019-01") in dirs
    assert any(part[0] == "country=IQ" for part in dirs)
    frame = dd.read_parquet(out / "events").compute()
    assert len(frame) == summary.events
    assert set(frame["country"].astype(str)) >= {"SY", "IQ"}
    assert frame["event_date"].notna().all() and (frame["latitude"].between(29, 38)).all()
    docs = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table()
    assert docs.num_rows == summary.documents and len(set(docs.column("doc_id").to_pylist())) == docs.num_rows


def test_rerun_of_a_finished_batch_does_nothing(batch_out, shard_files, settings, dask_client):
    out, first = batch_out
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = run_batch(shard_files["shards"], out, settings, dask_client)
    assert again.shards_done_now == 0 and not again.published
    assert again.events == first.events and again.documents == first.documents
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before


def test_the_same_reports_in_other_shards_give_the_same_events(tmp_path, settings, dask_client):
    """Deterministic whatever the partitioning: 2 shards or 6, the same reports in the same order."""
    hs = happenings(18, seed=9)
    rows = [report(h, v) for h in hs for v in (0, 1)]
    two = [write_jsonl(tmp_path / f"two-{i}.jsonl", rows[i * 18 : (i + 1) * 18]) for i in range(2)]
    six = [write_jsonl(tmp_path / f"six-{i}.jsonl", rows[i * 6 : (i + 1) * 6]) for i in range(6)]
    a = run_batch(two, tmp_path / "a", settings, dask_client)
    b = run_batch(six, tmp_path / "b", settings, dask_client)
    assert a.events_merged >= 10 and b.events_merged == a.events_merged
    ea, eb = dataset_events(tmp_path / "a"), dataset_events(tmp_path / "b")
    assert ea.keys() == eb.keys()
    for k in ea:
        assert json.loads(ea[k]["data"]) == json.loads(eb[k]["data"])
        assert ea[k]["merged_event_ids"] == eb[k]["merged_event_ids"]


def test_a_corrupt_shard_becomes_failure_rows_and_the_others_finish(tmp_path, settings, dask_client):
    hs = happenings(6, seed=3)
    good = write_jsonl(tmp_path / "good.jsonl", [report(h, 0) for h in hs[:3]])
    truncated = write_jsonl(tmp_path / "cut.jsonl.gz", [report(h, 0) for h in hs[3:]])
    truncated.write_bytes(truncated.read_bytes()[:-40])  # the gzip stream ends mid-way
    garbage = tmp_path / "noise.warc.gz"
    garbage.write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(2000))
    bad_line = tmp_path / "bad.jsonl"
    bad_line.write_text('{"text": "ناقص\n' + json.dumps(report(hs[0], 1), ensure_ascii=False) + "\n")
    summary = run_batch([good, truncated, garbage, bad_line], tmp_path / "out", settings, dask_client)
    failures = ds.dataset(tmp_path / "out" / "failures", format="parquet").to_table().to_pylist()
    by_shard = {Path(f["shard"]).name for f in failures}
    assert {"cut.jsonl.gz", "noise.warc.gz", "bad.jsonl"} <= by_shard
    assert all(f["source"] and f["message"] and f["code"] for f in failures)
    assert any(f["source"].startswith(str(bad_line)) and f["record"] == 0 for f in failures)
    docs = ds.dataset(tmp_path / "out" / "documents", format="parquet", partitioning="hive").to_table()
    shards_with_docs = {Path(s).name for s in docs.column("shard").to_pylist()}
    assert {"good.jsonl", "bad.jsonl"} <= shards_with_docs
    assert summary.failures == len(failures) and summary.documents == docs.num_rows >= 4


def test_a_killed_batch_resumes_to_the_same_result(tmp_path, settings, dask_client):
    """SIGKILL ``rasd batch`` (driver and workers) after some shards, run it again, compare."""
    hs = happenings(40, seed=21)
    rows = [report(h, v) for h in hs for v in (0, 1)]
    shards = [write_jsonl(tmp_path / f"s{i:02d}.jsonl", rows[i * 5 : (i + 1) * 5]) for i in range(16)]
    whole = run_batch(shards, tmp_path / "whole", settings, dask_client)
    out = tmp_path / "killed"
    env = dict(os.environ, RASD_CACHE_DIR=settings.cache_dir)
    cmd = [sys.executable, "-m", "rasd", "batch", *map(str, shards), "--out", str(out), "--workers", "1"]
    proc = subprocess.Popen(
        cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    manifest = out / "manifest.json"
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists():
            done = len(json.loads(manifest.read_text())["shards"])
            if done >= 3:
                break
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 3 <= done < len(shards)
    assert not (out / "events").exists()
    resumed = run_batch(shards, out, settings, dask_client)
    assert (
        resumed.shards_done_before >= 3
        and resumed.shards_done_now == len(shards) - resumed.shards_done_before
    )
    assert (resumed.events, resumed.documents, resumed.events_merged) == (
        whole.events,
        whole.documents,
        whole.events_merged,
    )
    a, b = dataset_events(tmp_path / "whole"), dataset_events(out)
    assert a.keys() == b.keys() and all(a[k]["data"] == b[k]["data"] for k in a)
