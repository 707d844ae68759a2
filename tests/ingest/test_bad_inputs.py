"""Bad inputs inside batches of good ones: each gets a named failure or is read; no good report is lost."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.ingest import read
from rasd.models import Document, Failure

REPORT = (
    "قصف مدفعي على ريف حلب\n2021.03.14 | 09:20 حلب\n\n"
    "قصفت قوات النظام السوري بالمدفعية الثقيلة قرية كفر نوران في ريف حلب الغربي، صباح اليوم، "
    "ما أدى إلى مقتل مدني وإصابة آخرين، بحسب ما أفاد ناشطون محليون.\n"
)


def _good(tmp_path: Path, n: int = 3) -> list[Path]:
    out = []
    for i in range(n):
        p = tmp_path / f"good-{i}.txt"
        p.write_text(REPORT.replace("كفر نوران", f"كفر نوران {i}"), encoding="utf-8")
        out.append(p)
    return out


def _run(paths, settings):
    items = list(read(paths, settings))
    return [d for d in items if isinstance(d, Document)], [f for f in items if isinstance(f, Failure)]


@pytest.mark.parametrize(
    "name,payload,code",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("binary.bin", bytes(range(256)) * 64, "encoding"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\xff" * 500, "encoding"),
        ("chrome-only.txt", "icon\n+A\nحجم الخط\n-A\n".encode(), "empty"),
    ],
)
def test_bad_file_named_and_batch_survives(tmp_path, settings, name, payload, code):
    good = _good(tmp_path)
    bad = tmp_path / name
    bad.write_bytes(payload)
    docs, fails = _run([good[0], bad, *good[1:]], settings)
    assert len(docs) == 3
    assert len(fails) == 1 and fails[0].source == str(bad) and fails[0].code == code
    assert fails[0].message


@pytest.mark.parametrize("encoding", ["windows-1256", "iso8859_6", "utf-16", "utf-16-le", "utf-8-sig"])
def test_arabic_encodings_decoded(tmp_path, settings, encoding):
    text = REPORT.replace(
        "،", ","
    )  # ISO-8859-6 has the Arabic comma at 0xAC; keep the test encodable everywhere
    p = tmp_path / f"report-{encoding}.txt"
    p.write_bytes(text.encode(encoding))
    docs, fails = _run([*_good(tmp_path, 1), p], settings)
    assert not fails and len(docs) == 2
    assert "قصفت قوات النظام السوري" in docs[1].body
    assert docs[1].published_at is not None


def test_windows_1256_html(tmp_path, settings):
    html = (
        '<html><head><meta charset="windows-1256"><title>غارة على إدلب</title></head><body><article>'
        "<h1>غارة على إدلب</h1><p>"
        + "شنت طائرات حربية روسية غارات على مدينة إدلب وأطرافها. " * 3
        + "</p></article></body></html>"
    )
    p = tmp_path / "page.html"
    p.write_bytes(html.encode("cp1256"))
    docs, fails = _run([p], settings)
    assert not fails and "طائرات حربية روسية" in docs[0].body


def test_truncated_html_in_batch(tmp_path, settings):
    p = tmp_path / "cut.html"
    p.write_text(
        "<html><body><article><p>" + "اشتباكات عنيفة بين فصائل المعارضة وقوات النظام على جبهة الساحل. " * 4,
        encoding="utf-8",
    )
    docs, fails = _run([*_good(tmp_path, 2), p], settings)
    assert not fails and len(docs) == 3


def test_malformed_jsonl_line(tmp_path, settings):
    p = tmp_path / "batch.jsonl"
    good = {"text": REPORT, "url": "https://example.org/a", "published_at": "2021-03-14T09:20:00+02:00"}
    lines = [
        json.dumps(good, ensure_ascii=False),
        '{"text": "unterminated',
        "[1, 2]",
        json.dumps(
            {"html": "<p>" + REPORT.replace("كفر", "دارة") + "</p>", "url": "https://www.enabbaladi.net/b"},
            ensure_ascii=False,
        ),
        json.dumps({"title": "no body"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, fails = _run([p], settings)
    assert len(docs) == 2
    assert docs[0].source_uri == "https://example.org/a" and docs[0].published_at.hour == 9
    assert docs[1].outlet_id == "enab-baladi"
    assert sorted(f.source for f in fails) == [f"{p}:2", f"{p}:3", f"{p}:5"]
    assert all(f.code == "bad-json" for f in fails)


def test_50mb_file(tmp_path, settings):
    big = tmp_path / "giant.txt"
    with big.open("wb") as f:
        chunk = REPORT.encode() * 1000
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    docs, fails = _run([*_good(tmp_path, 2), big], settings)
    assert len(docs) == 2
    assert len(fails) == 1 and fails[0].code == "too-large" and str(big) in fails[0].source


def test_missing_file_and_empty_glob(tmp_path, settings):
    docs, fails = _run([*_good(tmp_path, 1), tmp_path / "nope.txt", str(tmp_path / "*.none")], settings)
    assert len(docs) == 1 and len(fails) == 2


def test_cli_ingest_reports_failures_and_exit_code(tmp_path):
    good = _good(tmp_path, 2)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    r = subprocess.run(
        [sys.executable, "-m", "rasd", "ingest", str(good[0]), str(bad), str(good[1])],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1
    assert len(r.stdout.strip().splitlines()) == 2
    assert str(bad) in r.stderr and "empty" in r.stderr


def test_cli_stdin(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "rasd", "show", "-", "--json"], input=REPORT.encode(), capture_output=True
    )
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["source_uri"] == "<stdin>" and doc["title"] == "قصف مدفعي على ريف حلب"


def test_cli_ingest_into_a_store_is_idempotent(tmp_path):
    good = _good(tmp_path, 2)
    db = f"sqlite:///{tmp_path / 'docs.sqlite'}"
    first = subprocess.run(
        [sys.executable, "-m", "rasd", "ingest", *map(str, good), "--db", db], capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("(new)") == 2
    again = subprocess.run(
        [sys.executable, "-m", "rasd", "ingest", *map(str, good), "--db", db], capture_output=True, text=True
    )
    assert again.stdout.count("(already stored)") == 2
