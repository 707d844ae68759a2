"""``SqlStore``: the Store protocol on SQLAlchemy, for SQLite (default) and PostgreSQL.

Each processed document is written whole in one transaction (document, mentions,
events, sources, merges) — ``rasd run`` puts several in one (``save_processed_many``)
— so a run killed at any moment leaves whole documents or none, and a rerun skips
what is stored.

Deduplication does not grow with the store: candidate events come from one indexed
query that applies the merge rule's cheap tests on flat columns (``_CANDIDATES``),
and near-duplicate documents from their stored LSH bands (``_SAME_BANDS``).

Several writers (two ``rasd run``, the API's threads) are safe on both backends:
schema set-up runs once under a lock, every write transaction is serialised
(SQLite ``BEGIN IMMEDIATE``; a PostgreSQL advisory lock) so deduplication always
sees every stored event, inserts are insert-if-absent, and a busy database is
retried with backoff. Deduplication reads candidates in a fixed order, so a
killed-and-resumed run equals an uninterrupted one on either backend.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import math
import random
import time
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from rasd.dedup import find_duplicate, merge
from rasd.dedup.documents import LSH_BANDS, band_hashes, from_bytes, minhash_of, to_bytes
from rasd.errors import ConflictError, NotFoundError, StoreError, ValidationError
from rasd.kb.lexicon import TAXONOMY
from rasd.models import Document, Event, Failure, Mention
from rasd.settings import Settings
from rasd.store import schema as t
from rasd.store.accounts import Accounts
from rasd.store.base import EventFilter, ReviewAction
from rasd.store.edits import validate_changes
from rasd.text import normalise_key

logger = logging.getLogger(__name__)
T = TypeVar("T")

_SORTABLE = {"event_date", "confidence", "event_type", "country", "admin1", "created_at"}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def engine_url(url: str) -> str:
    """``postgresql://`` (and ``postgres://``) use the psycopg 3 driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


#: Key of the PostgreSQL advisory lock that serialises rasd's writers (and its schema set-up).
_PG_LOCK = 0x72617364  # "rasd"
_RETRIES = 8


def _retryable(e: sa.exc.DBAPIError) -> bool:
    """A busy database or a lost serialisation race: worth another try after a pause."""
    code = getattr(e.orig, "sqlstate", None) or getattr(e.orig, "pgcode", None)
    if code in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
        return True
    text = str(e.orig).lower()
    return "database is locked" in text or "database is busy" in text


