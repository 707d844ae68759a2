"""End to end against real loopback servers: a feed and pages that change between rounds (new item,
changed item, 304s), a source answering 500 and one timing out, a folder receiving files, a webhook
receiver and an SMTP sink; then a restart that must lose and repeat nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import sqlalchemy as sa

from rasd.alerts import state as alert_state
from rasd.alerts.webhook import verify_signature
from rasd.store import EventFilter
from rasd.watch import Watcher, parse_config, source_health
from rasd.watch import state as watch_state
from tests.watch.watch_reports import (
    CLASH_HAJIN,
    PROTEST_SUWAYDA,
    SHELLING_SARAQIB,
    STRIKE_MAYADIN,
    page,
    rss,
)

SECRET = "s3cret-for-tests"


def _config(site, receiver, mail_sink, folder):
    text = f"""
options:
  timeout: 0.5
  per_host_interval: 0
  public_url: http://rasd.test
  webhook_backoff: 0.05
  min_summary_chars: 100
  user_agent_contact: desk@example.org
smtp: {{host: 127.0.0.1, port: {mail_sink.port}, sender: rasd@example.org}}
sources:
  - {{name: news, kind: rss, url: "{site.base}/feed.xml", every: 1s}}
  - {{name: broken, kind: rss, url: "{site.base}/broken.xml", every: 10s}}
  - {{name: slow, kind: page, url: "{site.base}/slow.html", every: 10s}}
  - {{name: drop, kind: folder, path: "{folder}", every: 1s, settle: 0s}}
alerts:
  - name: deir
    country: SY
    admin1: Deir ez-Zor
    event_types: [Battles, Explosions/Remote violence]
    webhook: {{url: "{receiver.url}", secret_env: HOOK_SECRET}}
    email: [desk@example.org]
  - name: civilians
    civilian_targeting: true
    min_fatalities: 2
    email: [civ@example.org]
  - name: aleppo
    admin1: Aleppo
    webhook: "{receiver.url}"
    email: [aleppo@example.org]
