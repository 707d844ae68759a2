"""A LocalCluster of two worker processes shared by the batch tests, and the shards they read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# the test modules here import the report writers (pytest's importlib mode puts no test folder on the path)
sys.path.insert(0, str(Path(__file__).parent))
from scale_reports import happenings, report, write_jsonl, write_pages, write_warc  # noqa: E402


@pytest.fixture(scope="session")
def dask_client(settings, resources):
    """Two worker processes, one thread each (the gazetteer is built before they start)."""
    from rasd.scale import dask_client as connect

    with connect(settings, workers=2) as client:
        yield client


@pytest.fixture(scope="session")
def shard_files(tmp_path_factory) -> dict[str, object]:
    """Five shards of every kind, with one happening split across two shards, a report repeated
    verbatim in another shard, and a report republished by a second outlet (a near duplicate)."""
    d = tmp_path_factory.mktemp("shards")
    hs = happenings(24)
    rows = [[report(h, 0)] for h in hs]
    split = hs[0]  # told by one outlet in shard 0, by another in shard 3
    copy = report(hs[5], 0)  # the same report again, in shard 4
    near = dict(report(hs[7], 0), outlet="المدن", url="https://example.org/republished")
    near["text"] = near["text"] + "\n\nتحديث: أغلقت الطرق المؤدية إلى المدينة."
    flat = [r for group in rows for r in group]
    shards = [
        write_jsonl(d / "a.jsonl", flat[0:5]),
        write_jsonl(d / "b.jsonl.gz", flat[5:10]),
        write_warc(d / "c.warc.gz", flat[10:15]),
        write_pages(d / "d-pages", [report(split, 1), *flat[15:19]]),
        write_jsonl(d / "e.jsonl", [*flat[19:24], copy, near]),
    ]
    return {"shards": shards, "split": split, "dir": d}