class SqlStore:
    """Documents, events and their review history in one SQL database."""

    def __init__(self, url: str, settings: Settings | None = None) -> None:
        self.url = url
        self.settings = settings or Settings.load()
        try:
            self.engine = sa.create_engine(engine_url(url), future=True)
            if self.engine.dialect.name == "sqlite":
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
                sa.event.listen(self.engine, "begin", _sqlite_begin)
            self._writer = self.engine.execution_options(rasd_write=True)
            self._migrate()
        except sa.exc.SQLAlchemyError as e:
            raise StoreError(f"cannot open the database: {e.__class__.__name__}: {e}", source=url) from e
        self.accounts = Accounts(self.engine, self.write)

    def _migrate(self) -> None:
        """Create or upgrade the schema, once, whoever else is opening the store at the same moment."""
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("rasd.store").joinpath("migrations")))
        head = ScriptDirectory.from_config(cfg).get_current_head()
        with self.engine.connect() as conn:
            if MigrationContext.configure(conn).get_current_revision() == head:
                return  # the common case: no lock needed

        def upgrade(conn: sa.Connection) -> None:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")  # under the writers' lock: a second opener finds it done

        self.write(upgrade)

    def write(self, work: Callable[[sa.Connection], T]) -> T:
        """Run ``work(connection)`` in one serialised write transaction, retried with backoff when busy.

        Raises:
            StoreError: ``bad-data`` when the database refuses a value (the input's fault), ``busy`` when the
                database stayed locked through every retry, ``store`` for anything else.
        """
        delay = 0.05
        for attempt in range(_RETRIES):
            try:
                with self._writer.begin() as c:
                    if c.dialect.name == "postgresql":
                        c.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")
                    return work(c)
            except sa.exc.DataError as e:
                raise StoreError(
                    f"the database refused a value: {e.orig}", source=self.url, code="bad-data"
                ) from e
            except sa.exc.DBAPIError as e:
                if not _retryable(e):
                    raise StoreError(f"{e.__class__.__name__}: {e.orig}", source=self.url) from e
                if attempt == _RETRIES - 1:
                    raise StoreError(
                        f"database busy after {_RETRIES} tries: {e.orig}", source=self.url, code="busy"
                    ) from e
                logger.info("%s: busy (%s), retrying in %.2f s", self.url, e.orig, delay)
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 2.0)
        raise AssertionError("unreachable")

    # documents -------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as c:
            return (
                c.execute(sa.select(t.documents.c.doc_id).where(t.documents.c.doc_id == doc_id)).first()
                is not None
            )

    def _near_duplicate(self, c: sa.Connection, doc: Document) -> tuple[str | None, bytes]:
        """The stored document most like ``doc`` (ties: the smallest id), when alike enough; and doc's MinHash.

        Only documents sharing an LSH band with ``doc`` (``document_bands``) are compared, so the cost does
        not grow with the store. Chosen by similarity and id, never by row order, so every run picks the
        same one.
        """
        mh = minhash_of(doc.body, self.settings.minhash_num_perm)
        params: dict[str, Any] = {"doc_id": doc.doc_id}
        for b, h in band_hashes(mh):
            params[f"h{b}"] = h
        rows = c.execute(_SAME_BANDS, params)
        best: tuple[float, str] | None = None
        for other_id, blob in rows:
            if not blob:
                continue
            sim = mh.jaccard(from_bytes(bytes(blob), self.settings.minhash_num_perm))
            if sim >= self.settings.minhash_threshold and (
                best is None or (-sim, other_id) < (-best[0], best[1])
            ):
                best = (sim, other_id)
        return (best[1] if best else None), to_bytes(mh)

    def _insert_document(
        self, c: sa.Connection, doc: Document, mentions: list[Mention] | None
    ) -> bytes | None:
        """Insert ``doc`` if absent; its MinHash when inserted, None when it was already stored."""
        dup_of, signature = self._near_duplicate(c, doc)
        row = doc.to_dict()
        row.update(
            body_norm=normalise_key(doc.body),
            minhash=signature,
            near_duplicate_of=dup_of,
            captions=list(doc.captions),
        )
        inserted = _insert_if_absent(
            c, t.documents, {k: v for k, v in row.items() if k in t.documents.c}, ["doc_id"]
        )
        if not inserted:
            return None
        if c.dialect.name == "sqlite":
            c.exec_driver_sql(
                "INSERT INTO documents_fts (doc_id, body_norm) VALUES (?, ?)", (doc.doc_id, row["body_norm"])
            )
        c.execute(t.document_bands.insert(), band_rows(doc.doc_id, signature))
        if mentions:
            c.execute(
                t.mentions.insert(),
                [{"doc_id": doc.doc_id, **m.to_dict()} for m in mentions],
            )
        return signature

    def save_document(self, doc: Document, mentions: list[Mention] | None = None) -> bool:
        return self.write(lambda c: self._insert_document(c, doc, mentions)) is not None

    def save_processed(
        self, doc: Document, mentions: list[Mention], events: list[Event]
    ) -> tuple[bool, int, int]:
        """Document, mentions and events in one transaction: (new document?, events added, events merged)."""

        def tx(c: sa.Connection) -> tuple[bytes | None, int, int]:
            signature = self._insert_document(c, doc, mentions)
            if signature is None:
                return None, 0, 0
            return (signature, *self._save_events(c, events))

        signature, added, merged = self.write(tx)
        return signature is not None, added, merged

    def save_processed_many(
        self, items: list[tuple[Document, list[Mention], list[Event]]]
    ) -> list[tuple[bool, int, int]]:
        """Several processed documents in one transaction, in order: ``save_processed``'s result for each.

        One commit for many reports (a commit is a disk sync), still all or nothing: a run killed before
        the commit stored none of them and a rerun does them again. Each document's deduplication sees the
        ones written before it in the same transaction.
        """

        def tx(c: sa.Connection) -> list[tuple[bool, int, int]]:
            out = []
            for doc, mentions, events in items:
                if self._insert_document(c, doc, mentions) is None:
                    out.append((False, 0, 0))
                else:
                    out.append((True, *self._save_events(c, events)))
            return out

        return self.write(tx)

    def get_document(self, doc_id: str) -> Document | None:
        with self.engine.connect() as c:
            row = c.execute(sa.select(t.documents).where(t.documents.c.doc_id == doc_id)).mappings().first()
        if row is None:
            return None
        fields = {f.name for f in dataclasses.fields(Document)}
        data = {k: v for k, v in row.items() if k in fields}
        data["captions"] = tuple(row["captions"] or ())
        return Document.from_dict(data)

    def near_duplicates(self, doc_id: str) -> list[str]:
        with self.engine.connect() as c:
            return [
                r[0]
                for r in c.execute(
                    sa.select(t.documents.c.doc_id).where(t.documents.c.near_duplicate_of == doc_id)
                )
            ]

    # events ----------------------------------------------------------------
    def save_events(self, events: list[Event]) -> list[Event]:
        self.write(lambda c: self._save_events(c, events))
        return [e for e in (self.get_event(e.event_id) for e in events) if e is not None] or []

    def _candidates(self, c: sa.Connection, e: Event) -> list[Event]:
        """Stored events that may describe the same happening as ``e``, in event-id order (never the table's
        row order, which differs between backends and after updates).

        The index ``ix_events_dedup`` serves the query (type, a date window, a box around the place); the
        flat columns then rule out what ``find_duplicate`` would refuse anyway (sub-event type, modality,
        the date gap for the candidate's precision, distance unless the same district may do), so only the
        few left are decoded from JSON. Every test here is one ``find_duplicate`` makes, never a new one.
        """
        if e.event_date is None or e.location is None or e.location.lat is None:
            return []
        loc, day = e.location, dt.timedelta(days=1)
        own = _window(e.time_precision)
        # a box a little wider than the distance allowed (1° of latitude is 111.2 km)
        dlat = self.settings.event_distance_km / 110.0 * 1.01
        dlon = dlat / max(math.cos(math.radians(min(abs(loc.lat) + dlat, 89.0))), 0.01)
        params = {
            "type": e.event_type,
            "eid": e.event_id,
            "d0": e.event_date - 31 * day,
            "d1": e.event_date + 31 * day,
            "lat0": loc.lat - 1,
            "lat1": loc.lat + 1,
            "lon0": loc.lon - 1,
            "lon1": loc.lon + 1,
            "any_sub": e.event_type == "Explosions/Remote violence",
            "sub": e.sub_event_type,
            "special": e.modality in _SPECIAL,
            "modality": e.modality,
            "w0": e.event_date - own * day,
            "w1": e.event_date + own * day,
            "s0": e.event_date - 7 * day,
            "s1": e.event_date + 7 * day,
            "nlat0": loc.lat - dlat,
            "nlat1": loc.lat + dlat,
            "nlon0": loc.lon - dlon,
            "nlon1": loc.lon + dlon,
            "admin2": loc.admin2 or None,
            "coarse": (e.geo_precision or 1) >= 2,
        }
        decoded: dict[str, Any] = {}
        for event_id, date, lat, lon, admin2, geo_precision, time_precision, modality, data in c.execute(
            _CANDIDATES, params
        ):
            if (
                modality is not None
                and (modality in _SPECIAL or e.modality in _SPECIAL)
                and modality != e.modality
            ):
                continue
            if time_precision is not None and abs((e.event_date - date).days) > max(
                _window(e.time_precision), _window(time_precision)
            ):
                continue
            if lat is None or lon is None:
                continue
            near = _km(e.location.lat, e.location.lon, lat, lon) <= self.settings.event_distance_km
            coarse = max(e.geo_precision or 1, geo_precision or 1) >= 2
            same_district = coarse and e.location.admin2 and e.location.admin2 == admin2
            if near or same_district or geo_precision is None:  # None: a row not yet described by 0003
                data = json.loads(data) if isinstance(data, str) else data
                if _actors_compatible(data, e):  # checked on the JSON: building an Event costs ten times more
                    decoded[event_id] = data
        return [Event.from_dict(d) for _, d in sorted(decoded.items())]

    def _save_events(self, c: sa.Connection, events: list[Event]) -> tuple[int, int]:
        added = merged = 0
        ev = t.events.c
        for e in events:
            if (
                c.execute(_STORED_EVENT, {"eid": e.event_id}).first()
                or c.execute(_MERGED_EVENT, {"eid": e.event_id}).first()
            ):
                continue  # the same extraction again: stable ids make reruns idempotent
            dup = find_duplicate(e, self._candidates(c, e), self.settings)
            if dup is not None:
                kept, reason = dup
                combined = merge(kept, e, reason)
                combined = dataclasses.replace(combined, updated_at=dt.datetime.now(dt.UTC))
                c.execute(
                    t.events.update()
                    .where(ev.event_id == kept.event_id)
                    .values(**_event_row(combined), version=ev.version + 1)
                )
                c.execute(
                    t.merges.insert(),
                    {
                        "kept_event_id": kept.event_id,
                        "merged_event_id": e.event_id,
                        "reason": reason,
                        "at": _now(),
                    },
                )
                target = kept.event_id
                merged += 1
            else:
                now = dt.datetime.now(dt.UTC)
                e = dataclasses.replace(e, created_at=e.created_at or now, updated_at=now)
                c.execute(t.events.insert(), {"event_id": e.event_id, "version": 1, **_event_row(e)})
                target = e.event_id
                added += 1
            for doc_id in e.doc_ids:
                _insert_if_absent(
                    c, t.event_sources, {"event_id": target, "doc_id": doc_id}, ["event_id", "doc_id"]
                )
        return added, merged

    def get_event_versioned(self, event_id: str) -> tuple[Event, int] | None:
        """An event with its edit version (the API's ETag), or None."""
        with self.engine.connect() as c:
            row = c.execute(
                sa.select(t.events.c.data, t.events.c.version).where(t.events.c.event_id == event_id)
            ).first()
        return (Event.from_dict(row[0]), int(row[1])) if row else None

    def get_event(self, event_id: str) -> Event | None:
        with self.engine.connect() as c:
            row = c.execute(sa.select(t.events.c.data).where(t.events.c.event_id == event_id)).first()
        return Event.from_dict(row[0]) if row else None

    def merge_reasons(self, event_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            rows = c.execute(sa.select(t.merges).where(t.merges.c.kept_event_id == event_id)).mappings().all()
        return [dict(r) for r in rows]

    def query_events(self, flt: EventFilter) -> tuple[list[Event], int]:
        dicts, total = self.query_event_dicts(flt)
        return [Event.from_dict(d) for d in dicts], total

    def query_event_dicts(self, flt: EventFilter) -> tuple[list[dict[str, Any]], int]:
        """``query_events`` as stored JSON (``Event.to_dict`` form), for callers that only re-serialise
        (the API's pages): rebuilding dataclasses to turn them straight back into JSON is most of the cost."""
        ev = t.events.c
        where = self._where(flt)
        order_col = flt.sort.lstrip("-")
        if order_col not in _SORTABLE:
            raise StoreError(
                f"cannot sort by {order_col!r} (one of {sorted(_SORTABLE)})", source=self.url, code="bad-sort"
            )
        order = getattr(ev, order_col)
        order = order.desc() if flt.sort.startswith("-") else order.asc()
        with self.engine.connect() as c:
            total = c.execute(sa.select(sa.func.count()).select_from(t.events).where(*where)).scalar_one()
            rows = c.execute(
                sa.select(ev.data)
                .where(*where)
                .order_by(order, ev.event_id)
                .limit(flt.limit)
                .offset(flt.offset)
            ).all()
        return [r[0] for r in rows], int(total)

    def _where(self, flt: EventFilter) -> list[Any]:
        """The SQL conditions of a filter (paging and sorting aside)."""
        ev = t.events.c
        where: list[Any] = []
        if flt.bbox:
            x0, y0, x1, y1 = flt.bbox
            where += [ev.lon.between(x0, x1), ev.lat.between(y0, y1)]
        if flt.since:
            where.append(ev.event_date >= flt.since)
        if flt.until:
            where.append(ev.event_date <= flt.until)
        for col, value in (
            (ev.event_type, flt.event_type),
            (ev.sub_event_type, flt.sub_event_type),
            (ev.country, flt.country),
            (ev.admin1, flt.admin1),
            (ev.status, flt.status),
        ):
            if value:
                where.append(col == value)
        if flt.actor:
            where.append(ev.actors.like(f"%|{flt.actor.replace('%', '').replace('_', '')}%"))
        if flt.min_confidence is not None:
            where.append(ev.confidence >= flt.min_confidence)
        if flt.text:
            where.append(ev.event_id.in_(self._text_matches(flt.text)))
        return where

    def _text_matches(self, text: str):
        """Event ids whose source documents match ``text`` (normalised) in the full-text index."""
        q = normalise_key(text)
        src = t.event_sources.c
        if self.engine.dialect.name == "sqlite":
            words = " ".join('"' + w.replace('"', "") + '"' for w in q.split() if w.replace('"', ""))
            docs = sa.text("SELECT doc_id FROM documents_fts WHERE documents_fts MATCH :q").bindparams(
                q=words or '""'
            )
            return sa.select(src.event_id).where(src.doc_id.in_(docs.columns(sa.column("doc_id"))))
        tsq = sa.func.plainto_tsquery("simple", q)
        docs = sa.select(t.documents.c.doc_id).where(
            sa.func.to_tsvector("simple", t.documents.c.body_norm).op("@@")(tsq)
        )
        return sa.select(src.event_id).where(src.doc_id.in_(docs))

    def review(self, event_id: str, action: ReviewAction) -> Event:
        return self.review_versioned(event_id, action)[0]

    def review_versioned(self, event_id: str, action: ReviewAction) -> tuple[Event, int]:
        """Confirm, edit or reject an event atomically; returns the event and its new version.

        With ``action.expected_version`` the write happens only if nobody changed the event since that
        version was read (optimistic concurrency): the check and the write are one serialised transaction,
        so of two edits from one version exactly one succeeds.

        Raises:
            NotFoundError: no such event.
            ConflictError: the event's version is no longer ``expected_version``.
            ValidationError: an unknown action, or a change that is not a valid value (``rasd.store.edits``).
        """
        if action.action not in ("confirm", "edit", "reject"):
            raise ValidationError(
                f"unknown review action {action.action!r}", source=event_id, code="bad-action"
            )
        if action.action != "edit" and action.changes:
            raise ValidationError("changes are only allowed with action=edit", source=event_id)
        changes = validate_changes(action.changes, event_id)
        ev = t.events.c

        def tx(c: sa.Connection) -> tuple[Event, int]:
            row = c.execute(sa.select(ev.data, ev.version).where(ev.event_id == event_id)).first()
            if row is None:
                raise NotFoundError("no such event", source=event_id)
            before, version = row[0], int(row[1])
            if action.expected_version is not None and action.expected_version != version:
                raise ConflictError(
                    f"the event changed since version {action.expected_version} (now version {version}): "
                    "reload it and apply the edit again",
                    source=event_id,
                )
            data = {**before, **changes}
            if data["sub_event_type"] not in TAXONOMY.get(data["event_type"], ()):
                raise ValidationError(
                    f"{data['event_type']!r} / {data['sub_event_type']!r} is not in the ACLED taxonomy",
                    source=event_id,
                    code="bad-change",
                )
            data["status"] = {"confirm": "confirmed", "edit": "edited", "reject": "rejected"}[action.action]
            data["updated_at"] = _now()
            try:
                event = Event.from_dict(data)
                after = event.to_dict()
            except (TypeError, ValueError, AttributeError) as e:
                raise ValidationError(f"invalid change: {e}", source=event_id, code="bad-change") from e
            c.execute(
                t.events.update()
                .where(ev.event_id == event_id, ev.version == version)
                .values(**_event_row(event), version=version + 1)
            )
            c.execute(
                t.audit.insert().values(
                    event_id=event_id,
                    reviewer=action.reviewer,
                    action=action.action,
                    note=action.note,
                    before=before,
                    after=after,
                    at=_now(),
                )
            )
            return event, version + 1

        return self.write(tx)

    def audit_log(self, event_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            rows = c.execute(sa.select(t.audit).where(t.audit.c.event_id == event_id).order_by(t.audit.c.id))
            return [dict(r) for r in rows.mappings()]

    def stats(self, flt: EventFilter | None = None) -> dict[str, Any]:
        ev = t.events.c
        with self.engine.connect() as c:
            rows = c.execute(
                sa.select(ev.event_type, ev.event_date, ev.admin1).where(*self._where(flt or EventFilter()))
            ).all()
        by_type: dict[str, int] = {}
        by_week: dict[str, int] = {}
        by_admin1: dict[str, int] = {}
        for event_type, event_date, admin1 in rows:
            by_type[event_type] = by_type.get(event_type, 0) + 1
            if event_date:
                y, w, _ = event_date.isocalendar()
                key = f"{y}-W{w:02d}"
                by_week[key] = by_week.get(key, 0) + 1
            by_admin1[admin1 or "unknown"] = by_admin1.get(admin1 or "unknown", 0) + 1
        return {
            "total": len(rows),
            "by_event_type": by_type,
            "by_week": dict(sorted(by_week.items())),
            "by_admin1": by_admin1,
        }

    def facets(self) -> dict[str, Any]:
        """What the stored events hold, for filter controls: counts per country, admin1, type, status and
        actor, the date range and the bounding box of located events."""
        ev = t.events.c
        with self.engine.connect() as c:

            def counts(col) -> dict[str, int]:
                rows = c.execute(sa.select(col, sa.func.count()).where(col.is_not(None)).group_by(col))
                return {str(k): int(n) for k, n in rows}

            first, last, x0, y0, x1, y1 = c.execute(
                sa.select(
                    sa.func.min(ev.event_date),
                    sa.func.max(ev.event_date),
                    sa.func.min(ev.lon),
                    sa.func.min(ev.lat),
                    sa.func.max(ev.lon),
                    sa.func.max(ev.lat),
                )
            ).one()
            actors: dict[str, dict[str, Any]] = {}
            for (packed,) in c.execute(sa.select(ev.actors).where(ev.actors.is_not(None))):
                parts = packed.split("|")[1:]
                seen: set[str] = set()  # an actor named twice in one event (actor and associate) counts once
                for kb_id, name_en, name_ar in zip(parts[0::3], parts[1::3], parts[2::3], strict=False):
                    if kb_id in seen:
                        continue
                    seen.add(kb_id)
                    entry = actors.setdefault(
                        kb_id, {"kb_id": kb_id, "name_en": name_en, "name_ar": name_ar, "events": 0}
                    )
                    entry["events"] += 1
            return {
                "countries": counts(ev.country),
                "admin1": counts(ev.admin1),
                "event_types": counts(ev.event_type),
                "status_counts": counts(ev.status),
                "actors": sorted(actors.values(), key=lambda a: (-a["events"], a["name_en"])),
                "date_range": [str(first) if first else None, str(last) if last else None],
                "bounds": [x0, y0, x1, y1] if x0 is not None else None,
            }

    def record_failure(self, failure: Failure) -> None:
        self.write(
            lambda c: c.execute(
                t.failures.insert().values(
                    source=failure.source,
                    code=failure.code,
                    message=failure.message,
                    stage=failure.stage,
                    at=_now(),
                )
            )
        )

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as c:
            return {
                name: c.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for name, table in (
                    ("documents", t.documents),
                    ("events", t.events),
                    ("event_sources", t.event_sources),
                    ("merges", t.merges),
                    ("failures", t.failures),
                )
            }

    def close(self) -> None:
        self.engine.dispose()


def _event_row(e: Event) -> dict[str, Any]:
    loc = e.location
    actors = "".join(
        f"|{a.kb_id}|{a.name_en}|{a.name_ar}"
        for a in (e.actor1, e.actor2, *e.assoc_actor1, *e.assoc_actor2)
        if a
    )
    data = json.loads(json.dumps(e.to_dict(), ensure_ascii=False))
    return {
        "data": data,
        "event_date": e.event_date,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "admin2": loc.admin2 if loc else None,
        "geo_precision": e.geo_precision,
        "time_precision": e.time_precision,
        "modality": e.modality,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "status": e.status,
        "confidence": e.confidence,
        "actors": actors + "|",
        "created_at": e.created_at.isoformat() if e.created_at else None,
        "updated_at": e.updated_at.isoformat() if e.updated_at else None,
    }


#: Whether an event id is stored, or was merged into another: built once, since composing a statement per event
#: cost more than running it.
_STORED_EVENT = sa.select(t.events.c.event_id).where(t.events.c.event_id == sa.bindparam("eid"))
_MERGED_EVENT = sa.select(t.merges.c.id).where(t.merges.c.merged_event_id == sa.bindparam("eid"))

#: Modalities that never merge with what did happen (as ``rasd.dedup.events.find_duplicate``).
_SPECIAL = ("failed", "planned", "denied")

#: Deduplication's candidates for one event, every cheap test of ``find_duplicate`` done in SQL (served by
#: ``ix_events_dedup``): type, sub-event type, modality, the date gap for either event's precision, and a
#: place near enough or possibly in the same district — inside the ±31 days and ±1° the store always
#: searched. Rows not yet described by migration 0003 (NULL columns) are kept and judged in Python.
#: ``data`` is selected as text, so only the survivors' JSON is decoded.
_CANDIDATES = (
    sa.text(
        """
    SELECT event_id, event_date, lat, lon, admin2, geo_precision, time_precision, modality, data
    FROM events
    WHERE event_type = :type AND event_date BETWEEN :d0 AND :d1
      AND lat BETWEEN :lat0 AND :lat1 AND lon BETWEEN :lon0 AND :lon1
      AND status != 'rejected' AND event_id != :eid
      AND (:any_sub OR sub_event_type = :sub)
      AND (modality IS NULL OR (:special AND modality = :modality)
           OR (NOT :special AND modality NOT IN ('failed', 'planned', 'denied')))
      AND (event_date BETWEEN :w0 AND :w1 OR (time_precision = 2 AND event_date BETWEEN :s0 AND :s1)
           OR time_precision IS NULL OR time_precision NOT IN (1, 2))
      AND ((lat BETWEEN :nlat0 AND :nlat1 AND lon BETWEEN :nlon0 AND :nlon1) OR geo_precision IS NULL
           OR (admin2 = :admin2 AND (:coarse OR geo_precision >= 2)))
    """
    )
    .bindparams(
        *(sa.bindparam(k, type_=sa.Date) for k in ("d0", "d1", "w0", "w1", "s0", "s1")),
        *(sa.bindparam(k, type_=sa.Boolean) for k in ("any_sub", "special", "coarse")),
        sa.bindparam("admin2", type_=sa.Text),
    )
    .columns(event_date=sa.Date)
)

#: Stored documents sharing a band with a MinHash, but itself; built once (composing 25 conditions per
#: document in SQLAlchemy costs more than running the query).
_SAME_BANDS = sa.text(
    "SELECT doc_id, minhash FROM documents WHERE doc_id != :doc_id AND doc_id IN "
    "(SELECT doc_id FROM document_bands WHERE "
    + " OR ".join(f"(band = {b} AND hash = :h{b})" for b in range(LSH_BANDS))
    + ")"
)


def band_rows(doc_id: str, signature: bytes) -> list[dict[str, Any]]:
    """``document_bands`` rows of a document's MinHash (``rasd load`` stores them too)."""
    return [{"band": b, "hash": h, "doc_id": doc_id} for b, h in band_hashes(signature)]


def _actors_compatible(stored: dict[str, Any], e: Event) -> bool:
    """``rasd.dedup.events``' actor test on a stored event's JSON: the doers agree, or one report names as
    the target the doer the other names."""
    actor1 = stored.get("actor1")
    kb_id = actor1.get("kb_id") if isinstance(actor1, dict) else None
    if actor1 and e.actor1 and kb_id != e.actor1.kb_id:
        return e.actor2 is not None and kb_id == e.actor2.kb_id
    return True


def _window(time_precision: int | None) -> int:
    """Days two reports' dates may differ by at this time precision (as ``rasd.dedup.events``)."""
    return {1: 1, 2: 7}.get(time_precision, 31)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, the same formula as ``rasd.dedup.events``."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _insert_if_absent(c: sa.Connection, table: sa.Table, values: dict[str, Any], keys: list[str]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING on either backend; True when the row was inserted."""
    key = (c.dialect.name, table.name, tuple(keys), tuple(sorted(values)))
    stmt = _INSERT_IF_ABSENT.get(key)
    if stmt is None:  # built once per shape: composing the statement costs more than running it
        if c.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        stmt = insert(table).on_conflict_do_nothing(index_elements=keys).returning(table.c[keys[0]])
        _INSERT_IF_ABSENT[key] = stmt
    return c.execute(stmt, values).first() is not None


_INSERT_IF_ABSENT: dict[tuple, Any] = {}


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # transactions are begun by _sqlite_begin, not by the driver
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")  # first: switching to WAL may itself wait for a writer
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # WAL's recommended level: no fsync per commit, never a corrupt file; a power cut may roll back the last
    # batches, which a resumed run reads again without duplicating rows
    cur.execute("PRAGMA synchronous=NORMAL")
    # A big store's indexes are read and dirtied at random places (band hashes, event ids): pages read through a
    # memory map and a 64 MiB cache instead of a system call each, and the WAL copied back to the file every
    # 10,000 pages instead of 1,000 (a page rewritten by several batches is copied once). The cost of a new
    # report then grows less with the store (`make bench SECTIONS=dedup`).
    cur.execute("PRAGMA mmap_size=268435456")
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA wal_autocheckpoint=10000")
    cur.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    """Writers take SQLite's write lock when they begin (``BEGIN IMMEDIATE``), so two never interleave and
    none fails on upgrading a read lock; readers begin deferred and never block a writer (WAL)."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("rasd_write") else "BEGIN")
