"""`rasd watch` from the command line: --check, --once with health, a bad file's lines, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.watch.watch_reports import SHELLING_SARAQIB


def _rasd(*args, settings):
    env = {**os.environ, "RASD_CACHE_DIR": settings.cache_dir}
    return subprocess.run(
        [sys.executable, "-m", "rasd", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_check_once_and_a_bad_file(tmp_path, settings, resources):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "saraqib.txt").write_text("قصف على سراقب\n\n" + SHELLING_SARAQIB + "\n", encoding="utf-8")
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        f"sources:\n  - {{name: drop, kind: folder, path: '{folder}', every: 1m, settle: 0s}}\n"
        "  - {name: gone, kind: folder, path: /nonexistent/rasd, every: 1m}\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'w.sqlite'}"
    r = _rasd("watch", str(sources), "--check", settings=settings)
    assert r.returncode == 0 and "valid (2 sources, 0 alert rules)" in r.stdout
    r = _rasd("watch", str(sources), "--db", db, "--once", settings=settings)
    assert r.returncode == 1  # one source failed
    assert "drop: 1 new item(s), 1 document(s)" in r.stdout
    assert "error: gone:" in r.stderr and "does not exist" in r.stderr and "Traceback" not in r.stderr
    assert "failing" in r.stdout and "ok" in r.stdout  # the health table
    # the next round: the failing source is not due yet (backoff); the folder is, and holds nothing new
    r = _rasd("watch", str(sources), "--db", db, "--once", "--all", settings=settings)
    assert "drop: 0 new item(s), 0 document(s)" in r.stdout

    sources.write_text("sources:\n  - {name: a, kind: rss, url: ftp://x, every: soon}\n", encoding="utf-8")
    r = _rasd("watch", str(sources), "--check", settings=settings)
    assert r.returncode == 2 and "line 2" in r.stderr and "Traceback" not in r.stderr
