"""Deduplication that does not grow with the store: flat event columns, a candidate index, document LSH bands.

Revision ID: 0003

``events`` gains ``admin2``, ``geo_precision``, ``time_precision`` and ``modality`` (copied from ``data``),
so candidates are ruled out without decoding their JSON, and the index ``ix_events_dedup`` on
(event type, date, lat, lon) serves the candidate query. ``document_bands`` holds the LSH bands of every
stored MinHash. Existing rows are filled in here. A store created by 0001 since these were added to the
schema already has them, so each is created only when missing.
"""

import sqlalchemy as sa
from alembic import op

from rasd.store.schema import metadata

revision = "0003"
down_revision = "0002"

_COLUMNS = {
    "admin2": sa.Text,
    "geo_precision": sa.Integer,
    "time_precision": sa.Integer,
    "modality": sa.String(16),
}
_CHUNK = 1000


def upgrade() -> None:
    from rasd.dedup.documents import band_hashes

    conn = op.get_bind()
    columns = {c["name"] for c in sa.inspect(conn).get_columns("events")}
    for name, type_ in _COLUMNS.items():
        if name not in columns:
            op.add_column("events", sa.Column(name, type_))
    if "ix_events_dedup" not in {i["name"] for i in sa.inspect(conn).get_indexes("events")}:
        op.create_index("ix_events_dedup", "events", ["event_type", "event_date", "lat", "lon"])
    bands = metadata.tables["document_bands"]
    bands.create(conn, checkfirst=True)

    events = metadata.tables["events"]
    rows = conn.execute(sa.select(events.c.event_id, events.c.data).where(events.c.modality.is_(None))).all()
    update = (
        events.update()
        .where(events.c.event_id == sa.bindparam("eid"))
        .values(
            admin2=sa.bindparam("a2"),
            geo_precision=sa.bindparam("gp"),
            time_precision=sa.bindparam("tp"),
            modality=sa.bindparam("mod"),
        )
    )
    params = []
    for event_id, data in rows:
        loc = data.get("location") or {}
        params.append(
            {
                "eid": event_id,
                "a2": loc.get("admin2"),
                "gp": data.get("geo_precision"),
                "tp": data.get("time_precision"),
                "mod": data.get("modality"),
            }
        )
    for i in range(0, len(params), _CHUNK):
        conn.execute(update, params[i : i + _CHUNK])
    docs = metadata.tables["documents"]
    banded = sa.select(bands.c.doc_id)
    todo = conn.execute(
        sa.select(docs.c.doc_id, docs.c.minhash).where(
            docs.c.minhash.is_not(None), docs.c.doc_id.not_in(banded)
        )
    ).all()
    batch: list[dict] = []
    for doc_id, blob in todo:
        batch += [{"band": b, "hash": h, "doc_id": doc_id} for b, h in band_hashes(bytes(blob))]
        if len(batch) >= _CHUNK:
            conn.execute(bands.insert(), batch)
            batch = []
    if batch:
        conn.execute(bands.insert(), batch)


def downgrade() -> None:
    metadata.tables["document_bands"].drop(op.get_bind(), checkfirst=True)
    op.drop_index("ix_events_dedup", "events")
    for name in _COLUMNS:
        op.drop_column("events", name)
