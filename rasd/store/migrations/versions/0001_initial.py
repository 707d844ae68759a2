"""Initial schema: documents, mentions, events, event sources, merges, failures, audit log, full-text index.

Revision ID: 0001
"""

from alembic import op

from rasd.store.schema import INITIAL_TABLES, create_search_index, metadata

revision = "0001"
down_revision = None


def upgrade() -> None:
    conn = op.get_bind()
    metadata.create_all(conn, tables=[metadata.tables[n] for n in INITIAL_TABLES])
    create_search_index(conn)


def downgrade() -> None:
    metadata.drop_all(op.get_bind(), tables=[metadata.tables[n] for n in INITIAL_TABLES])
