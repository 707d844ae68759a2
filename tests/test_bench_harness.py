"""The benchmark harness's bookkeeping (no timing is asserted): repetitions, baselines alternated with
their measure, JSON results naming the commit, and the comparison of two result files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import compare  # noqa: E402
import harness  # noqa: E402


def test_baseline_and_measure_alternate_and_results_are_written(tmp_path):
    calls: list[str] = []

    def base() -> int:
        calls.append("base")
        return 10 + 0 * sum(range(20_000))  # some CPU time, so each pair has a ratio

    def work() -> int:
        calls.append("work")
        return 10 + 0 * sum(range(20_000))

    reporter = harness.Reporter()
    reporter.measure("s", "base", base, memory=False)
    r = reporter.measure(
        "s", "work", work, baseline="base", memory=False, setup=lambda: calls.append("setup")
    )
    assert calls[:3] == ["base"] * 3
    assert calls[3:] == ["base", "setup", "work"] * 3
    assert len(r.samples) == 3 and len(r.ratios) == 3 and r.items == 10
    path = reporter.write_json(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["commit"] and [x["name"] for x in data["results"]] == ["base", "work"]
    rows = compare.compare(data, data)
    assert [row[1] for row in rows] == ["base", "work"] and all(row[5] == "within noise" for row in rows)