"""
    return parse_config(text, "sources.yaml", {"HOOK_SECRET": SECRET})


def _mails(sink, to):
    return [m for m in sink.messages if to in m["To"]]


def _events(store):
    events, _ = store.query_events(EventFilter(limit=1000))
    return {e.event_id: e for e in events}


def test_watch_codes_new_reports_once_alerts_the_right_people_and_survives_a_restart(
    store, resources, site, receiver, mail_sink, tmp_path
):
    folder = tmp_path / "incoming"
    folder.mkdir()
    site.set("/news/hajin.html", page("اشتباكات في هجين", CLASH_HAJIN))
    items = [
        {"title": "غارة على الميادين", "link": f"{site.base}/news/mayadin.html", "content": STRIKE_MAYADIN},
        {"title": "اشتباكات في هجين", "link": f"{site.base}/news/hajin.html", "summary": "اشتباكات في هجين"},
    ]
    site.set("/feed.xml", rss(items), content_type="application/rss+xml")
    site.set("/broken.xml", "oops", status=500)
    site.set("/slow.html", page("بطيء", PROTEST_SUWAYDA), delay=2.0)
    config = _config(site, receiver, mail_sink, folder)

    async def rounds():
        w = Watcher(config, store, resources, env={"HOOK_SECRET": SECRET})
        try:
            # Round 1: the feed's full item, the summary-only item's page; 500 and timeout kept as errors.
            r1 = await w.run_round()
            by = {p.source: p for p in r1.polls}
            assert by["news"].ok and by["news"].documents == 2
            assert not by["broken"].ok and "HTTP 500" in by["broken"].error
            assert not by["slow"].ok and "timed out" in by["slow"].error
            docs = store.counts()["documents"]
            events = _events(store)
            assert docs == 2
            deir = [e for e in events.values() if e.location and e.location.admin1 == "Deir ez-Zor"]
            assert {e.event_type for e in deir} == {"Battles", "Explosions/Remote violence"}

            # Round 2: nothing changed — the feed answers 304 and nothing new is stored or sent.
            sent_before = len(receiver.received), len(mail_sink.messages)
            r2 = await w.run_round()
            assert {p.source: p for p in r2.polls}["news"].not_modified
            assert site.hits("/feed.xml")[-1][1] == 304
            assert site.hits("/feed.xml")[-1][0].get("If-None-Match")
            assert store.counts()["documents"] == docs
            assert (len(receiver.received), len(mail_sink.messages)) == sent_before

            # Round 3: a new item, a changed item, and a file dropped in the folder.
            items.append(
                {
                    "title": "احتجاج في السويداء",
                    "link": f"{site.base}/news/suwayda.html",
                    "content": PROTEST_SUWAYDA,
                }
            )
            items[0]["title"] = "غارة على الميادين (محدث)"
            items[0]["content"] = STRIKE_MAYADIN + " وأكد ناشطون أن الغارة استهدفت مبنى سكنياً."
            site.set("/feed.xml", rss(items), content_type="application/rss+xml")
            (folder / "saraqib.txt").write_text(
                "قصف على سراقب\n\n" + SHELLING_SARAQIB + "\n", encoding="utf-8"
            )
            (folder / "partial.txt.part").write_text("لم يكتمل", encoding="utf-8")
            await w.run_round()
            assert store.counts()["documents"] == 5  # suwayda, the changed mayadin report, saraqib
            # the changed report's event merged into the one stored: still one air strike in Mayadin
            strikes = [e for e in _events(store).values() if e.sub_event_type == "Air/drone strike"]
            assert len(strikes) == 1 and len(strikes[0].doc_ids) == 2
            assert not watch_state.seen_items(store.engine, "drop", [str(folder / "partial.txt.part")])
        finally:
            await w.close()

    asyncio.run(rounds())

    events = _events(store)
    deir_ids = {e.event_id for e in events.values() if e.location and e.location.admin1 == "Deir ez-Zor"}
    # Webhook: one signed alert per matching event, with a link to its detail view and its evidence.
    alerts = receiver.payloads("alert")
    assert sorted(p["event_id"] for p in alerts) == sorted(deir_ids)
    for headers, body, _ in receiver.received:
        assert verify_signature(SECRET, headers["X-Rasd-Timestamp"], body, headers["X-Rasd-Signature"])
        assert headers["User-Agent"].startswith("rasd/")
    strike = next(p for p in alerts if p["event"]["sub_event_type"] == "Air/drone strike")
    assert strike["url"] == f"http://rasd.test/#event={strike['event_id']}"
    assert "الميادين" in strike["quote"] and "غارة" in strike["quote"]
    assert strike["rule"] == "deir" and "Mayadin" in strike["headline"]["en"]
    assert "الميادين" in strike["headline"]["ar"] and "5" in strike["headline"]["ar"]
    # E-mail: the same alerts to the desk; civilian-targeting ones (≥ 2 dead) to civ; nothing to aleppo.
    desk = _mails(mail_sink, "desk@example.org")
    assert len(desk) == len(deir_ids)
    civ = _mails(mail_sink, "civ@example.org")
    civ_events = {e.event_id for e in events.values() if e.civilian_targeting and e.fatalities.best >= 2}
    assert len(civ) == len(civ_events) == 2  # Mayadin's strike and Saraqib's shelling
    text = civ[0].get_body(("plain",)).get_content()
    assert "#event=" in text and "«" in text
    assert not _mails(mail_sink, "aleppo@example.org")
    assert not [p for p in alerts if p["rule"] == "aleppo"]
    # Health per source: errors kept, the working sources fine.
    health = {h["name"]: h for h in source_health(store.engine)}
    assert health["broken"]["status"] == "failing" and "500" in health["broken"]["last_error"]
    assert health["slow"]["status"] == "failing" and "timed out" in health["slow"]["last_error"]
    assert health["news"]["status"] == "ok" and health["news"]["documents"] == 4
    assert health["drop"]["documents"] == 1 and health["news"]["median_lag_seconds"] is not None
    # Backoff: the failing source waits every·2^failures (3 failures × 10 s → 80 s).
    nd = dt.datetime.fromisoformat(health["broken"]["next_due"])
    la = dt.datetime.fromisoformat(watch_state.load_health(store.engine)["broken"]["last_attempt"])
    assert 70 <= (nd - la).total_seconds() <= 90

    # Restart: an item published while the watcher was down is picked up; nothing else is redone.
    counts = store.counts()
    sent = len(receiver.received), len(mail_sink.messages)
    items.append(
        {
            "title": "غارة جديدة على الميادين",
            "link": f"{site.base}/news/mayadin-2.html",
            "content": STRIKE_MAYADIN.replace("يوم الجمعة", "فجر الثلاثاء 5 آذار 2024").replace(
                "خمسة", "ثلاثة"
            ),
            "date": "Tue, 05 Mar 2024 03:00:00 GMT",
        }
    )
    site.set("/feed.xml", rss(items), content_type="application/rss+xml")

    async def restarted():
        w = Watcher(config, store, resources, env={"HOOK_SECRET": SECRET})
        try:
            r = await w.run_round()
            assert {p.source: p for p in r.polls}["news"].new_items == 1
            again = await w.run_round()
            assert {p.source: p for p in again.polls}["news"].new_items == 0
        finally:
            await w.close()

    asyncio.run(restarted())
    assert store.counts()["documents"] == counts["documents"] + 1
    new_alerts = receiver.received[sent[0] :]
    # at most one new webhook alert (the new strike, if it is a new event rather than a merge) and
    # never one for an event alerted before
    ids = [json.loads(b)["event_id"] for _, b, _ in receiver.received]
    assert len(ids) == len(set(ids))
    assert len(new_alerts) <= 1
    with store.engine.connect() as c:
        keys = c.execute(sa.select(alert_state.deliveries.c.key)).scalars().all()
        statuses = set(c.execute(sa.select(alert_state.deliveries.c.status)).scalars())
    assert len(keys) == len(set(keys)) and statuses == {"sent"}
