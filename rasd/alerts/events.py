"""Reading events for alerting and the live feed: those created, or confirmed, after a cursor.

Cursors are the stored ``created_at``/``updated_at`` stamps (UTC ISO strings, which sort as
text). A reader looks back ``overlap`` seconds before its cursor, since a transaction that
started earlier may commit later; deliveries' unique keys make the overlap harmless.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from rasd.models import Event
from rasd.store import schema as t

OVERLAP = dt.timedelta(seconds=120)


def _minus(cursor: str, delta: dt.timedelta) -> str:
    return (dt.datetime.fromisoformat(cursor) - delta).isoformat()


def created_since(
    engine: sa.Engine, cursor: str, *, overlap: dt.timedelta = OVERLAP, limit: int = 2000
) -> list[tuple[str, Event]]:
    """(created_at, event) for events created after ``cursor`` − ``overlap``, oldest first."""
    ev = t.events.c
    with engine.connect() as c:
        rows = c.execute(
            sa.select(ev.created_at, ev.data)
            .where(ev.created_at > _minus(cursor, overlap), ev.status != "rejected")
            .order_by(ev.created_at, ev.event_id)
            .limit(limit)
        ).all()
    return [(stamp, Event.from_dict(data)) for stamp, data in rows]


def confirmed_since(
    engine: sa.Engine, cursor: str, *, overlap: dt.timedelta = OVERLAP, limit: int = 2000
) -> list[tuple[str, Event]]:
    """(updated_at, event) for events a reviewer confirmed or edited after ``cursor`` − ``overlap``."""
    ev = t.events.c
    with engine.connect() as c:
        rows = c.execute(
            sa.select(ev.updated_at, ev.data)
            .where(ev.updated_at > _minus(cursor, overlap), ev.status.in_(("confirmed", "edited")))
            .order_by(ev.updated_at, ev.event_id)
            .limit(limit)
        ).all()
    return [(stamp, Event.from_dict(data)) for stamp, data in rows]


def created_between(engine: sa.Engine, start: dt.datetime, end: dt.datetime) -> list[Event]:
    """Events coded in ``[start, end)`` (not rejected), by event date."""
    ev = t.events.c
    with engine.connect() as c:
        rows = c.execute(
            sa.select(ev.data)
            .where(
                ev.created_at >= start.astimezone(dt.UTC).isoformat(),
                ev.created_at < end.astimezone(dt.UTC).isoformat(),
                ev.status != "rejected",
            )
            .order_by(ev.event_date, ev.event_id)
        ).all()
    return [Event.from_dict(r[0]) for r in rows]


def latest_created(engine: sa.Engine) -> str | None:
    with engine.connect() as c:
        return c.execute(sa.select(sa.func.max(t.events.c.created_at))).scalar()


def documents_for(store, event: Event) -> dict[str, Any]:
    """The event's stored source reports, by doc_id (for quoting the evidence)."""
    return {d: store.get_document(d) for d in event.doc_ids}
