"""`make bench-compare A B`: two benchmark result files side by side, measure by measure.

A and B are paths of files under ``bench-results/`` or commit ids (a prefix is enough; the newest result of
that commit is used). For each measure present in both: B's per-item CPU cost over A's (below 1 is faster),
with both medians and ranges, so a change can be judged against the spread of its repetitions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

RESULTS_DIR = Path(__file__).resolve().parents[1] / "bench-results"


def resolve(ref: str) -> Path:
    """A result file from a path or a commit id prefix (the newest file of that commit)."""
    path = Path(ref)
    if path.is_file():
        return path
    hits = sorted(p for p in RESULTS_DIR.glob("*.json") if p.stem.split("-")[1].startswith(ref[:10]))
    if not hits:
        raise SystemExit(f"no benchmark results for {ref!r} in {RESULTS_DIR}")
    return hits[-1]


def _per_item(r: dict) -> tuple[float, float, float]:
    items = r["items"] or 1
    samples = r.get("samples") or [r["seconds"]]
    return r["seconds"] / items, min(samples) / items, max(samples) / items


def compare(a: dict, b: dict) -> list[list[str]]:
    rows = []
    b_by = {(r["section"], r["name"]): r for r in b["results"]}
    for ra in a["results"]:
        rb = b_by.get((ra["section"], ra["name"]))
        if rb is None:
            continue
        (ma, la, ha), (mb, lb, hb) = _per_item(ra), _per_item(rb)
        overlap = not (hb < la or lb > ha)
        rows.append(
            [
                ra["section"],
                ra["name"],
                f"{ma * 1000:.3f} ({la * 1000:.3f}–{ha * 1000:.3f})",
                f"{mb * 1000:.3f} ({lb * 1000:.3f}–{hb * 1000:.3f})",
                f"{mb / ma:.2f}×" if ma else "",
                "within noise" if overlap else ("faster" if mb < ma else "slower"),
            ]
        )
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        raise SystemExit("usage: compare.py A B  (result files or commit ids)")
    pa, pb = resolve(argv[0]), resolve(argv[1])
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (pa, pb))
    table = Table(title=f"A = {a['commit'][:10]} ({pa.name})  vs  B = {b['commit'][:10]} ({pb.name})")
    for col in ("section", "measure", "A ms/item (range)", "B ms/item (range)", "B/A cost", "verdict"):
        table.add_column(col)
    for row in compare(a, b):
        table.add_row(*row)
    Console(width=200).print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
