"""`rasd run` is resumable: SIGKILL mid-run, run again, and every document is stored exactly once."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

TOWNS = ["هجين", "الميادين", "منبج", "سراقب", "الرقة", "تلعفر", "الفلوجة", "عفرين", "الباب", "درعا"]
ACTORS = [
    "قوات النظام السوري",
    "قوات سوريا الديمقراطية",
    "تنظيم داعش",
    "الجيش الوطني السوري",
    "الجيش العراقي",
]
VERBS = ["قصفت", "شنت طائرات حربية غارات على", "سيطرت على", "اعتقلت عناصر في"]


def _corpus(folder, n):
    folder.mkdir()
    for i in range(n):
        town, actor, verb = TOWNS[i % 10], ACTORS[i % 5], VERBS[(i // 10) % 4]
        (folder / f"r{i:04d}.txt").write_text(
            f"تقرير رقم {i}\n\n2022.05.{1 + i % 28:02d} | 10:00 دمشق\n\n"
            f"ذكرت شبكات محلية أن {actor} {verb} مدينة {town} صباح اليوم، ما أسفر عن مقتل {i % 7 + 1} أشخاص "
            f"بحسب المرصد السوري لحقوق الإنسان (البلاغ {i}).\n",
            encoding="utf-8",
        )


def _count(db, table):
    try:
        with sqlite3.connect(db, timeout=10) as c:
            return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _rasd(*args, env):
    return [sys.executable, "-m", "rasd", *args]


def test_sigkill_and_resume(tmp_path, settings):
    n = 400
    _corpus(tmp_path / "reports", n)
    env = {**os.environ, "RASD_CACHE_DIR": settings.cache_dir}
    killed_db, clean_db = tmp_path / "killed.sqlite", tmp_path / "clean.sqlite"
    proc = subprocess.Popen(
        _rasd("run", str(tmp_path / "reports"), "--db", f"sqlite:///{killed_db}", env=env),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and _count(killed_db, "documents") < 40 and proc.poll() is None:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_at_kill = _count(killed_db, "documents")
    assert 0 < stored_at_kill < n, "the run was not interrupted mid-way"

    again = subprocess.run(
        _rasd("run", str(tmp_path / "reports"), "--db", f"sqlite:///{killed_db}", env=env),
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 0, again.stderr
    assert f"{n - stored_at_kill} new, {stored_at_kill} already stored" in again.stdout
    clean = subprocess.run(
        _rasd("run", str(tmp_path / "reports"), "--db", f"sqlite:///{clean_db}", env=env),
        env=env,
        capture_output=True,
        text=True,
    )
    assert clean.returncode == 0, clean.stderr

    assert _count(killed_db, "documents") == n
    with sqlite3.connect(killed_db) as a, sqlite3.connect(clean_db) as b:
        ids_a = sorted(r[0] for r in a.execute("SELECT event_id FROM events"))
        ids_b = sorted(r[0] for r in b.execute("SELECT event_id FROM events"))
        assert ids_a == ids_b and len(ids_a) == len(set(ids_a)) > 0
        sources_a = a.execute(
            "SELECT count(*), count(DISTINCT event_id || doc_id) FROM event_sources"
        ).fetchone()
        assert sources_a[0] == sources_a[1]
        assert (
            a.execute("SELECT count(*) FROM mentions").fetchone()
            == b.execute("SELECT count(*) FROM mentions").fetchone()
        )
