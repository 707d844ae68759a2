"""Fixtures of the export tests: a real SQLite file holding the events of ``export_store``."""

from __future__ import annotations

import pytest

from tests.export.export_store import fill


@pytest.fixture(scope="module")
def export_db(tmp_path_factory, settings) -> str:
    """A real SQLite file holding the 60 events; its URL."""
    from rasd.store.sql import SqlStore

    path = tmp_path_factory.mktemp("export") / "events.sqlite"
    store = SqlStore(f"sqlite:///{path}", settings)
    try:
        fill(store)
    finally:
        store.close()
    return str(path)
