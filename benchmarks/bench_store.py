"""Storage throughput (documents with their events, one transaction each): SQLite vs PostgreSQL."""

from __future__ import annotations

import tempfile
from pathlib import Path

from corpus import text_corpus

from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.resources import load_resources
from rasd.settings import Settings
from rasd.store.sql import SqlStore

N = 300


def bench(reporter) -> None:
    settings = Settings.load()
    res = load_resources(settings)
    processed = [process_document(read_text(t, settings), res) for t in text_corpus(N, seed=3)]
    n_events = sum(len(p.events) for p in processed)

    def store_into(url_factory):
        def fn() -> int:
            store = SqlStore(url_factory(), settings)
            for p in processed:
                store.save_processed(p.document, list(p.mentions), list(p.events))
            store.close()
            return n_events

        return fn

    tmp = Path(tempfile.mkdtemp(prefix="rasd-bench-"))
    counter = iter(range(10**6))
    reporter.measure(
        "store",
        "SQLite (file, WAL)",
        store_into(lambda: f"sqlite:///{tmp}/s{next(counter)}.sqlite"),
        unit="events",
    )
    from rasd.store.pgtemp import server_bindir, temporary_postgres

    if server_bindir() is None:
        return
    with temporary_postgres("bench") as url:
        import sqlalchemy as sa

        from rasd.store.sql import engine_url

        def fresh() -> str:
            name = f"b{next(counter)}"
            admin = sa.create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.exec_driver_sql(f"CREATE DATABASE {name}")
            admin.dispose()
            return url.rsplit("/", 1)[0] + "/" + name

        reporter.measure(
            "store", "PostgreSQL (loopback)", store_into(fresh), unit="events", baseline="SQLite (file, WAL)"
        )
