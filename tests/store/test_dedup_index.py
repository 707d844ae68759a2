"""Deduplication through indexes (migration 0003): flat event columns, the candidate index, LSH bands.

A store written before 0003 is upgraded with its rows described (columns filled, bands of every stored
MinHash), so a report stored afterwards still finds its near duplicate and its happening among them.
"""

from __future__ import annotations

import sqlalchemy as sa

from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.store.sql import SqlStore


def _processed(text, resources):
    return process_document(read_text(text, resources.settings), resources)


def test_a_store_from_before_the_index_is_described_and_still_deduplicates(store, resources, sample_text):
    first = _processed(sample_text, resources)
    store.save_processed(first.document, list(first.mentions), list(first.events))
    with store.engine.begin() as c:  # back to revision 0002: no bands, no flat columns
        c.exec_driver_sql("DELETE FROM document_bands")
        c.exec_driver_sql(
            "UPDATE events SET admin2 = NULL, geo_precision = NULL, time_precision = NULL, modality = NULL"
        )
        c.exec_driver_sql("UPDATE alembic_version SET version_num = '0002'")
    again = SqlStore(store.url, resources.settings)
    try:
        with again.engine.connect() as c:
            assert c.execute(sa.text("SELECT count(*) FROM document_bands")).scalar_one() == 25
            assert c.execute(sa.text("SELECT count(*) FROM events WHERE modality IS NULL")).scalar_one() == 0
        copy = _processed(sample_text + "\nوقال مراسلنا إن الطيران ما زال يحلق في الأجواء.", resources)
        new, added, merged = again.save_processed(copy.document, list(copy.mentions), list(copy.events))
        assert new and added == 0 and merged == len(copy.events) > 0
        assert again.near_duplicates(first.document.doc_id) == [copy.document.doc_id]
    finally:
        again.close()


def test_flat_columns_follow_the_event(store, resources, sample_text):
    p = _processed(sample_text, resources)
    store.save_processed(p.document, list(p.mentions), list(p.events))
    with store.engine.connect() as c:
        rows = {
            r[0]: r[1:]
            for r in c.execute(
                sa.text("SELECT event_id, admin2, geo_precision, time_precision, modality FROM events")
            )
        }
    for e in p.events:
        assert rows[e.event_id] == (
            e.location.admin2 if e.location else None,
            e.geo_precision,
            e.time_precision,
            e.modality,
        )


def test_the_actor_test_on_json_is_the_dedup_rule():
    import itertools

    from rasd.dedup.events import _actors_compatible as rule
    from rasd.models import ActorRef, Event
    from rasd.store.sql import _actors_compatible as on_json

    actors = [None, ActorRef("a", "A", "أ"), ActorRef("b", "B", "ب")]
    events = [
        Event("e", ("d",), "Battles", "Armed clash", actor1=x, actor2=y)
        for x, y in itertools.product(actors, actors)
    ]
    for stored, new in itertools.product(events, events):
        assert on_json(stored.to_dict(), new) == rule(stored, new)
