"""The HTTP API on a real SQLite store holding the sample's events: every endpoint, and bad input."""

import json

import pytest
from fastapi.testclient import TestClient

from rasd.api.main import create_app
from rasd.store.sql import SqlStore

REPORT = (
    "قصف مدفعي على سراقب\n\n2022.03.02 | 09:00 إدلب\n\nقصفت قوات النظام السوري بالمدفعية الثقيلة مدينة سراقب "
    "شرق إدلب أمس، ما أدى إلى مقتل ثلاثة مدنيين، بحسب ناشطين محليين."
)


@pytest.fixture()
def client(tmp_path, settings, resources, sample_text):
    """A client signed in with a reviewer's API token (tests/api/test_auth.py covers the anonymous side)."""
    store = SqlStore(f"sqlite:///{tmp_path / 'api.sqlite'}", settings)
    store.accounts.add_user("a1", "a1-long-passphrase", "reviewer")
    token = store.accounts.create_token("a1")
    app = create_app(
        settings.replace(max_request_bytes=200_000, allowed_hosts="testserver"), store, resources
    )
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        r = c.post("/api/documents", json={"text": sample_text, "url": "https://www.syria.tv/x"})
        assert r.status_code == 201, r.text
        yield c
    store.close()


def review(client, eid, body):
    """PATCH an event with the version just read (If-Match), as the page does."""
    tag = client.get(f"/api/events/{eid}").headers.get("etag", '"1"')
    return client.patch(f"/api/events/{eid}", json=body, headers={"If-Match": tag})


def test_health_and_openapi(client):
    assert client.get("/api/health").json()["events"] > 0
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/stats",
        "/api/export",
        "/api/events/{event_id}/audit",
    ):
        assert path in spec["paths"], path


