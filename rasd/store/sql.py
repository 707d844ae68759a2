"""``SqlStore``: the Store protocol on SQLAlchemy, for SQLite (default) and PostgreSQL.

Each processed document is written in one transaction (document, mentions,
events, sources, merges), so a run killed at any moment leaves whole documents
or none, and a rerun skips what is stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from importlib import resources
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from rasd.dedup import find_duplicate, merge
from rasd.dedup.documents import from_bytes, minhash_of, to_bytes
from rasd.errors import NotFoundError, StoreError
from rasd.kb.lexicon import TAXONOMY
from rasd.models import Document, Event, Failure, Mention
from rasd.settings import Settings
from rasd.store import schema as t
from rasd.store.base import EventFilter, ReviewAction
from rasd.text import normalise_key

logger = logging.getLogger(__name__)

_SORTABLE = {"event_date", "confidence", "event_type", "country", "admin1", "created_at"}
_EDITABLE = {
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
    "actor1",
    "actor2",
    "location",
    "geo_precision",
    "fatalities",
    "civilian_targeting",
    "modality",
    "notes",
    "interaction",
}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def engine_url(url: str) -> str:
    """``postgresql://`` (and ``postgres://``) use the psycopg 3 driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class SqlStore:
    """Documents, events and their review history in one SQL database."""

    def __init__(self, url: str, settings: Settings | None = None) -> None:
        self.url = url
        self.settings = settings or Settings.load()
        try:
            self.engine = sa.create_engine(engine_url(url), future=True)
            if self.engine.dialect.name == "sqlite":
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
        except sa.exc.SQLAlchemyError as e:
            raise StoreError(f"cannot open the database: {e.__class__.__name__}: {e}", source=url) from e
        self._signatures: dict[str, Any] | None = None

    def _migrate(self) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("rasd.store").joinpath("migrations")))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    # documents -------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as c:
            return (
                c.execute(sa.select(t.documents.c.doc_id).where(t.documents.c.doc_id == doc_id)).first()
                is not None
            )

    def _near_duplicate(self, doc: Document) -> tuple[str | None, bytes]:
        mh = minhash_of(doc.body, self.settings.minhash_num_perm)
        if self._signatures is None:
            with self.engine.connect() as c:
                rows = c.execute(sa.select(t.documents.c.doc_id, t.documents.c.minhash)).all()
            self._signatures = {d: from_bytes(b, self.settings.minhash_num_perm) for d, b in rows if b}
        best = None
        for other_id, other in self._signatures.items():
            if other_id != doc.doc_id and mh.jaccard(other) >= self.settings.minhash_threshold:
                best = other_id
                break
        return best, to_bytes(mh)

    def _insert_document(self, c: sa.Connection, doc: Document, mentions: list[Mention] | None) -> None:
        dup_of, signature = self._near_duplicate(doc)
        row = doc.to_dict()
        row.update(
            body_norm=normalise_key(doc.body),
            minhash=signature,
            near_duplicate_of=dup_of,
            captions=list(doc.captions),
        )
        c.execute(t.documents.insert().values(**{k: v for k, v in row.items() if k in t.documents.c}))
        if c.dialect.name == "sqlite":
            c.exec_driver_sql(
                "INSERT INTO documents_fts (doc_id, body_norm) VALUES (?, ?)", (doc.doc_id, row["body_norm"])
            )
        if mentions:
            c.execute(
                t.mentions.insert(),
                [
                    {
                        "doc_id": doc.doc_id,
                        "kind": m.kind,
                        "start": m.start,
                        "end": m.end,
                        "surface": m.surface,
                        "normalised": m.normalised,
                        "kb_id": m.kb_id,
                        "score": m.score,
                    }
                    for m in mentions
                ],
            )
        self._signatures[doc.doc_id] = from_bytes(signature, self.settings.minhash_num_perm)  # type: ignore[index]

    def save_document(self, doc: Document, mentions: list[Mention] | None = None) -> bool:
        with self.engine.begin() as c:
            if c.execute(sa.select(t.documents.c.doc_id).where(t.documents.c.doc_id == doc.doc_id)).first():
                return False
            self._insert_document(c, doc, mentions)
            return True

    def save_processed(
        self, doc: Document, mentions: list[Mention], events: list[Event]
    ) -> tuple[bool, int, int]:
        """Document, mentions and events in one transaction: (new document?, events added, events merged)."""
        with self.engine.begin() as c:
            if c.execute(sa.select(t.documents.c.doc_id).where(t.documents.c.doc_id == doc.doc_id)).first():
                return False, 0, 0
            self._insert_document(c, doc, mentions)
            added, merged = self._save_events(c, events)
            return True, added, merged

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
        with self.engine.begin() as c:
            self._save_events(c, events)
        return [e for e in (self.get_event(e.event_id) for e in events) if e is not None] or []

    def _candidates(self, c: sa.Connection, e: Event) -> list[Event]:
        if e.event_date is None or e.location is None or e.location.lat is None:
            return []
        q = sa.select(t.events.c.data).where(
            t.events.c.event_type == e.event_type,
            t.events.c.event_date.between(
                e.event_date - dt.timedelta(days=31), e.event_date + dt.timedelta(days=31)
            ),
            t.events.c.lat.between(e.location.lat - 1, e.location.lat + 1),
            t.events.c.lon.between(e.location.lon - 1, e.location.lon + 1),
            t.events.c.status != "rejected",
        )
        return [Event.from_dict(r[0]) for r in c.execute(q)]

    def _save_events(self, c: sa.Connection, events: list[Event]) -> tuple[int, int]:
        added = merged = 0
        for e in events:
            if c.execute(sa.select(t.events.c.event_id).where(t.events.c.event_id == e.event_id)).first():
                continue  # the same extraction again: stable ids make reruns idempotent
            dup = find_duplicate(e, self._candidates(c, e), self.settings)
            if dup is not None:
                kept, reason = dup
                combined = merge(kept, e, reason)
                combined = dataclasses.replace(combined, updated_at=dt.datetime.now(dt.UTC))
                c.execute(
                    t.events.update()
                    .where(t.events.c.event_id == kept.event_id)
                    .values(**_event_row(combined))
                )
                c.execute(
                    t.merges.insert().values(
                        kept_event_id=kept.event_id, merged_event_id=e.event_id, reason=reason, at=_now()
                    )
                )
                target = kept.event_id
                merged += 1
            else:
                now = dt.datetime.now(dt.UTC)
                e = dataclasses.replace(e, created_at=e.created_at or now, updated_at=now)
                c.execute(t.events.insert().values(event_id=e.event_id, **_event_row(e)))
                target = e.event_id
                added += 1
            for doc_id in e.doc_ids:
                exists = c.execute(
                    sa.select(t.event_sources.c.doc_id).where(
                        t.event_sources.c.event_id == target, t.event_sources.c.doc_id == doc_id
                    )
                ).first()
                if not exists:
                    c.execute(t.event_sources.insert().values(event_id=target, doc_id=doc_id))
        return added, merged

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
        if action.action not in ("confirm", "edit", "reject"):
            raise StoreError(f"unknown review action {action.action!r}", source=event_id, code="bad-action")
        with self.engine.begin() as c:
            row = c.execute(sa.select(t.events.c.data).where(t.events.c.event_id == event_id)).first()
            if row is None:
                raise NotFoundError("no such event", source=event_id)
            before = row[0]
            data = dict(before)
            bad = set(action.changes) - _EDITABLE
            if bad:
                raise StoreError(f"fields not editable: {sorted(bad)}", source=event_id, code="bad-field")
            data.update(action.changes)
            if data["sub_event_type"] not in TAXONOMY.get(data["event_type"], ()):
                raise StoreError(
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
                raise StoreError(f"invalid change: {e}", source=event_id, code="bad-change") from e
            c.execute(t.events.update().where(t.events.c.event_id == event_id).values(**_event_row(event)))
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
        return event

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
        with self.engine.begin() as c:
            c.execute(
                t.failures.insert().values(
                    source=failure.source,
                    code=failure.code,
                    message=failure.message,
                    stage=failure.stage,
                    at=_now(),
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
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "status": e.status,
        "confidence": e.confidence,
        "actors": actors + "|",
        "created_at": e.created_at.isoformat() if e.created_at else None,
        "updated_at": e.updated_at.isoformat() if e.updated_at else None,
    }


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()
