"""Cold start: `rasd extract` of one tiny report in a new process, CPU seconds (the process and its
children), next to a bare interpreter start. Knowledge comes from the disk cache beside the gazetteer
(built by the first run, which this bench does before measuring); readers load only for formats used.

rasd's modules are byte-compiled first, as ``pip install`` of a wheel does: a checkout installed in editable
mode under ``PYTHONDONTWRITEBYTECODE`` would otherwise compile every module from source on every start."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

TINY = "قصفت قوات النظام السوري بلدة هجين شرق دير الزور، ما أسفر عن مقتل ثلاثة مدنيين.\n"


def _runner(args: list[str]):
    def fn() -> int:
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return 1

    return fn


def bench(reporter) -> None:
    path = Path(tempfile.mkdtemp(prefix="rasd-bench-start-")) / "tiny.txt"
    path.write_text(TINY, encoding="utf-8")
    extract = [sys.executable, "-m", "rasd", "extract", str(path)]
    package = Path(__file__).resolve().parents[1] / "rasd"
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package)], check=True, stdout=subprocess.DEVNULL
    )
    _runner(extract)()  # the first run builds what is cached
    reporter.measure(
        "start",
        "python -c pass (baseline)",
        _runner([sys.executable, "-c", "pass"]),
        unit="starts",
        memory=False,
    )
    r = reporter.measure(
        "start",
        "rasd extract, one tiny report, cold process",
        _runner(extract),
        unit="starts",
        baseline="python -c pass (baseline)",
        memory=False,
        repeats=5,
    )
    r.extra["CPU s per start"] = f"{r.seconds:.3f}"
    r = reporter.measure(
        "start",
        "import rasd; import rasd.coding.api (all rasd.extract() needs)",
        _runner([sys.executable, "-c", "import rasd; import rasd.coding.api"]),
        unit="starts",
        memory=False,
        repeats=5,
    )
    r.extra["CPU s per start"] = f"{r.seconds:.3f}"
