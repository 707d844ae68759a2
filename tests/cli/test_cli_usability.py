"""`rasd --version`, help without type tags, `rasd run --json`, clean progress off a terminal, and `rasd
extract` events that name their source (path or URL, JSONL line, outlet, title, published_at)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd import __version__
from rasd.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
# Two reports of our own, one with a URL and one without, in a JSONL feed.
REPORT_A = (
    "قصفت قوات النظام السوري بالمدفعية الثقيلة بلدة كفرنبل جنوب إدلب صباح الاثنين، ما أدى إلى مقتل مدنيين اثنين "
    "وإصابة خمسة آخرين، بحسب ناشطين محليين."
)
REPORT_B = (
    "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وتنظيم الدولة الإسلامية في محيط بلدة هجين شرق دير الزور، "
    "قتل فيها أربعة عناصر من التنظيم، وفق مصادر محلية."
)


@pytest.fixture()
def env(settings, monkeypatch):
    monkeypatch.setenv("RASD_CACHE_DIR", settings.cache_dir)
    monkeypatch.delenv("RASD_DB", raising=False)
    return dict(os.environ)


def test_version():
    for argv in (["--version"], ["-V"]):
        r = CliRunner().invoke(app, argv)
        assert r.exit_code == 0 and r.stdout.strip() == f"rasd {__version__}"


def _commands(typer_app, prefix=()):
    for cmd in typer_app.registered_commands:
        yield (*prefix, cmd.name or cmd.callback.__name__)
    for group in typer_app.registered_groups:
        yield from _commands(group.typer_instance, (*prefix, group.name))


def test_help_has_no_type_tags_and_no_broken_sentences():
    runner = CliRunner()
    checked = 0
    for argv in _commands(app):
        r = runner.invoke(app, [*argv, "--help"], env={"COLUMNS": "3000"}, terminal_width=3000)
        assert r.exit_code == 0, argv
        assert not re.search(r"<(bool|str|int|float|path|list\[[^]]*\]|[a-z]+ range)>", r.stdout), (
            argv,
            r.stdout,
        )
        # on a 3000-column terminal each paragraph of the description is one line: two text lines in a row
        # (no blank line between) mean a sentence was broken where the docstring's source line ended
        head = [x.strip() for x in r.stdout.split("╭")[0].splitlines()]
        for a, b in zip(head, head[1:], strict=False):
            assert not (a and b and not b.startswith("- ")), (argv, a, b)
        checked += 1
    assert checked >= 15


@pytest.fixture()
def feed(tmp_path) -> Path:
    path = tmp_path / "feed.jsonl"
    rows = [
        {
            "text": REPORT_A,
            "url": "https://news.example/kafranbel",
            "outlet": "Example News",
            "published_at": "2024-03-04T09:00:00+03:00",
        },
        {"text": REPORT_B, "outlet": "مرصد المثال", "published_at": "2024-03-05T10:00:00+03:00"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_extract_events_carry_their_source(feed, env):
    r = CliRunner().invoke(app, ["extract", str(feed), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    events = [json.loads(x) for x in r.stdout.splitlines()]
    by_uri = {e["source"]["uri"]: e["source"] for e in events}
    # the URL names it, and the record's file and line are kept beside it
    assert by_uri["https://news.example/kafranbel"]["line"] == 1
    assert by_uri["https://news.example/kafranbel"]["file"] == str(feed)
    assert by_uri["https://news.example/kafranbel"]["outlet"] == "Example News"
    assert by_uri["https://news.example/kafranbel"]["published_at"].startswith("2024-03-04T09:00:00")
    local = by_uri[str(feed)]
    assert (
        local["line"] == 2
        and local["file"] == str(feed)
        and local["outlet"] == "مرصد المثال"
        and local["published_at"].startswith("2024-03-05")
    )
    assert all(len(e["source"]["doc_id"]) == 64 and e["source"]["doc_id"] in e["doc_ids"] for e in events)
    r = CliRunner().invoke(
        app, ["extract", str(FIXTURES / "rudaw-2022-08-14-sinjar-drone.txt"), "--format", "json"]
    )
    [one] = json.loads(r.stdout)
    assert one["source"]["uri"].endswith("rudaw-2022-08-14-sinjar-drone.txt") and one["source"]["title"]
    assert one["source"]["line"] is None and one["source"]["file"] is None  # not a JSONL record


def test_run_json_summary_and_plain_progress(tmp_path, feed, env):
    db = tmp_path / "r.sqlite"
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "rasd",
            "run",
            str(feed),
            str(FIXTURES),
            str(tmp_path / "missing.txt"),
            "--db",
            str(db),
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert p.returncode == 1  # the missing input failed, the rest were stored
    summary = json.loads(p.stdout)
    assert summary["documents_new"] == 5 and summary["documents_failed"] == 1
    assert summary["store"]["documents"] == 5 and summary["store"]["events"] >= 4
    assert summary["failures"][0]["source"].endswith("missing.txt")
    # stderr is a pipe: plain lines, no spinner frames, cursor moves or carriage returns
    assert "\r" not in p.stderr and "\x1b" not in p.stderr
    assert not re.search(r"[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏━]", p.stderr)
    assert "rasd run: 5 documents read" in p.stderr or "rasd run: 6 documents read" in p.stderr
    assert "missing.txt" in p.stderr
    again = json.loads(
        subprocess.run(
            [sys.executable, "-m", "rasd", "run", str(feed), "--db", str(db), "--json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert again["documents_new"] == 0 and again["documents_stored_before"] == 2


def test_extract_keeps_the_line_of_each_jsonl_record_with_a_url(tmp_path, env):
    """Issue 12: a JSONL record with a URL is named by its URL and still carries its line (blank lines count)."""
    path = tmp_path / "urls.jsonl"
    rows = [
        json.dumps({"text": REPORT_A, "url": "https://news.example/a"}, ensure_ascii=False),
        "",
        json.dumps({"text": REPORT_B, "url": "https://news.example/b"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert r.exit_code == 0, r.output
    sources = {e["source"]["uri"]: e["source"] for e in json.loads(r.stdout)}
    assert sources["https://news.example/a"]["line"] == 1
    assert sources["https://news.example/b"]["line"] == 3
    assert {s["file"] for s in sources.values()} == {str(path)}


def test_extract_explain_says_why_a_war_word_made_no_event(tmp_path):
    """`rasd extract --explain`: an analyst sees why a gas-cylinder explosion is no bombing."""
    import subprocess
    import sys
    from pathlib import Path

    report = tmp_path / "gas.txt"
    report.write_text(
        "حادث\n\nقتل شخصان بانفجار اسطوانة غاز داخل منزل في مدينة حمص أمس، بحسب الدفاع المدني.\n",
        encoding="utf-8",
    )
    rasd = Path(sys.executable).with_name("rasd")
    r = subprocess.run(
        [str(rasd), "extract", str(report), "--format", "jsonl", "--explain"], capture_output=True, text=True
    )
    assert r.returncode == 0 and r.stdout.strip() == ""
    assert "no event from" in r.stderr and "accident" in r.stderr
