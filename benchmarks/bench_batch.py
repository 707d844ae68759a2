"""``rasd batch`` on a LocalCluster: reports per second with 1 and 2 worker processes on the same 5,000
generated reports (20 JSONL shards), the speed-up, the cross-shard dedup's share of the batch, and a
worker's peak resident memory with the full knowledge bases.

Wall-clock time is what parallelism buys, so runs are timed on the wall clock, as medians of paired
runs (1 worker, then 2, repeated), each into a fresh output directory; CPU seconds per report (summed
over the shard tasks) give the per-core throughput the README's scale plan uses.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from corpus import text_corpus
from harness import Result

from rasd.kb.gazetteer import load_gazetteer
from rasd.scale import dask_client, run_batch
from rasd.settings import Settings

N = 5000
SHARDS = 20
REPEATS = 3


def _write_shards(root: Path) -> list[Path]:
    texts = text_corpus(N, seed=15)
    per = N // SHARDS
    paths = []
    for i in range(SHARDS):
        p = root / f"shard-{i:02d}.jsonl"
        with p.open("w", encoding="utf-8") as f:
            for t in texts[i * per : (i + 1) * per]:
                f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
        paths.append(p)
    return paths


def bench(reporter) -> None:
    settings = Settings.load()
    load_gazetteer(settings)  # built here if missing, so no worker's peak memory includes the build
    root = Path(tempfile.mkdtemp(prefix="rasd-bench-batch-"))
    shards = _write_shards(root)
    runs: dict[int, list] = {1: [], 2: []}
    try:
        with dask_client(settings, workers=1) as one, dask_client(settings, workers=2) as two:
            clients = {1: one, 2: two}
            for c in clients.values():  # every worker has loaded the knowledge bases (the plugin)
                c.run(lambda: None)
            for rep in range(REPEATS):
                for workers, client in clients.items():
                    out = root / f"out-{workers}-{rep}"
                    t0 = time.perf_counter()
                    summary = run_batch(shards, out, settings, client)
                    wall = time.perf_counter() - t0
                    manifest = json.loads((out / "manifest.json").read_text())
                    cpu = sum(s["cpu_seconds"] for s in manifest["shards"].values())
                    runs[workers].append((wall, summary, cpu))
                    shutil.rmtree(out)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    def median_run(workers: int):
        return sorted(runs[workers], key=lambda r: r[0])[len(runs[workers]) // 2]

    for workers in (1, 2):
        wall, summary, cpu = median_run(workers)
        walls = [r[0] for r in runs[workers]]
        dedup = summary.seconds.get("dedup", 0.0) + summary.seconds.get("publish", 0.0)
        r = Result(
            "batch",
            f"rasd batch, {workers} worker{'s' if workers > 1 else ''}",
            summary.records,
            "reports",
            statistics.median(walls),
            max(r[1].worker_peak_rss_mib for r in runs[workers]),  # peak RSS of a worker process
            baseline="rasd batch, 1 worker" if workers == 2 else None,
            extra={
                "events": summary.events,
                "merged": summary.events_merged,
                "dedup+publish share": f"{dedup / wall:.0%}",
                "dedup s": f"{summary.seconds.get('dedup', 0):.2f}",
                "publish s": f"{summary.seconds.get('publish', 0):.2f}",
                "CPU s/report (shards)": f"{cpu / summary.records * 1000:.2f} ms",
                "walls": "/".join(f"{w:.1f}" for w in walls),
            },
        )
        reporter.results.append(r)
