"""The live feed (SSE), alert-rule editing and watch health over HTTP, on a real SQLite store."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from fastapi.testclient import TestClient

from rasd.alerts import state as alert_state
from rasd.alerts.rules import AlertRule
from rasd.api.main import create_app
from rasd.ingest import read_text
from rasd.pipeline import process_document
from rasd.store.sql import SqlStore
from rasd.watch import state as watch_state
from tests.watch.watch_reports import SHELLING_SARAQIB, STRIKE_MAYADIN


def _store_report(store, resources, text: str) -> list:
    doc = read_text(text, resources.settings, source_uri="test://" + str(abs(hash(text))))
    processed = process_document(doc, resources)
    store.save_processed(doc, list(processed.mentions), list(processed.events))
    return list(processed.events)


def _sse(text: str) -> list[dict]:
    out = []
    for block in text.split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":")
        )
        if fields.get("event") == "event":
            out.append({"id": fields["id"], **json.loads(fields["data"])})
    return out


@pytest.fixture()
def app_store(tmp_path, settings):
    s = settings.replace(live_stream_seconds=1.0, live_poll_seconds=0.1)
    store = SqlStore(f"sqlite:///{tmp_path / 'live.sqlite'}", s)
    yield s, store
    store.close()


def test_live_feed_sends_new_events_with_rules_quote_and_link_and_resumes(app_store, resources):
    settings, store = app_store
    alert_state.ensure_tables(store.engine)
    alert_state.sync_file_rules(
        store.engine,
        (AlertRule(name="idlib", admin1=("Idlib",)), AlertRule(name="quiet", admin1=("Aleppo",), feed=False)),
    )
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    events = _store_report(store, resources, "قصف على سراقب\n\n" + SHELLING_SARAQIB)
    assert events
    client = TestClient(create_app(settings, store), base_url="http://127.0.0.1:8765")
    r = client.get("/api/live", params={"since": before.isoformat()})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    items = _sse(r.text)
    assert {i["event_id"] for i in items} == {e.event_id for e in events}
    shelling = items[0]
    assert shelling["rules"] == ["idlib"]  # "quiet" is not shown in the page
    assert shelling["url"] == f"/#event={shelling['event_id']}"
    assert "سراقب" in shelling["quote"] and "سراقب" in shelling["headline"]["ar"]
    # Resuming with Last-Event-ID sends only what came after it.
    newer = _store_report(store, resources, "غارة على الميادين\n\n" + STRIKE_MAYADIN)
    r2 = client.get("/api/live", headers={"Last-Event-ID": items[-1]["id"]})
    assert {i["event_id"] for i in _sse(r2.text)} == {e.event_id for e in newer}
    # A rule filter keeps only its events.
    r3 = client.get("/api/live", params={"since": before.isoformat(), "rules": "idlib"})
    assert {i["event_id"] for i in _sse(r3.text)} == {e.event_id for e in events}


def test_health_lists_watched_sources(app_store):
    settings, store = app_store
    watch_state.ensure_tables(store.engine)
    watch_state.save_health(
        store.engine,
        "feed-a",
        {"kind": "rss", "target": "http://127.0.0.1/x", "consecutive_failures": 2, "last_error": "HTTP 500"},
    )
    client = TestClient(create_app(settings, store), base_url="http://127.0.0.1:8765")
    health = client.get("/api/health").json()
    assert health["watch"][0]["name"] == "feed-a" and health["watch"][0]["status"] == "failing"
    assert client.get("/api/watch/health").json()[0]["last_error"] == "HTTP 500"


def test_rules_are_listed_to_readers_and_edited_by_admins_only(app_store):
    pytest.importorskip("rasd.api.auth")
    settings, store = app_store
    client = TestClient(create_app(settings, store), base_url="http://127.0.0.1:8765")
    assert client.get("/api/alerts/rules").json() == []
    rule = "name: hama\nadmin1: Hama\nevent_types: [Battles]\nmin_fatalities: 1\n"
    assert client.put("/api/alerts/rules/hama", json={"yaml": rule}).status_code == 401
    store.accounts.add_user("ana", "a long enough password", "reviewer")
    store.accounts.add_user("root", "another long password", "admin")
    reviewer = {"Authorization": f"Bearer {store.accounts.create_token('ana')}"}
    admin = {"Authorization": f"Bearer {store.accounts.create_token('root')}"}
    assert client.put("/api/alerts/rules/hama", json={"yaml": rule}, headers=reviewer).status_code == 403
    r = client.put("/api/alerts/rules/hama", json={"yaml": rule}, headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["origin"] == "page" and r.json()["updated_by"] == "root"
    listed = client.get("/api/alerts/rules").json()
    assert [x["name"] for x in listed] == ["hama"] and listed[0]["spec"]["min_fatalities"] == 1
    bad = "name: hama\nadmin1: Hama\nevent_types: [Battle]\ncolour: red\n"
    r = client.put("/api/alerts/rules/hama", json={"yaml": bad}, headers=admin)
    assert r.status_code == 422
    lines = {p["line"] for p in r.json()["detail"]["problems"]}
    assert lines == {3, 4}
    assert client.delete("/api/alerts/rules/hama", headers=admin).status_code == 204
    assert client.delete("/api/alerts/rules/hama", headers=admin).status_code == 404
    assert client.get("/api/alerts/deliveries", headers=admin).json() == []
