"""``GET /api/live``: new events as server-sent events, for the page's live feed and its badge.

Each message is one event (``event: event``), with the alert rules it matches, a headline in
Arabic and English, the evidence quoted and the link to its detail view. ``id`` is the event's
creation stamp: a browser that reconnects sends it back (``Last-Event-ID``) and misses nothing.
A response lasts ``live_stream_seconds`` and the browser reconnects by itself.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from rasd.api.routers.alerts import read_access

router = APIRouter(prefix="/api", tags=["live"])


def _stamp(value: str | None) -> str | None:
    if not value:
        return None
    try:
        t = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=dt.UTC)).astimezone(dt.UTC).isoformat()


@router.get(
    "/live",
    summary="New events as server-sent events (text/event-stream), with matching alert rules",
    response_class=StreamingResponse,
    dependencies=[Depends(read_access)],
)
async def live(
    request: Request,
    since: str | None = Query(
        None, description="ISO time: also send events created after it (default: from now)"
    ),
    rules: str | None = Query(
        None, description="Comma-separated rule names: only events matching one of them"
    ),
) -> StreamingResponse:
    from rasd.alerts.live import feed_rules, live_items

    store = request.app.state.store
    settings = request.app.state.settings
    cursor = (
        _stamp(request.headers.get("last-event-id")) or _stamp(since) or dt.datetime.now(dt.UTC).isoformat()
    )
    only = {r.strip() for r in rules.split(",") if r.strip()} if rules else None

    async def stream() -> AsyncIterator[str]:
        nonlocal cursor
        loop = asyncio.get_running_loop()
        end = loop.time() + settings.live_stream_seconds
        sent: set[str] = set()
        floor = cursor
        yield "retry: 1000\n: rasd live feed\n\n"
        last_beat = loop.time()
        while loop.time() < end:
            if await request.is_disconnected():
                return
            active = await asyncio.to_thread(feed_rules, store.engine)
            items, cursor = await asyncio.to_thread(
                live_items, store, cursor, active, only_rules=only, sent=sent, floor=floor
            )
            for item in items:
                yield f"id: {item['created_at']}\nevent: event\ndata: {json.dumps(item, ensure_ascii=False)}\n\n"
            if loop.time() - last_beat > 15:
                yield ": keep-alive\n\n"
                last_beat = loop.time()
            await asyncio.sleep(settings.live_poll_seconds)
        yield "event: reconnect\ndata: {}\n\n"

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