def test_list_filter_page(client):
    page = client.get("/api/events").json()
    assert page["total"] == len(page["items"]) > 3
    assert client.get("/api/events", params={"event_type": "Battles"}).json()["total"] >= 1
    assert client.get("/api/events", params={"bbox": "40.5,34.3,41.2,34.8"}).json()["total"] >= 1
    assert client.get("/api/events", params={"bbox": "0,0,1,1"}).json()["total"] == 0
    assert client.get("/api/events", params={"text": "الباغوز"}).json()["total"] >= 1
    assert client.get("/api/events", params={"limit": 2}).json()["items"].__len__() == 2
    assert client.get("/api/events", params={"country": "SY", "since": "2018-11-01"}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "many"},
        {"limit": 0},
        {"since": "yesterday"},
        {"bbox": "1,2,3"},
        {"bbox": "10,10,5,5"},
        {"country": "S\x00"},
        {"sort": "body"},
        {"min_confidence": 2},
    ],
)
def test_bad_query_is_422(client, params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422 and "detail" in r.json()


def test_event_detail_has_evidence_and_documents(client):
    eid = client.get("/api/events").json()["items"][0]["event_id"]
    d = client.get(f"/api/events/{eid}").json()
    body = d["documents"][0]["body"]
    for ev in d["event"]["evidence"]:
        assert body[ev["start"] : ev["end"]] == ev["text"]
    assert client.get("/api/events/nope").status_code == 404
    doc_id = d["documents"][0]["doc_id"]
    assert client.get(f"/api/documents/{doc_id}").json()["title"]
    assert client.get("/api/documents/nope").status_code == 404


def test_review_confirm_edit_reject_with_audit(client):
    eid = client.get("/api/events").json()["items"][0]["event_id"]
    r = review(
        client,
        eid,
        {
            "action": "edit",
            "reviewer": "someone-else",
            "note": "n",
            "changes": {"notes": "checked against the hospital list"},
        },
    )
    assert r.status_code == 200 and r.json()["status"] == "edited"
    assert review(client, eid, {"action": "confirm"}).json()["status"] == "confirmed"
    audit = client.get(f"/api/events/{eid}/audit").json()
    assert [(a["action"], a["reviewer"]) for a in audit] == [("edit", "a1"), ("confirm", "a1")]
    assert client.get("/api/events", params={"status": "confirmed"}).json()["total"] == 1
    assert review(client, eid, {"action": "delete"}).status_code == 422
    assert review(client, eid, {"action": "edit", "changes": {"event_id": "hijack"}}).status_code == 422
    assert client.patch("/api/events/nope", json={"action": "confirm", "version": 1}).status_code == 404


def test_submit_report_and_dedup(client):
    r = client.post("/api/documents", json={"text": REPORT, "published_at": "2022-03-02T09:00:00+02:00"})
    assert r.status_code == 201
    out = r.json()
    assert out["new"] and any(
        e["sub_event_type"] == "Shelling/artillery/missile attack" for e in out["events"]
    )
    again = client.post("/api/documents", json={"text": REPORT})
    assert again.status_code == 201 and again.json()["new"] is False
    assert client.post("/api/documents", json={"text": REPORT, "html": "<p>x</p>"}).status_code == 422
    assert client.post("/api/documents", json={}).status_code == 422
    assert client.post("/api/documents", json={"text": "   "}).status_code == 422
    assert (
        client.post(
            "/api/documents", content=b"not json", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )


def test_huge_body_is_413(client):
    r = client.post(
        "/api/documents",
        content=json.dumps({"text": "ا" * 300_000}).encode(),
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 413


def test_hostile_strings_stay_inert(client):
    nasty = "'); DROP TABLE events; -- <script>alert(1)</script>"
    eid = client.get("/api/events").json()["items"][0]["event_id"]
    r = review(client, eid, {"action": "edit", "note": nasty, "changes": {"notes": nasty}})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert client.get(f"/api/events/{eid}").json()["event"]["notes"] == nasty
    assert client.get("/api/events", params={"text": nasty, "actor": nasty}).status_code == 200
    assert client.get("/api/health").json()["events"] > 0


def test_stats_and_export(client):
    s = client.get("/api/stats").json()
    assert s["total"] > 0 and s["by_event_type"] and s["by_week"] and s["by_admin1"]
    g = client.get("/api/export", params={"format": "geojson"})
    assert (
        g.headers["content-type"].startswith("application/geo+json")
        and g.json()["type"] == "FeatureCollection"
    )
    csv = client.get("/api/export", params={"format": "acled-csv"}).text
    assert csv.startswith("event_id_cnty,event_date")
    assert client.get("/api/export", params={"format": "xml"}).status_code == 422


def test_meta_lists_taxonomy_and_what_the_store_holds(client):
    meta = client.get("/api/meta").json()
    assert "Air/drone strike" in meta["taxonomy"]["Explosions/Remote violence"]
    events = client.get("/api/events").json()["items"]
    assert sum(meta["event_types"].values()) == len(events)
    assert set(meta["countries"]) == {e["location"]["country"] for e in events if e["location"]}
    assert meta["country_names"]["SY"] == {"en": "Syria", "ar": "سوريا"}
    assert meta["date_range"] == [min(e["event_date"] for e in events), max(e["event_date"] for e in events)]
    x0, y0, x1, y1 = meta["bounds"]
    for e in events:
        if e["location"] and e["location"]["lat"] is not None:
            assert x0 <= e["location"]["lon"] <= x1 and y0 <= e["location"]["lat"] <= y1
    assert {a["kb_id"] for a in meta["actors"]} >= {e["actor1"]["kb_id"] for e in events if e["actor1"]}


def test_stats_and_export_take_the_event_filters(client):
    events = client.get("/api/events").json()["items"]
    some_type = events[0]["event_type"]
    n = sum(e["event_type"] == some_type for e in events)
    assert client.get("/api/stats", params={"event_type": some_type}).json()["total"] == n
    lines = client.get("/api/export", params={"format": "jsonl", "event_type": some_type}).text.splitlines()
    assert len(lines) == n
    assert client.get("/api/stats", params={"since": "2030-01-01"}).json()["total"] == 0
    by_name = client.get("/api/stats", params={"country": "syria"}).json()  # forgiving: a name is a country
    assert by_name["total"] == client.get("/api/stats", params={"country": "SY"}).json()["total"] > 0
    assert client.get("/api/events", params={"since": "2019-01-01", "until": "2018-01-01"}).status_code == 422


def test_chunked_body_over_the_limit_is_413(client):
    def chunks():
        for _ in range(30):
            yield b'{"text": "' + "ا".encode() * 5000

    r = client.post("/api/documents", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    small = json.dumps({"text": REPORT}).encode()
    r = client.post(
        "/api/documents", content=iter([small[:50], small[50:]]), headers={"content-type": "application/json"}
    )
    assert r.status_code == 201  # a chunked body under the limit is replayed whole to the route


def test_edit_must_stay_in_the_taxonomy(client):
    eid = client.get("/api/events").json()["items"][0]["event_id"]
    bad = {
        "action": "edit",
        "changes": {"event_type": "Battles", "sub_event_type": "Grenade"},
    }
    r = review(client, eid, bad)
    assert r.status_code == 422 and "taxonomy" in r.json()["detail"]
    good = {
        "action": "edit",
        "changes": {"event_type": "Battles", "sub_event_type": "Armed clash"},
    }
    assert review(client, eid, good).json()["sub_event_type"] == "Armed clash"


def test_web_page_basemap_and_place_labels(client):
    page = client.get("/")
    assert page.status_code == 200 and 'id="map"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert (
        client.get("/static/js/app.js")
        .headers["content-type"]
        .startswith(("text/javascript", "application/javascript"))
    )
    assert client.get("/static/../pyproject.toml").status_code == 404
    base = client.get("/api/basemap", headers={"accept-encoding": "gzip"})
    assert base.status_code == 200 and base.headers.get("content-encoding") == "gzip"
    layers = base.json()["layers"]
    assert {"land", "countries", "admin1", "admin1_labels", "rivers", "lakes", "country_labels"} <= set(
        layers
    )
    places = client.get("/api/places").json()["features"]
    ranks = [f["properties"]["rank"] for f in places]
    assert ranks == sorted(ranks) and len(places) > 1000
    deir = [f for f in places if f["properties"]["name_en"] == "Deir ez-Zor"]
    assert deir and deir[0]["properties"]["name_ar"] == "دير الزور"
