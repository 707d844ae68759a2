"""A tiny benchmark harness: each measurement reports items/s and peak memory,
and a ratio against a baseline measured in the same process (absolute numbers
vary between machines; ratios are what we compare)."""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Result:
    section: str
    name: str
    items: int
    unit: str
    seconds: float
    peak_mib: float
    baseline: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")


class Reporter:
    def __init__(self) -> None:
        self.results: list[Result] = []

    def measure(
        self,
        section: str,
        name: str,
        fn: Callable[[], int],
        *,
        unit: str = "docs",
        baseline: str | None = None,
        **extra,
    ) -> Result:
        """Run ``fn`` (which returns how many items it processed) twice: once timed, once under tracemalloc.

        tracemalloc slows allocation-heavy Python several-fold, so the timed run is untraced and
        peak memory comes from a second, traced run of the same work.
        """
        gc.collect()
        t0 = time.perf_counter()
        items = fn()
        seconds = time.perf_counter() - t0
        gc.collect()
        tracemalloc.start()
        fn()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        r = Result(section, name, items, unit, seconds, peak / 2**20, baseline, extra)
        self.results.append(r)
        return r

    def get(self, name: str) -> Result | None:
        return next((r for r in self.results if r.name == name), None)

    def rows(self) -> list[list[str]]:
        out = []
        for r in self.results:
            base = self.get(r.baseline) if r.baseline else None
            ratio_rate = f"{r.rate / base.rate:.2f}×" if base and base.rate else ""
            ratio_mem = f"{r.peak_mib / base.peak_mib:.2f}×" if base and base.peak_mib else ""
            extra = ", ".join(f"{k}={v}" for k, v in r.extra.items())
            out.append(
                [
                    r.section,
                    r.name,
                    f"{r.items}",
                    f"{r.rate:,.1f} {r.unit}/s",
                    f"{r.peak_mib:,.1f}",
                    (f"vs {r.baseline}: speed {ratio_rate}, memory {ratio_mem}" if base else ""),
                    extra,
                ]
            )
        return out
