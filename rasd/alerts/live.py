"""The page's live feed: events coded since a cursor, each with the rules it matches and its evidence.

Read from the store (not from the watcher's memory), so events coded by ``rasd watch``,
``rasd run`` or a report posted to the API all appear, whichever process stored them.
"""

from __future__ import annotations

from typing import Any

from rasd.alerts import events as ev_read
from rasd.alerts import state
from rasd.alerts.message import evidence_quote, headline, place_text
from rasd.alerts.rules import AlertRule


def feed_rules(engine) -> list[AlertRule]:
    """Rules that show in the page (``feed: true``) and fire on new events."""
    try:
        rules = state.load_rules(engine, None)
    except Exception:  # the alert tables do not exist yet: no watcher ever ran on this store
        return []
    return [r for r in rules if r.feed and r.enabled and r.status in ("new", "any")]


def live_items(
    store,
    cursor: str,
    rules: list[AlertRule],
    *,
    only_rules: set[str] | None = None,
    sent: set[str] | None = None,
    floor: str | None = None,
) -> tuple[list[dict[str, Any]], str]:
    """Items for events created after ``cursor`` but not before ``floor`` (and not in ``sent``), and the
    new cursor.

    The store is read a little before ``cursor`` (a transaction may commit after a later one), and
    ``sent`` drops what this connection already sent; ``floor`` (where the connection started, or
    the browser's Last-Event-ID) keeps older events out. ``only_rules`` keeps events matching one
    of those rules.
    """
    out = []
    new_cursor = cursor
    for stamp, event in ev_read.created_since(store.engine, cursor, limit=200):
        new_cursor = max(new_cursor, stamp)
        if (sent is not None and event.event_id in sent) or (floor and stamp <= floor):
            continue
        matched = [r.name for r in rules if r.matches(event, when="new")]
        if only_rules and not set(matched) & only_rules:
            continue
        text, report = evidence_quote(event, ev_read.documents_for(store, event))
        loc = event.location
        out.append(
            {
                "event_id": event.event_id,
                "created_at": stamp,
                "event_type": event.event_type,
                "sub_event_type": event.sub_event_type,
                "event_date": event.event_date.isoformat() if event.event_date else None,
                "place": {"ar": place_text(event, "ar"), "en": place_text(event, "en")},
                "lat": loc.lat if loc else None,
                "lon": loc.lon if loc else None,
                "fatalities": event.fatalities.best,
                "headline": {"ar": headline(event, "ar"), "en": headline(event, "en")},
                "quote": text,
                "report_url": report,
                "rules": matched,
                "url": f"/#event={event.event_id}",
            }
        )
        if sent is not None:
            sent.add(event.event_id)
    return out, new_cursor
