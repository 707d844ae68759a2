"""Sources one by one against a loopback site: sitemaps, pages, robots.txt, Retry-After, the per-host pace,
a linked page that never comes, and webhook deliveries that fail and are retried later."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
import sqlalchemy as sa

from rasd.alerts import state as alert_state
from rasd.store.sql import SqlStore
from rasd.watch import Watcher, parse_config
from rasd.watch import state as watch_state
from rasd.watch.fetch import Fetcher, FetchError
from tests.watch.watch_reports import (
    CLASH_HAJIN,
    PROTEST_SUWAYDA,
    SHELLING_SARAQIB,
    STRIKE_MAYADIN,
    page,
    rss,
)


@pytest.fixture()
def sqlite_store(tmp_path, settings):
    s = SqlStore(f"sqlite:///{tmp_path / 'w.sqlite'}", settings)
    yield s
    s.close()


def _run(config_text, store, resources, rounds=1, env=None):
    async def go():
        w = Watcher(parse_config(config_text, "s.yaml", env), store, resources, env=env)
        try:
            return [await w.run_round() for _ in range(rounds)]
        finally:
            await w.close()

    return asyncio.run(go())


def test_a_sitemap_index_its_pages_and_a_changed_page(site, sqlite_store, resources):
    site.set("/a.html", page("هجين", CLASH_HAJIN))
    site.set("/b.html", page("سراقب", SHELLING_SARAQIB))
    site.set(
        "/sitemap.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.base}/news.xml</loc></sitemap></sitemapindex>",
        content_type="application/xml",
    )
    site.set(
        "/news.xml",
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.base}/a.html</loc><lastmod>2024-03-01</lastmod></url>"
        f"<url><loc>{site.base}/b.html</loc><lastmod>2024-03-02</lastmod></url></urlset>",
        content_type="application/xml",
    )
    site.set("/live.html", page("تغطية", STRIKE_MAYADIN))
    text = f"""
options: {{per_host_interval: 0}}
sources:
  - {{name: map, kind: sitemap, url: "{site.base}/sitemap.xml", every: 1s}}
  - {{name: live, kind: page, url: "{site.base}/live.html", every: 1s}}
"""
    (r1,) = _run(text, sqlite_store, resources)
    by = {p.source: p for p in r1.polls}
    assert by["map"].documents == 2 and by["live"].documents == 1
    # the live page changes: coded again; the unchanged sitemap answers 304
    site.set("/live.html", page("تغطية", STRIKE_MAYADIN + "\n" + PROTEST_SUWAYDA))
    (r2,) = _run(text, sqlite_store, resources)
    by = {p.source: p for p in r2.polls}
    assert by["map"].not_modified and by["live"].documents == 1
    assert sqlite_store.counts()["documents"] == 4
    assert [s for _, s in site.hits("/a.html")] == [200]  # each page fetched once


def test_robots_txt_retry_after_and_the_per_host_pace():
    async def go(site):
        f = Fetcher(per_host_interval=0.3, robots=True)
        try:
            site.set("/robots.txt", "User-agent: rasd\nDisallow: /private/\n", content_type="text/plain")
            site.set("/private/x.html", "secret")
            site.set("/busy", "later", status=503)
            with pytest.raises(FetchError) as e:
                await f.get(f"{site.base}/private/x.html")
            assert e.value.code == "robots"
            assert not site.hits("/private/x.html")
            site.routes["/busy"].status = 503
            with pytest.raises(FetchError) as e:
                await f.get(f"{site.base}/busy")
            assert e.value.code == "http-503"
            site.set("/a", "a")
            site.set("/b", "b")
            await asyncio.gather(f.get(f"{site.base}/a"), f.get(f"{site.base}/b"))
        finally:
            await f.close()

    from tests.watch.watch_servers import Site, serve_site

    site = Site()
    server = serve_site(site)
    try:
        asyncio.run(go(site))
    finally:
        server.shutdown()
    # requests to one host are spaced by the pace, whatever the concurrency
    times = [t for t in site.request_times]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.25, gaps
    assert all(h.get("User-Agent", "").startswith("rasd/") for _, h, _ in site.log)


def test_retry_after_lengthens_the_backoff(site, sqlite_store, resources):
    site.set("/feed.xml", "busy", status=503)
    site.routes["/feed.xml"].retry_after = "120"
    text = f"""
options: {{per_host_interval: 0, max_backoff: 1h}}
sources:
  - {{name: f, kind: rss, url: "{site.base}/feed.xml", every: 5s}}
"""
    _run(text, sqlite_store, resources)
    row = watch_state.load_health(sqlite_store.engine)["f"]
    wait = dt.datetime.fromisoformat(row["next_due"]) - dt.datetime.fromisoformat(row["last_attempt"])
    assert 115 <= wait.total_seconds() <= 125 and "503" in row["last_error"]


def test_a_linked_page_that_never_comes_is_retried_then_the_summary_is_used(site, sqlite_store, resources):
    summary = "ملخص: " + SHELLING_SARAQIB
    site.set("/feed.xml", rss([{"title": "سراقب", "link": f"{site.base}/gone.html", "summary": summary}]))
    text = f"""
options: {{per_host_interval: 0, max_item_attempts: 3, min_summary_chars: 5000}}
sources:
  - {{name: f, kind: rss, url: "{site.base}/feed.xml", every: 1s}}
"""
    rounds = _run(text, sqlite_store, resources, rounds=3)
    assert [r.polls[0].item_errors for r in rounds] == [1, 1, 0]
    assert rounds[2].polls[0].documents == 1  # the summary, after 3 failed page fetches
    assert len(site.hits("/gone.html")) == 3
    # while the item was pending, the feed's validators were not saved: every round read it whole
    assert [s for _, s in site.hits("/feed.xml")] == [200, 200, 200]


def test_a_webhook_that_fails_is_retried_in_later_rounds_and_sent_once(
    site, receiver, sqlite_store, resources, tmp_path
):
    folder = tmp_path / "in"
    folder.mkdir()
    receiver.fail_next = 100  # down
    text = f"""
options: {{per_host_interval: 0, webhook_attempts: 2, webhook_backoff: 0.01, delivery_retries: 5}}
sources:
  - {{name: drop, kind: folder, path: "{folder}", every: 1s, settle: 0s}}
alerts:
  - {{name: all, webhook: "{receiver.url}"}}
"""

    async def go():
        w = Watcher(parse_config(text), sqlite_store, resources)
        try:
            (folder / "a.txt").write_text("سراقب\n\n" + SHELLING_SARAQIB, encoding="utf-8")
            r = await w.run_round()
            assert r.alerts_failed >= 1 and not receiver.received
            receiver.fail_next = 0  # back up
            with sqlite_store.engine.begin() as c:  # as if the retry wait were over
                c.execute(alert_state.deliveries.update().values(tried_at="2000-01-01T00:00:00+00:00"))
            await w.run_round()
            await w.run_round()
        finally:
            await w.close()

    asyncio.run(go())
    assert len(receiver.received) == len(receiver.payloads()) >= 1
    ids = [p["event_id"] for p in receiver.payloads()]
    assert len(ids) == len(set(ids))
    with sqlite_store.engine.connect() as c:
        rows = c.execute(sa.select(alert_state.deliveries.c.status, alert_state.deliveries.c.attempts)).all()
    assert {s for s, _ in rows} == {"sent"} and all(a == 2 for _, a in rows)
