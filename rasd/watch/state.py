"""What the watcher remembers in the store: items seen (by URL or path, with a content hash),
HTTP validators (ETag, Last-Modified) and each source's health.

These tables live beside the store's own (same database, same engine) but are created here
with SQLAlchemy Core ``create_all`` rather than by the store's Alembic migration, so the
watcher can be added to any existing store. A restart reads them back: nothing seen is
reprocessed, nothing unseen is skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import weakref
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()

seen = sa.Table(
    "watch_seen",
    metadata,
    sa.Column("source", sa.String(200), primary_key=True),
    sa.Column("key_hash", sa.String(64), primary_key=True),  # sha256 of the URL or path (URLs can be long)
    sa.Column("item_key", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64)),
    sa.Column("status", sa.String(16)),  # stored | duplicate | failed | error (retried) | skipped
    sa.Column("doc_id", sa.String(64)),
    sa.Column("attempts", sa.Integer, default=0),
    sa.Column("error", sa.Text),
    sa.Column("published_at", sa.String(40)),
    sa.Column("first_seen", sa.String(40)),
    sa.Column("last_seen", sa.String(40)),
)
http_cache = sa.Table(
    "watch_http",
    metadata,
    sa.Column("url_hash", sa.String(64), primary_key=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("checked_at", sa.String(40)),
)
sources = sa.Table(
    "watch_sources",
    metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("kind", sa.String(16)),
    sa.Column("target", sa.Text),
    sa.Column("last_attempt", sa.String(40)),
    sa.Column("last_success", sa.String(40)),
    sa.Column("last_error", sa.Text),
    sa.Column("last_error_at", sa.String(40)),
    sa.Column("consecutive_failures", sa.Integer, default=0),
    sa.Column("next_due", sa.String(40)),
    sa.Column("items_seen", sa.Integer, default=0),
    sa.Column("documents", sa.Integer, default=0),
    sa.Column("events", sa.Integer, default=0),
    sa.Column("failures", sa.Integer, default=0),
    sa.Column("last_lag_seconds", sa.Float),
    sa.Column("median_lag_seconds", sa.Float),
    sa.Column("updated_at", sa.String(40)),
)


_LOCKS: weakref.WeakKeyDictionary[sa.Engine, threading.RLock] = weakref.WeakKeyDictionary()
_LOCKS_GUARD = threading.Lock()


def write_lock(engine: sa.Engine) -> threading.RLock:
    """One lock per engine for this process's writes.

    The watcher writes from several threads (coding, remembering items, health, deliveries);
    SQLite has one writer, and a transaction that read before writing fails at once with
    "database is locked" instead of waiting when another thread committed in between. Taking
    this lock around each write transaction keeps them in line (harmless on PostgreSQL).
    """
    with _LOCKS_GUARD:
        lock = _LOCKS.get(engine)
        if lock is None:
            lock = _LOCKS[engine] = threading.RLock()
        return lock


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(t: dt.datetime | None) -> str | None:
    return t.astimezone(dt.UTC).isoformat() if t else None


def parse_iso(s: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(s) if s else None


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def ensure_tables(engine: sa.Engine) -> None:
    """Create the watcher's tables if missing (idempotent; safe when two processes start together)."""
    _create_all(metadata, engine)


def _create_all(md: sa.MetaData, engine: sa.Engine) -> None:
    with write_lock(engine):
        _create_all_unlocked(md, engine)


def _create_all_unlocked(md: sa.MetaData, engine: sa.Engine) -> None:
    try:
        md.create_all(engine, checkfirst=True)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError, sa.exc.IntegrityError):
        md.create_all(engine, checkfirst=True)  # another process created them between check and create


@dataclass(frozen=True, slots=True)
class Seen:
    content_hash: str | None
    status: str
    attempts: int


def seen_items(engine: sa.Engine, source: str, keys: list[str]) -> dict[str, Seen]:
    """What is remembered of ``keys`` (URLs or paths) for ``source``."""
    out: dict[str, Seen] = {}
    by_hash = {key_hash(k): k for k in keys}
    hashes = list(by_hash)
    with engine.connect() as c:
        for i in range(0, len(hashes), 500):
            rows = c.execute(
                sa.select(seen.c.key_hash, seen.c.content_hash, seen.c.status, seen.c.attempts).where(
                    seen.c.source == source, seen.c.key_hash.in_(hashes[i : i + 500])
                )
            )
            for kh, ch, status, attempts in rows:
                out[by_hash[kh]] = Seen(ch, status, attempts or 0)
    return out


def mark_seen(
    engine: sa.Engine,
    source: str,
    key: str,
    content_hash: str,
    status: str,
    *,
    doc_id: str | None = None,
    error: str | None = None,
    published_at: dt.datetime | None = None,
) -> None:
    """Remember an item; ``status='error'`` counts an attempt (it is tried again next poll)."""
    kh, t = key_hash(key), iso(now())
    with write_lock(engine), engine.begin() as c:
        row = c.execute(
            sa.select(seen.c.attempts, seen.c.content_hash).where(
                seen.c.source == source, seen.c.key_hash == kh
            )
        ).first()
        attempts = 0
        if status == "error":
            attempts = (row[0] or 0) + 1 if row and row[1] == content_hash else 1
        values: dict[str, Any] = dict(
            item_key=key,
            content_hash=content_hash,
            status=status,
            doc_id=doc_id,
            attempts=attempts,
            error=error,
            published_at=iso(published_at),
            last_seen=t,
        )
        if row is None:
            c.execute(seen.insert().values(source=source, key_hash=kh, first_seen=t, **values))
        else:
            c.execute(seen.update().where(seen.c.source == source, seen.c.key_hash == kh).values(**values))


def validators(engine: sa.Engine, url: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified last returned for ``url``."""
    with engine.connect() as c:
        row = c.execute(
            sa.select(http_cache.c.etag, http_cache.c.last_modified).where(
                http_cache.c.url_hash == key_hash(url)
            )
        ).first()
    return (row[0], row[1]) if row else (None, None)


def save_validators(engine: sa.Engine, url: str, etag: str | None, last_modified: str | None) -> None:
    uh = key_hash(url)
    values = dict(url=url, etag=etag, last_modified=last_modified, checked_at=iso(now()))
    with write_lock(engine), engine.begin() as c:
        if c.execute(http_cache.update().where(http_cache.c.url_hash == uh).values(**values)).rowcount == 0:
            c.execute(http_cache.insert().values(url_hash=uh, **values))


def load_health(engine: sa.Engine) -> dict[str, dict[str, Any]]:
    """Every source's health row, by name."""
    with engine.connect() as c:
        return {r["name"]: dict(r) for r in c.execute(sa.select(sources)).mappings()}


def save_health(engine: sa.Engine, name: str, row: dict[str, Any]) -> None:
    row = {**row, "updated_at": iso(now())}
    with write_lock(engine), engine.begin() as c:
        if c.execute(sources.update().where(sources.c.name == name).values(**row)).rowcount == 0:
            c.execute(sources.insert().values(name=name, **row))
