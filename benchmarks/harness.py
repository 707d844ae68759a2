"""A benchmark harness that can be trusted on a shared machine.

Wall-clock time on a machine other people use measures their load as much as ours, so a measurement is
CPU seconds (``time.process_time`` of this process plus the subprocesses it waited for), repeated at least
three times, and reported as the median with the min–max range. A measurement with a baseline alternates
them (baseline, measure, baseline, measure, …) so both see the same conditions, and its ratio is the
median of the per-pair ratios. Peak memory comes from one extra run under tracemalloc (tracemalloc slows
allocation-heavy Python several-fold, so it never runs during a timed repetition).

Results are also written as JSON to ``bench-results/`` with the commit they measured, so two commits can
be compared (``make bench-compare A B``, see ``compare.py``).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPEATS = 3
ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench-results"


def cpu_seconds() -> float:
    """CPU time of this process (every thread) and of its finished, waited-for children."""
    t = os.times()
    return time.process_time() + t.children_user + t.children_system


CLOCKS: dict[str, Callable[[], float]] = {"cpu": cpu_seconds, "wall": time.perf_counter}


@dataclass
class Result:
    section: str
    name: str
    items: int
    unit: str
    seconds: float  # the median of ``samples``
    peak_mib: float
    baseline: str | None = None
    extra: dict = field(default_factory=dict)
    samples: list[float] = field(default_factory=list)
    clock: str = "wall"
    #: per-pair speed ratios against the baseline (measure's rate / baseline's rate), when paired
    ratios: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")

    def spread(self) -> str:
        """Throughput as median (min–max) over the repetitions."""
        if len(self.samples) < 2:
            return f"{self.rate:,.1f} {self.unit}/s"
        lo, hi = self.items / max(self.samples), self.items / max(min(self.samples), 1e-12)
        return f"{self.rate:,.1f} ({lo:,.1f}–{hi:,.1f}) {self.unit}/s"

    def per_item_ms(self) -> str:
        return f"{1000 * self.seconds / self.items:.3f}" if self.items else ""


def _timed(fn: Callable[[], int], clock: Callable[[], float]) -> tuple[int, float]:
    gc.collect()
    t0 = clock()
    items = fn()
    return items, clock() - t0


class Reporter:
    def __init__(self, repeats: int = REPEATS) -> None:
        self.repeats = max(REPEATS, repeats)
        self.results: list[Result] = []
        self._fns: dict[str, tuple[Callable[[], int], str, Callable[[], object]]] = {}

    def measure(
        self,
        section: str,
        name: str,
        fn: Callable[[], int],
        *,
        unit: str = "docs",
        baseline: str | None = None,
        clock: str = "cpu",
        memory: bool = True,
        repeats: int | None = None,
        setup: Callable[[], object] | None = None,
        **extra,
    ) -> Result:
        """Time ``fn`` (which returns how many items it processed) ``repeats`` times, then once for memory.

        With ``baseline`` (the name of an earlier measurement of this run), the baseline's function runs
        before each repetition of ``fn``, and the ratio is the median of the pairs' ratios. ``setup`` runs
        untimed before every call of ``fn`` (a fresh copy of a store, say).
        """
        timer = CLOCKS[clock]
        n = max(self.repeats, repeats or 0)
        base_fn = self._fns.get(baseline) if baseline else None
        prepare = setup or (lambda: None)
        samples: list[float] = []
        ratios: list[float] = []
        items = 0
        for _ in range(n):
            if base_fn is not None:
                base_fn[2]()
                b_items, b_sec = _timed(base_fn[0], CLOCKS[base_fn[1]])
            prepare()
            items, sec = _timed(fn, timer)
            samples.append(sec)
            if base_fn is not None and b_sec > 0 and sec > 0 and b_items:
                ratios.append((items / sec) / (b_items / b_sec))
        peak = 0.0
        if memory:
            gc.collect()
            prepare()
            tracemalloc.start()
            try:
                fn()
                peak = tracemalloc.get_traced_memory()[1] / 2**20
            finally:
                tracemalloc.stop()
        r = Result(
            section,
            name,
            items,
            unit,
            statistics.median(samples),
            peak,
            baseline,
            extra,
            samples=samples,
            clock=clock,
            ratios=ratios,
        )
        self.results.append(r)
        self._fns[name] = (fn, clock, prepare)
        return r

    def get(self, name: str) -> Result | None:
        return next((r for r in self.results if r.name == name), None)

    def ratio(self, r: Result) -> str:
        """The speed ratio against the baseline: median (min–max) of the pairs, else of the medians."""
        base = self.get(r.baseline) if r.baseline else None
        if r.ratios:
            med = statistics.median(r.ratios)
            return f"{med:.2f}× ({min(r.ratios):.2f}–{max(r.ratios):.2f}, paired)"
        if base and base.rate:
            return f"{r.rate / base.rate:.2f}×"
        return ""

    def rows(self) -> list[list[str]]:
        out = []
        for r in self.results:
            base = self.get(r.baseline) if r.baseline else None
            ratio_mem = f"{r.peak_mib / base.peak_mib:.2f}×" if base and base.peak_mib else ""
            extra = ", ".join(f"{k}={v}" for k, v in r.extra.items())
            out.append(
                [
                    r.section,
                    r.name,
                    f"{r.items}",
                    r.spread(),
                    r.per_item_ms(),
                    r.clock,
                    f"{r.peak_mib:,.1f}" if r.peak_mib else "",
                    (f"vs {r.baseline}: speed {self.ratio(r)}, memory {ratio_mem}" if r.baseline else ""),
                    extra,
                ]
            )
        return out

    def write_json(self, directory: Path = RESULTS_DIR) -> Path:
        """Every result, with the commit measured and the machine, as one JSON file under ``directory``."""
        commit = _git("rev-parse", "HEAD") or "unknown"
        dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
        now = dt.datetime.now(dt.UTC)
        payload = {
            "commit": commit,
            "dirty": dirty,
            "at": now.isoformat(),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "node": platform.node()},
            "repeats": self.repeats,
            "results": [asdict(r) | {"rate": r.rate, "ratio": self.ratio(r)} for r in self.results],
        }
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{now:%Y%m%dT%H%M%S}-{commit[:10]}{'-dirty' if dirty else ''}.json"
        path.write_text(
            json.dumps(payload, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
        )
        return path


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
