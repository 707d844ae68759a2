"""Several writers on one store, on SQLite and PostgreSQL: schema set-up once under a lock, two `rasd run`
over the same reports at the same moment, and no crash, no "database is locked", every report stored once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import uuid

import pytest
import sqlalchemy as sa

from rasd.store.sql import SqlStore, engine_url

N = 60


def _fresh(backend: str, tmp_path, request) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / ('w-' + uuid.uuid4().hex[:6] + '.sqlite')}"
    base = request.getfixturevalue("pg_url")
    name = "w_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(engine_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return base.rsplit("/", 1)[0] + "/" + name


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_schema_set_up_once_by_many_openers(backend, tmp_path, settings, request):
    url = _fresh(backend, tmp_path, request)
    errors: list[BaseException] = []
    stores: list[SqlStore] = []
    barrier = threading.Barrier(6)

    def opener() -> None:
        barrier.wait()
        try:
            stores.append(SqlStore(url, settings))
        except BaseException as e:  # noqa: BLE001 - the test reports whatever a racing opener meets
            errors.append(e)

    threads = [threading.Thread(target=opener) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    with stores[0].engine.connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    for s in stores:
        s.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_runs_over_the_same_reports_at_once(backend, tmp_path, settings, request):
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(N):
        (reports / f"r{i:03d}.txt").write_text(
            f"غارة على بلدة رقم {i}\n\n2023.02.{1 + i % 20:02d} | 08:00 إدلب\n\n"
            f"شنت طائرات حربية روسية غارات على بلدة البارة في جبل الزاوية جنوب إدلب فجر اليوم، ما أدى إلى "
            f"مقتل {1 + i % 4} مدنيين، بحسب فرق الدفاع المدني السوري (البلاغ {i}).\n",
            encoding="utf-8",
        )
    url = _fresh(backend, tmp_path, request)  # fresh: the two runs also race on creating the schema
    env = {**os.environ, "RASD_CACHE_DIR": settings.cache_dir}
    cmd = [sys.executable, "-m", "rasd", "run", str(reports), "--db", url]
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
        assert "Traceback" not in err and "locked" not in err
    new = [int(re.search(r"documents: (\d+) new", out).group(1)) for out, _ in outs]
    assert sum(new) == N  # every report stored by exactly one of the two
    engine = sa.create_engine(engine_url(url))
    with engine.connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM documents")).scalar_one() == N
        links = c.execute(
            sa.text("SELECT count(*), count(DISTINCT event_id || doc_id) FROM event_sources")
        ).one()
        assert links[0] == links[1] > 0
        merged = c.execute(sa.text("SELECT count(DISTINCT merged_event_id), count(*) FROM merges")).one()
        assert merged[0] == merged[1]  # no event merged twice
        assert c.execute(sa.text("SELECT count(*) FROM failures")).scalar_one() == 0
    engine.dispose()


def _head() -> str:
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("rasd.store").joinpath("migrations")))
    return ScriptDirectory.from_config(cfg).get_current_head()


def test_a_store_made_before_accounts_is_upgraded(store, settings):
    """A store at revision 0001 (no event versions, no accounts) gains them when opened, data kept."""
    with store.engine.begin() as c:
        c.exec_driver_sql("DROP INDEX ix_merges_merged_event_id")
        for table in ("sessions", "api_tokens", "users"):
            c.exec_driver_sql(f"DROP TABLE {table}")
        c.exec_driver_sql("ALTER TABLE events DROP COLUMN version")
        c.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
        c.exec_driver_sql(
            "INSERT INTO events (event_id, data, event_type, sub_event_type, status) "
            "VALUES ('e1', '{}', 'Battles', 'Armed clash', 'machine')"
        )
    again = SqlStore(store.url, settings)
    try:
        with again.engine.connect() as c:
            assert c.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == _head()
            assert c.execute(sa.text("SELECT version FROM events WHERE event_id = 'e1'")).scalar_one() == 1
        again.accounts.add_user("huda", "a long passphrase for tests", "viewer")
        assert again.accounts.count() == 1
    finally:
        again.close()


def test_a_busy_database_is_retried_and_a_refused_value_is_the_inputs_fault(tmp_path, settings):
    import sqlite3

    from rasd.errors import StoreError

    store = SqlStore(f"sqlite:///{tmp_path / 'busy.sqlite'}", settings)
    calls = []

    def flaky(c: sa.Connection) -> int:
        calls.append(1)
        if len(calls) < 3:  # what SQLite says when another process holds the write lock too long
            raise sa.exc.OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))
        return c.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()

    try:
        assert store.write(flaky) == 0 and len(calls) == 3

        def refused(c: sa.Connection) -> None:
            raise sa.exc.DataError("INSERT …", {}, ValueError("invalid byte sequence"))

        with pytest.raises(StoreError) as e:
            store.write(refused)
        assert e.value.code == "bad-data"
    finally:
        store.close()
