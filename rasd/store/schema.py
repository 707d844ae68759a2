"""The database schema (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Events are stored whole as JSON (``Event.to_dict``) plus flat columns for the
filters the API and exports use. Full-text search runs on the normalised body:
an FTS5 table on SQLite, a ``to_tsvector('simple', …)`` expression index on PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("doc_id", sa.String(64), primary_key=True),
    sa.Column("source_uri", sa.Text, nullable=False, default=""),
    sa.Column("outlet", sa.Text),
    sa.Column("outlet_id", sa.String(64)),
    sa.Column("section", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published_at", sa.String(40)),
    sa.Column("dateline", sa.Text),
    sa.Column("dateline_city", sa.Text),
    sa.Column("captions", sa.JSON),
    sa.Column("lang", sa.String(8)),
    sa.Column("ingested_at", sa.String(40)),
    sa.Column("source_offset", sa.Integer),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("body_norm", sa.Text, nullable=False),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("near_duplicate_of", sa.String(64)),
)
mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), index=True),
    sa.Column("kind", sa.String(16)),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("surface", sa.Text),
    sa.Column("normalised", sa.Text),
    sa.Column("kb_id", sa.Text),
    sa.Column("score", sa.Float),
)
events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("event_date", sa.Date, index=True),
    sa.Column("event_type", sa.String(64), index=True),
    sa.Column("sub_event_type", sa.String(64)),
    sa.Column("country", sa.String(2), index=True),
    sa.Column("admin1", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("status", sa.String(16), index=True),
    sa.Column("confidence", sa.Float),
    sa.Column("actors", sa.Text),  # "|id|name_en|name_ar|…" for actor filters
    sa.Column("created_at", sa.String(40)),
    sa.Column("updated_at", sa.String(40)),
    # bumped by every write (review, merge): edits carry the version they saw (If-Match), stale ones get 412
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    # copied out of ``data`` so deduplication can rule candidates out without decoding their JSON (0003)
    sa.Column("admin2", sa.Text),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("time_precision", sa.Integer),
    sa.Column("modality", sa.String(16)),
    # deduplication's candidate query: one type, a date window, then a box around the place (0003)
    sa.Index("ix_events_dedup", "event_type", "event_date", "lat", "lon"),
)
event_sources = sa.Table(
    "event_sources",
    metadata,
    sa.Column(
        "event_id", sa.String(64), sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "doc_id", sa.String(64), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True
    ),
)
#: LSH bands of each document's MinHash (``rasd.dedup.documents.band_hashes``): near-duplicate documents
#: are looked up by equal bands, so finding them does not grow with the store (0003).
document_bands = sa.Table(
    "document_bands",
    metadata,
    sa.Column("band", sa.Integer, primary_key=True),
    sa.Column("hash", sa.BigInteger, primary_key=True),
    sa.Column(
        "doc_id", sa.String(64), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True
    ),
    sqlite_with_rowid=False,  # one B-tree, not a table plus its key's index: each document adds 25 rows
)
merges = sa.Table(
    "merges",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kept_event_id", sa.String(64), index=True),
    sa.Column("merged_event_id", sa.String(64), index=True),  # looked up per saved event (idempotent reruns)
    sa.Column("reason", sa.Text),
    sa.Column("at", sa.String(40)),
)
failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.Text),
    sa.Column("code", sa.String(32)),
    sa.Column("message", sa.Text),
    sa.Column("stage", sa.String(16)),
    sa.Column("at", sa.String(40)),
)
audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(64), index=True),
    sa.Column("reviewer", sa.Text),
    sa.Column("action", sa.String(16)),
    sa.Column("note", sa.Text),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Column("at", sa.String(40)),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(64), nullable=False, unique=True),
    sa.Column("role", sa.String(16), nullable=False),  # viewer | reviewer | admin
    sa.Column("password_hash", sa.Text, nullable=False),  # argon2id
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.String(40)),
)
api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), index=True),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),  # sha256 of the token
    sa.Column("label", sa.Text),
    sa.Column("created_at", sa.String(40)),
    sa.Column("last_used_at", sa.String(40)),
)
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # sha256 of the cookie value
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), index=True),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(40)),
    sa.Column("expires_at", sa.String(40), nullable=False),
)

#: Tables of the first migration (0001); later ones add theirs (see migrations/versions).
INITIAL_TABLES = ("documents", "mentions", "events", "event_sources", "merges", "failures", "audit")


def create_search_index(conn: sa.Connection) -> None:
    """Full-text search over normalised bodies: FTS5 on SQLite, a tsvector expression index on PostgreSQL."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(doc_id UNINDEXED, body_norm)"
        )
    else:
        conn.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS documents_body_tsv ON documents USING gin (to_tsvector('simple', body_norm))"
        )
