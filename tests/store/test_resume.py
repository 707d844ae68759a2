"""`rasd run` killed with SIGKILL at three points and resumed equals one uninterrupted run, on SQLite and on
PostgreSQL: the same documents (and near-duplicate links), events, merges (with their reasons) and source
links. Several reports of each happening, a hundred apart, so merges cross the kill points.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
import sqlalchemy as sa

from rasd.runner import run as run_pipeline
from rasd.store.sql import SqlStore, engine_url

N = 450  # the last kill point leaves more than half the run: a loaded machine must not finish first
KILL_AT = (40, 120, 200)
TOWNS = ["هجين", "الميادين", "منبج", "سراقب", "الرقة", "تلعفر", "الفلوجة", "عفرين", "الباب", "درعا"]
ACTORS = [
    "قوات النظام السوري",
    "قوات سوريا الديمقراطية",
    "تنظيم داعش",
    "الجيش الوطني السوري",
    "الجيش العراقي",
]
VERBS = ["قصفت", "شنت طائرات حربية غارات على", "سيطرت على", "اعتقلت عناصر في"]
OPENINGS = ["ذكرت شبكات محلية أن", "قال ناشطون إن", "أفادت مصادر ميدانية بأن"]


def _corpus(folder) -> None:
    folder.mkdir()
    for i in range(N):
        k, v = i % 100, i // 100  # report v of happening k
        town, actor, verb = TOWNS[k % 10], ACTORS[k % 5], VERBS[(k // 10) % 4]
        (folder / f"r{i:04d}.txt").write_text(
            f"تقرير رقم {i}\n\n2022.05.{1 + k % 7:02d} | 10:00 دمشق\n\n"
            f"{OPENINGS[v % len(OPENINGS)]} {actor} {verb} مدينة {town} صباح اليوم، ما أسفر عن مقتل {k % 7 + 1 + v} أشخاص "
            f"بحسب المرصد السوري لحقوق الإنسان (البلاغ {i}).\n",
            encoding="utf-8",
        )


def _url(backend: str, tmp_path, name: str, request) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / (name + '.sqlite')}"
    base = request.getfixturevalue("pg_url")
    db = f"{name}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(engine_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE {db}")
    admin.dispose()
    return base.rsplit("/", 1)[0] + "/" + db


def _count_documents(engine: sa.Engine) -> int:
    try:
        with engine.connect() as c:
            return c.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
    except sa.exc.SQLAlchemyError:
        return 0  # not created yet


def _run(url: str, reports, env, kill_at: int | None = None) -> int:
    """Run `rasd run`; with ``kill_at``, SIGKILL it once that many documents are stored. Returns the count."""
    cmd = [sys.executable, "-m", "rasd", "run", str(reports), "--db", url]
    if kill_at is None:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        assert "Traceback" not in done.stderr
        return N
    engine = sa.create_engine(engine_url(url))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and _count_documents(engine) < kill_at and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        stored = _count_documents(engine)
    finally:
        engine.dispose()
    assert kill_at <= stored < N, f"the run was not interrupted mid-way ({stored} stored)"
    return stored


def _state(url: str) -> dict:
    """What must not depend on being interrupted (timestamps and row ids aside)."""
    engine = sa.create_engine(engine_url(url))
    try:
        with engine.connect() as c:
            q = lambda sql: sorted(tuple(r) for r in c.execute(sa.text(sql)))  # noqa: E731
            events = {}
            for event_id, data in c.execute(sa.text("SELECT event_id, data FROM events")):
                data = data if isinstance(data, dict) else __import__("json").loads(data)
                events[event_id] = {k: v for k, v in data.items() if k not in ("created_at", "updated_at")}
            return {
                "documents": q("SELECT doc_id, near_duplicate_of FROM documents"),
                "mentions": q("SELECT doc_id, count(*) FROM mentions GROUP BY doc_id"),
                "events": events,
                "merges": q("SELECT kept_event_id, merged_event_id, reason FROM merges"),
                "sources": q("SELECT event_id, doc_id FROM event_sources"),
            }
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_sigkill_three_times_and_resume_equals_an_uninterrupted_run(backend, tmp_path, settings, request):
    reports = tmp_path / "reports"
    _corpus(reports)
    env = {**os.environ, "RASD_CACHE_DIR": settings.cache_dir}
    clean, killed = _url(backend, tmp_path, "clean", request), _url(backend, tmp_path, "killed", request)
    resources = request.getfixturevalue("resources")
    store = SqlStore(clean, settings)  # the uninterrupted run, in this process (one launch fewer)
    try:
        summary = run_pipeline([reports], store, resources)
    finally:
        store.close()
    assert summary.documents_new == N and not summary.failures
    stored = [_run(killed, reports, env, kill_at=k) for k in KILL_AT]
    assert stored == sorted(stored)  # each resume went on from where the last one stopped
    _run(killed, reports, env)

    a, b = _state(killed), _state(clean)
    assert len(a["documents"]) == N and len(a["merges"]) > 0 and len(a["events"]) > 0
    assert a["documents"] == b["documents"]
    assert a["mentions"] == b["mentions"]
    assert a["events"] == b["events"]
    assert a["merges"] == b["merges"]
    assert a["sources"] == b["sources"]
