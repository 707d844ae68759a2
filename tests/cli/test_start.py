"""What a one-report ``rasd extract`` loads: nothing it does not use (start time is CPU on every call)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
sys.argv = ["rasd", "extract", sys.argv[1]]
try:
    import runpy
    runpy.run_module("rasd", run_name="__main__")
except SystemExit:
    pass
heavy = [m for m in ("numpy", "pandas", "pydantic", "asyncio", "charset_normalizer", "yaml", "trafilatura")
         if m in sys.modules]
print("LOADED", ",".join(heavy), file=sys.stderr)
"""


def test_extract_of_a_plain_text_report_loads_no_heavy_module(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(
        "قصفت طائرات حربية بلدة هجين شرق دير الزور، ما أسفر عن مقتل ثلاثة مدنيين.\n", encoding="utf-8"
    )
    subprocess.run(
        [sys.executable, "-m", "rasd", "extract", str(report)], check=True, capture_output=True
    )  # warm
    r = subprocess.run([sys.executable, "-c", PROBE, str(report)], capture_output=True, text=True, check=True)
    assert "1 event" in r.stdout or "هجين" in r.stdout
    loaded = next(line for line in r.stderr.splitlines() if line.startswith("LOADED")).split(" ", 1)[-1]
    assert loaded.strip() == "", f"a plain-text extract imported {loaded}"
