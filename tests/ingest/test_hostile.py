"""Hostile inputs inside a batch of good reports: every good report stored, each bad one a named failure.

Each case is one that once stopped `rasd run` or `rasd ingest` with a traceback (or held it for minutes):
a 400-digit number, JSONL fields of the wrong type, a JSON number of 5,000 digits, JSON nested 100,000 deep,
year 9999, a gzip bomb (1 MB inflating to 1 GB), an 18 MB one-line report, a 20 MB HTML page. The sentences are written here.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

GOOD = (
    "قصف على بلدة {town}\n2021.03.{day:02d} | 09:20 حلب\n\n"
    "قصفت قوات النظام السوري بالمدفعية الثقيلة بلدة {town} في ريف حلب الغربي، صباح اليوم، "
    "ما أدى إلى مقتل {n} مدنيين، بحسب ما أفاد ناشطون محليون (تقرير {i}).\n"
)
TOWNS = ["الأتارب", "دارة عزة", "كفر نوران", "أورم الكبرى"]


def _good(i: int) -> str:
    return GOOD.format(town=TOWNS[i % 4], day=1 + i, n=2 + i, i=i)


def _bomb() -> bytes:
    """About 1 MB of gzip that inflates to 1 GiB of zeros: 100 members of 10 MiB each."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = c.compress(b"\0" * (10 * 1024 * 1024)) + c.flush()
    return member * 103


def _hostile(folder: Path) -> dict[str, str]:
    """Write the bad inputs; return {source as it will be named: expected failure code}."""
    bad: dict[str, str] = {}
    p = folder / "b1-huge-number.txt"
    p.write_text(_good(10).replace("مقتل 12", "مقتل " + "9" * 400), encoding="utf-8")
    # a 400-digit number is text, not a toll: the report itself is read (not a failure)
    lines = [
        json.dumps({"text": _good(11), "outlet": 42}),
        '{"text": "' + _good(12).replace("\n", "\\n") + '", "n": ' + "7" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"text": _good(13), "published_at": "9999-12-31T23:59:59+14:00"}),
        json.dumps({"text": _good(14), "url": ["not", "a", "string"]}),
        json.dumps({"text": 5}),
        json.dumps([1, 2, 3]),
        '{"text": "@@"}',  # invalid UTF-8 (bytes written below)
        json.dumps({"text": _good(15)}),  # a good line after the bad ones
    ]
    (folder / "b2-lines.jsonl").write_bytes(("\n".join(lines) + "\n").encode().replace(b"@@", b"\xff\xfe"))
    for lineno, code in ((1, "bad-field"), (2, "bad-json"), (3, "bad-json"), (4, "bad-field")):
        bad[f"{folder / 'b2-lines.jsonl'}:{lineno}"] = code
    bad[f"{folder / 'b2-lines.jsonl'}:5"] = "bad-field"
    bad[f"{folder / 'b2-lines.jsonl'}:6"] = "bad-field"
    bad[f"{folder / 'b2-lines.jsonl'}:7"] = "bad-json"
    bad[f"{folder / 'b2-lines.jsonl'}:8"] = "bad-json"
    (folder / "b3-bomb.warc.gz").write_bytes(_bomb())
    bad[str(folder / "b3-bomb.warc.gz")] = "too-large"
    (folder / "b4-bomb.gz").write_bytes(_bomb())
    bad[str(folder / "b4-bomb.gz")] = "too-large"
    (folder / "b5-one-line.txt").write_text("قصفت قوات النظام بلدة الأتارب. " * 320_000, encoding="utf-8")
    bad[str(folder / "b5-one-line.txt")] = "too-large"
    (folder / "b6-year-9999.txt").write_text(
        _good(16).replace("2021.03.17", "9999.12.31"), encoding="utf-8"
    )  # an impossible dateline: the report is read without a date, not refused
    (folder / "b7-nul.jsonl").write_text(json.dumps({"text": _good(17).replace("قصف", "قص\x00ف")}) + "\n")
    paragraph = (
        "<p>قصفت قوات النظام السوري بالمدفعية الثقيلة بلدة هجين في ريف دير الزور الشرقي صباح اليوم.</p>\n"
    )
    (folder / "b9-huge-page.html").write_text(
        "<html><body><article>" + paragraph * 150_000 + "</article></body></html>", encoding="utf-8"
    )  # 20 MB of page text: refused before main-text extraction (which took 36 s of CPU)
    bad[str(folder / "b9-huge-page.html")] = "too-large"
    gz = folder / "b8-good.jsonl.gz"
    gz.write_bytes(gzip.compress((json.dumps({"text": _good(18)}) + "\n").encode()))
    return bad


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    reports = folder / "reports"
    reports.mkdir()
    for i in range(4):
        (reports / f"a{i}-good.txt").write_text(_good(i), encoding="utf-8")
    bad = _hostile(reports)
    for i in range(4, 6):
        (reports / f"z{i}-good.txt").write_text(_good(i), encoding="utf-8")
    return reports, bad


def _rasd(args: list[str], settings) -> subprocess.CompletedProcess:
    env = {**os.environ, "RASD_CACHE_DIR": settings.cache_dir}
    return subprocess.run(
        [sys.executable, "-m", "rasd", *args], env=env, capture_output=True, text=True, timeout=300
    )


def _failures(stderr: str) -> dict[str, str]:
    """{source: code} from the one line each failure gets: ``error: SOURCE: MESSAGE [CODE]``."""
    out = {}
    for line in stderr.splitlines():
        if line.startswith("error: ") and line.endswith("]"):
            source = line[len("error: ") :].split(": ", 1)[0]
            out[source] = line.rsplit("[", 1)[-1].rstrip("]")
    return out


def test_run_stores_every_good_report_and_names_each_bad_one(batch, tmp_path, settings):
    reports, bad = batch
    db = tmp_path / "h.sqlite"
    r = _rasd(["run", str(reports), "--db", f"sqlite:///{db}"], settings)
    assert r.returncode == 1, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    failed = _failures(r.stderr)
    assert failed == bad, r.stderr[-3000:]
    with sqlite3.connect(db) as c:
        sources = {row[0] for row in c.execute("SELECT source_uri FROM documents")}
        stored_failures = c.execute("SELECT count(*) FROM failures").fetchone()[0]
        dates = dict(c.execute("SELECT source_uri, published_at FROM documents"))
    good = {str(p) for p in reports.glob("[az]*-good.txt")}
    assert good <= sources  # every good report, before and after the bad ones
    assert str(reports / "b1-huge-number.txt") in sources  # the huge number is text
    assert f"{reports / 'b2-lines.jsonl'}:9" in sources  # the good line after the bad ones
    assert f"{reports / 'b7-nul.jsonl'}:1" in sources and f"{reports / 'b8-good.jsonl.gz'}:1" in sources
    assert dates[str(reports / "b6-year-9999.txt")] is None
    assert stored_failures == len(bad)
    assert "documents: 11 new" in r.stdout


def test_ingest_lists_good_reports_and_names_each_bad_one(batch, settings):
    reports, bad = batch
    r = _rasd(["ingest", str(reports)], settings)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert _failures(r.stderr) == bad
    assert len(r.stdout.splitlines()) == 11
