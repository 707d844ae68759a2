"""Live-monitoring lag: from a new feed item to its stored event, and to its delivered alert.

20 RSS feeds on a loopback server gain 100 items (one every 0.15 s, on feeds in turn); `rasd watch`
polls each feed every second (per-host pace off: every feed is on one loopback host) and a rule that
matches everything posts each new event to a loopback webhook receiver. Lag is measured per item:
item published → its report's event stored (``events.created_at``), and → the alert received. Items
whose event merged into an earlier one send no alert (only new events do), so fewer alerts than
items are expected.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import socket
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import sqlalchemy as sa
from corpus import report_text
from harness import Result

from rasd.resources import load_resources
from rasd.settings import Settings
from rasd.store import schema as t
from rasd.store.sql import SqlStore
from rasd.watch import Watcher, parse_config

FEEDS = 20
ITEMS = 100
EVERY = 0.15  # seconds between two new items


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(handler) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", _port()), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def bench(reporter) -> None:
    settings = Settings.load()
    res = load_resources(settings)
    rng = random.Random(11)
    feeds: dict[str, list[str]] = {f"/feed/{i}.xml": [] for i in range(FEEDS)}
    added: dict[str, float] = {}  # item link -> wall time it appeared
    received: dict[str, float] = {}  # event id -> wall time its alert arrived
    lock = threading.Lock()

    class Feeds(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            with lock:
                items = list(feeds.get(self.path, ()))
            body = (
                '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>bench</title>'
                + "".join(items)
                + "</channel></rss>"
            ).encode()
            self.send_response(200 if self.path in feeds else 404)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Hook(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.setdefault(json.loads(body)["event_id"], time.time())
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    feed_server, hook_server = _serve(Feeds), _serve(Hook)
    base = f"http://127.0.0.1:{feed_server.server_port}"
    hook = f"http://127.0.0.1:{hook_server.server_port}/hook"
    sources = "\n".join(
        f'  - {{name: f{i}, kind: rss, url: "{base}/feed/{i}.xml", every: 1s}}' for i in range(FEEDS)
    )
    config = parse_config(
        f"options: {{per_host_interval: 0, robots: false, max_concurrent: 20}}\nsources:\n{sources}\n"
        f'alerts:\n  - {{name: all, webhook: "{hook}"}}\n'
    )
    tmp = Path(tempfile.mkdtemp(prefix="rasd-bench-watch-"))
    store = SqlStore(f"sqlite:///{tmp / 'watch.sqlite'}", settings)

    def publish() -> None:
        for i in range(ITEMS):
            title, body = report_text(1000 + i, rng)
            link = f"{base}/news/{i}.html"
            paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
            item = (
                f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                f"<pubDate>{dt.datetime.now(dt.UTC):%a, %d %b %Y %H:%M:%S GMT}</pubDate>"
                f"<content:encoded><![CDATA[{paras}]]></content:encoded></item>"
            )
            with lock:
                feeds[f"/feed/{i % FEEDS}.xml"].insert(0, item)
                added[link] = time.time()
            time.sleep(EVERY)

    async def watch() -> float:
        w = Watcher(config, store, res)
        publisher = threading.Thread(target=publish)
        t0 = time.perf_counter()
        publisher.start()
        task = asyncio.create_task(w.run(alert_every=0.5, tick=0.05))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            await asyncio.sleep(0.5)
            with store.engine.connect() as c:
                done = c.execute(sa.text("SELECT count(*) FROM watch_seen")).scalar()
            if not publisher.is_alive() and done >= ITEMS:
                await asyncio.sleep(1.5)  # the last alerts
                break
        w.stop()
        await task
        await w.close()
        return time.perf_counter() - t0

    seconds = asyncio.run(watch())
    with store.engine.connect() as c:
        rows = c.execute(
            sa.select(t.documents.c.source_uri, t.events.c.event_id, t.events.c.created_at).select_from(
                t.events.join(t.event_sources).join(t.documents)
            )
        ).all()
    store.close()
    feed_server.shutdown()
    hook_server.shutdown()
    stored: dict[str, float] = {}
    first_source: dict[str, str] = {}
    for uri, event_id, created in rows:
        when = dt.datetime.fromisoformat(created).timestamp()
        if uri in added:
            stored[uri] = min(stored.get(uri, when), when)
            first_source.setdefault(event_id, uri)
    store_lags = [stored[u] - added[u] for u in stored]
    alert_lags = [received[e] - added[first_source[e]] for e in received if e in first_source]
    for name, lags in (("item → stored event", store_lags), ("item → delivered alert", alert_lags)):
        if not lags:
            continue
        reporter.results.append(
            Result(
                "watch",
                name,
                len(lags),
                "items",
                seconds,
                0.0,
                extra={
                    "sources": FEEDS,
                    "median_s": round(statistics.median(lags), 2),
                    "worst_s": round(max(lags), 2),
                    "poll": "1s",
                },
            )
        )
