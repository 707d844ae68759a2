"""`rasd backup` and `rasd restore` on a real SQLite file and a real PostgreSQL server: what was backed up
comes back (documents, events, versions, audit, accounts), later changes do not, and nothing is
overwritten by accident."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from rasd.errors import StoreError
from rasd.pipeline import process_document
from rasd.store import ReviewAction
from rasd.store.backup import backup, restore
from rasd.store.sql import SqlStore, engine_url


def _fresh_url(store, tmp_path) -> str:
    """An empty database of the same backend as ``store``."""
    if store.engine.dialect.name == "sqlite":
        return f"sqlite:///{tmp_path / ('restored-' + uuid.uuid4().hex[:6] + '.sqlite')}"
    name = "r_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(engine_url(store.url), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return store.url.rsplit("/", 1)[0] + "/" + name


def _snapshot(store) -> dict:
    with store.engine.connect() as c:
        return {
            "documents": sorted(r[0] for r in c.execute(sa.text("SELECT doc_id FROM documents"))),
            "events": sorted(c.execute(sa.text("SELECT event_id, status, version FROM events")).all()),
            "sources": sorted(c.execute(sa.text("SELECT event_id, doc_id FROM event_sources")).all()),
            "audit": sorted(c.execute(sa.text("SELECT event_id, reviewer, action FROM audit")).all()),
            "users": sorted(c.execute(sa.text("SELECT name, role FROM users")).all()),
        }


def test_backup_and_restore_round_trip(store, tmp_path, resources, sample_text, settings):
    from rasd.ingest import read_text

    doc = read_text(sample_text, settings, source_uri="https://www.syria.tv/x")
    p = process_document(doc, resources)
    store.save_processed(doc, list(p.mentions), list(p.events))
    store.accounts.add_user("huda", "a long passphrase for tests", "reviewer")
    first, second = sorted(e.event_id for e in p.events)[:2]
    store.review(first, ReviewAction("confirm", "huda", expected_version=1))
    before = _snapshot(store)

    out = tmp_path / "store.bak"
    result = backup(store.url, out)
    assert result.bytes == out.stat().st_size > 0
    with pytest.raises(StoreError, match="exists"):
        backup(store.url, out)
    store.review(second, ReviewAction("reject", "huda"))  # after the backup: must not come back

    target = _fresh_url(store, tmp_path)
    assert restore(out, target) == store.engine.dialect.name
    restored = SqlStore(target, settings)
    try:
        assert _snapshot(restored) == before
        assert restored.get_event(second).status == "machine"
        assert restored.accounts.verify_password("huda", "a long passphrase for tests").role == "reviewer"
    finally:
        restored.close()
    with pytest.raises(StoreError, match="holds documents"):
        restore(out, target)
    assert restore(out, target, force=True)


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.bak"
    junk.write_bytes(b"not a backup at all")
    with pytest.raises(StoreError) as e:
        restore(junk, f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert e.value.code == "bad-backup"
    with pytest.raises(StoreError) as e:
        restore(tmp_path / "missing.bak", f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert e.value.code == "not-found"


def test_cli_backup_and_restore_sqlite(tmp_path, settings):
    from rasd.cli import app

    src = f"sqlite:///{tmp_path / 'live.sqlite'}"
    SqlStore(src, settings).close()
    runner = CliRunner()
    r = runner.invoke(app, ["backup", str(tmp_path / "b.bak"), "--db", src])
    assert r.exit_code == 0 and "sqlite" in r.output
    r = runner.invoke(
        app, ["restore", str(tmp_path / "b.bak"), "--db", f"sqlite:///{tmp_path / 'back.sqlite'}"]
    )
    assert r.exit_code == 0 and (tmp_path / "back.sqlite").stat().st_size > 0
    mismatch = runner.invoke(app, ["restore", str(tmp_path / "b.bak"), "--db", "postgresql://127.0.0.1:1/x"])
    assert mismatch.exit_code != 0 and "sqlite:///" in str(mismatch.exception)
