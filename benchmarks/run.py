"""`make bench`: every benchmarks/bench_*.py module's ``bench(reporter)`` in one process.

Usage: python benchmarks/run.py [SECTION ...]   (e.g. ``make bench SECTIONS="dedup start"``)

Prints a table (CPU-time medians with min–max ranges and paired ratios, see ``harness.py``) and writes the
same results as JSON under ``bench-results/``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).parent))
from harness import Reporter  # noqa: E402


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    reporter = Reporter()
    console = Console(width=200)
    for path in sorted(here.glob("bench_*.py")):
        section = path.stem.removeprefix("bench_")
        if argv and section not in argv:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
        console.print(f"[bold]bench {section}[/bold]")
        mod.bench(reporter)
    table = Table(
        title=f"rasd benchmarks (medians of {reporter.repeats} runs, min–max; ratios paired with their baseline)"
    )
    for col in (
        "section",
        "measure",
        "items",
        "throughput",
        "ms/item",
        "clock",
        "peak MiB",
        "ratio",
        "notes",
    ):
        table.add_column(col)
    for row in reporter.rows():
        table.add_row(*row)
    console.print(table)
    console.print(f"results: {reporter.write_json()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
