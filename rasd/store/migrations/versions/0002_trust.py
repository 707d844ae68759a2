"""Trust: an edit version on events (optimistic concurrency), accounts, API tokens and page sessions, and an
index on merged event ids (each saved event is looked up there, so reruns stay idempotent).

Revision ID: 0002

A store created by 0001 before this revision existed lacks ``events.version``; one created since has it
(0001 builds ``events`` from the current schema), so the column is added only when missing.
"""

import sqlalchemy as sa
from alembic import op

from rasd.store.schema import metadata

revision = "0002"
down_revision = "0001"

_TABLES = ("users", "api_tokens", "sessions")


def upgrade() -> None:
    conn = op.get_bind()
    columns = {c["name"] for c in sa.inspect(conn).get_columns("events")}
    if "version" not in columns:
        op.add_column("events", sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    indexes = {i["name"] for i in sa.inspect(conn).get_indexes("merges")}
    if "ix_merges_merged_event_id" not in indexes:
        op.create_index("ix_merges_merged_event_id", "merges", ["merged_event_id"])
    metadata.create_all(conn, tables=[metadata.tables[n] for n in _TABLES])


def downgrade() -> None:
    metadata.drop_all(op.get_bind(), tables=[metadata.tables[n] for n in _TABLES])
    op.drop_column("events", "version")
